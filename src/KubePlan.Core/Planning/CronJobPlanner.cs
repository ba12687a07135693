using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// Plans a CronJob: the plan of the Job its <c>jobTemplate</c> creates at each tick, plus the
/// schedule's next runs and what the controller does at a tick while a Job is still running
/// (<c>pkg/controller/cronjob/cronjob_controllerv2.go</c> syncCronJob; <c>utils.go</c>
/// nextScheduleTime and mostRecentScheduleTime).
/// </summary>
public static class CronJobPlanner
{
    /// <summary>More missed schedules than this since the last run draw the controller's TooManyMissedTimes warning.</summary>
    public const int MissedSchedulesLimit = 100;

    public const int DefaultSuccessfulJobsHistoryLimit = 3;

    public const int DefaultFailedJobsHistoryLimit = 1;

    /// <summary>
    /// Wraps <paramref name="job"/> (the jobTemplate's plan, planned under the CronJob's name) with the schedule.
    /// </summary>
    public static RolloutPlan Plan(RolloutPlan job, CronJobSchedulePlan schedule, int? successfulJobsHistoryLimit = null, int? failedJobsHistoryLimit = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(schedule);
        var notes = new List<string>();
        var gap = ShortestGap(schedule.NextRuns);
        var run = job.TotalDuration;
        var overlaps = gap is { } g && run > g;
        var gapText = gap is { } gg ? DurationText.Format(gg) : null;

        notes.Add(schedule.ConcurrencyPolicy switch
        {
            "Forbid" => "concurrencyPolicy Forbid: a tick while the previous Job is still active creates no Job; the controller starts that run late, as soon as the previous Job finishes, unless startingDeadlineSeconds has passed by then."
                + (overlaps ? Invariant($" Runs can be {gapText} apart and a run takes about {DurationText.Format(run)}, so runs will be delayed or skipped.") : string.Empty),
            "Replace" => "concurrencyPolicy Replace: a tick while the previous Job is still active deletes that Job, and its pods with it, and starts a new one."
                + (overlaps ? Invariant($" Runs can be {gapText} apart and a run takes about {DurationText.Format(run)}, so Jobs are deleted before they finish.") : string.Empty),
            _ => "concurrencyPolicy Allow: every tick creates a Job, even while earlier ones still run."
                + (overlaps ? Invariant($" Runs can be {gapText} apart and a run takes about {DurationText.Format(run)}, so about {Math.Ceiling(run / gap!.Value).ToString(CultureInfo.InvariantCulture)} Jobs run at once.") : string.Empty),
        });

        if (schedule.StartingDeadlineSeconds is { } deadline)
        {
            notes.Add(Invariant($"startingDeadlineSeconds {deadline}: a run that cannot start within {DurationText.Format(TimeSpan.FromSeconds(deadline))} of its time (controller down, Forbid waiting, suspended) is recorded as missed and skipped."));
        }

        var outage = gap is { } step ? Invariant($" With runs {DurationText.Format(step)} apart, that takes an outage or suspension of about {DurationText.Format(step * (MissedSchedulesLimit + 1))}.") : string.Empty;
        if (schedule.StartingDeadlineSeconds is { } window && gap is { } shortest && window / shortest.TotalSeconds <= MissedSchedulesLimit)
        {
            outage = Invariant($" startingDeadlineSeconds {window} limits the count to the schedules of the last {DurationText.Format(TimeSpan.FromSeconds(window))}, so it stays below that.");
        }

        notes.Add(Invariant($"When the controller finds more than {MissedSchedulesLimit} missed schedules since the last run, it records a TooManyMissedTimes warning and starts only the most recent one (the controller before Kubernetes 1.21 stopped scheduling instead).{outage}"));
        notes.Add(Invariant($"History: the last {successfulJobsHistoryLimit ?? DefaultSuccessfulJobsHistoryLimit} successful and {failedJobsHistoryLimit ?? DefaultFailedJobsHistoryLimit} failed Jobs are kept (successfulJobsHistoryLimit, failedJobsHistoryLimit), older ones are deleted."));
        notes.AddRange(job.Notes);

        var when = schedule.NextRuns.Count > 0
            ? Invariant($"next run {schedule.NextRuns[0].ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} ({schedule.TimeZone})")
            : "the schedule has no next run";
        var verdict = schedule.Suspend
            ? Invariant($"suspended: no Job is created until spec.suspend is set to false ({schedule.Description})")
            : Invariant($"{schedule.Description}, {when}; each run: {job.Verdict}");
        return job with
        {
            Notes = notes,
            Verdict = verdict,
            Schedule = schedule,
            Parameters = schedule.Suspend ? job.Parameters with { Paused = true } : job.Parameters,
        };
    }

    /// <summary>The shortest time between two consecutive runs in <paramref name="runs"/>, or null with fewer than two.</summary>
    public static TimeSpan? ShortestGap(IReadOnlyList<DateTimeOffset> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        TimeSpan? shortest = null;
        for (var i = 1; i < runs.Count; i++)
        {
            var gap = runs[i] - runs[i - 1];
            if (shortest is null || gap < shortest)
            {
                shortest = gap;
            }
        }

        return shortest;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
