using System.Globalization;
using KubePlan.Cron;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules.Cron;

namespace KubePlan.Rules.Jobs;

/// <summary>
/// Two CronJob settings that make runs overlap or go missing. With concurrencyPolicy Allow (the
/// default), a schedule that fires again before activeDeadlineSeconds has run out lets runs
/// overlap. A startingDeadlineSeconds under 10 s is shorter than the controller's sync period
/// (it re-checks every 10 s), so runs are missed (upstream warns the same: "startingDeadlineSeconds
/// less than 10 seconds ... may not be scheduled").
/// </summary>
public sealed class CronJobConcurrencyRule : Rule
{
    /// <summary>Runs looked at to find the shortest gap between two of them.</summary>
    private const int SampleRuns = 300;

    private static readonly DateTimeOffset SampleStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override RuleInfo Info { get; } = new(
        RuleIds.CronJobConcurrency,
        Severity.Warning,
        "jobs",
        "A CronJob whose runs overlap (concurrencyPolicy Allow with a schedule that fires again within activeDeadlineSeconds) or get missed (startingDeadlineSeconds under 10 s).",
        "Set concurrencyPolicy: Forbid (or Replace), or a deadline shorter than the schedule's interval; keep startingDeadlineSeconds at 10 s or more.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (cronJob, _, parsed) in context.CronSchedules)
        {
            if (cronJob.At("spec", "startingDeadlineSeconds") is { Scalar: { } starting } startingAt && starting.AsInt64() is { } seconds and >= 0 and < 10)
            {
                yield return Report(cronJob, startingAt,
                    $"startingDeadlineSeconds {seconds.ToString(CultureInfo.InvariantCulture)} is shorter than the CronJob controller's 10-second sync: runs the controller does not reach in time are skipped");
            }

            var policy = cronJob.At("spec", "concurrencyPolicy")?.String ?? "Allow";
            if (policy != "Allow" || parsed.Schedule is not { NeverRuns: false } schedule
                || cronJob.At("spec", "jobTemplate", "spec", "activeDeadlineSeconds") is not { Scalar: { } deadlineScalar } deadlineAt
                || deadlineScalar.AsInt64() is not { } deadline || ShortestGap(schedule) is not { } gap || deadline <= gap.TotalSeconds)
            {
                continue;
            }

            yield return Report(cronJob, deadlineAt,
                $"a run may last {deadline.ToString(CultureInfo.InvariantCulture)} s (activeDeadlineSeconds) but schedule \"{parsed.Source}\" fires again after {Describe(gap)}, and concurrencyPolicy {policy} starts the next run anyway: runs overlap");
        }
    }

    /// <summary>The shortest time between two runs of the schedule, over a sample of its runs in UTC.</summary>
    private static TimeSpan? ShortestGap(CronSchedule schedule)
    {
        if (schedule.Kind == CronScheduleKind.Every)
        {
            return schedule.Interval;
        }

        var runs = CronOccurrences.NextRuns(schedule, SampleStart, TimeZoneInfo.Utc, SampleRuns);
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

    private static string Describe(TimeSpan gap) =>
        gap.TotalMinutes < 60 ? gap.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : gap.TotalHours < 48 ? gap.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : gap.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days";
}
