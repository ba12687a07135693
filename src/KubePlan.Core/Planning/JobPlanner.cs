using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// Plans a Job the way the Job controller runs it (<c>pkg/controller/job/job_controller.go</c>
/// manageJob): it keeps <c>min(parallelism, completions − succeeded)</c> pods active, so with pods
/// of equal run time the Job advances in waves. A work queue (completions unset) runs one wave of
/// <c>parallelism</c> pods; a suspended Job, or one with parallelism 0, runs none. Pure functions.
/// </summary>
public static class JobPlanner
{
    /// <summary>The run time of one pod assumed when --job-duration is not given.</summary>
    public const int DefaultJobDurationSeconds = 60;

    /// <summary>spec.backoffLimit's API default (<c>pkg/apis/batch/v1/defaults.go</c>).</summary>
    public const int DefaultBackoffLimit = 6;

    /// <summary>The first pod-failure back-off (<c>DefaultJobPodFailureBackOff</c>).</summary>
    public static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(10);

    /// <summary>The longest pod-failure back-off (<c>MaxJobPodFailureBackOff</c> in job_controller.go).</summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(10);

    /// <summary>The kubelet's crash-loop back-off cap, for restartPolicy OnFailure.</summary>
    public static readonly TimeSpan MaxContainerBackOff = TimeSpan.FromMinutes(5);

    /// <summary>At most this many pods are created or deleted in one sync (<c>MaxPodCreateDeletePerSync</c>).</summary>
    public const int MaxPodCreatePerSync = 500;

    /// <summary>The built-in controller's spec.managedBy value.</summary>
    public const string BuiltInController = "kubernetes.io/job-controller";

    /// <summary>
    /// The back-off a Job spends before the failure that exceeds its limit: the controller waits
    /// 10 s after the first failure and doubles the wait with every further consecutive failure,
    /// up to <see cref="MaxBackOff"/> (backoff_utils.go getRemainingTimeForFailuresCount). The Job
    /// fails when failures exceed <paramref name="backoffLimit"/>, so <paramref name="backoffLimit"/>
    /// retries are waited for: 3 gives 10 s + 20 s + 40 s.
    /// </summary>
    public static TimeSpan BackOffBeforeFailure(int backoffLimit)
    {
        var total = TimeSpan.Zero;
        var delay = FirstBackOff;
        for (var i = 0; i < backoffLimit; i++)
        {
            if (delay >= MaxBackOff)
            {
                return total + (MaxBackOff * (backoffLimit - i));
            }

            total += delay;
            delay *= 2;
        }

        return total;
    }

    /// <summary>The back-off after the n-th consecutive failure (1-based).</summary>
    public static TimeSpan BackOffAfterFailure(int failures)
    {
        var delay = FirstBackOff;
        for (var i = 1; i < failures && delay < MaxBackOff; i++)
        {
            delay *= 2;
        }

        return delay < MaxBackOff ? delay : MaxBackOff;
    }

    public static RolloutPlan Plan(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Parallelism < 0 || request.Completions < 0 || request.JobDurationSeconds < 0 || request.PodStartupSeconds < 0)
        {
            throw new ArgumentException("parallelism, completions and durations must not be negative", nameof(request));
        }

        var mode = request.Indexed ? "Indexed" : "NonIndexed";
        var strategy = request.Completions is null ? "WorkQueue" : mode;
        var backoffLimit = request.BackoffLimit ?? (request.BackoffLimitPerIndex is null ? DefaultBackoffLimit : int.MaxValue);
        var wave = TimeSpan.FromSeconds((long)request.PodStartupSeconds + request.JobDurationSeconds);
        var steps = new List<PlanStep>();
        var notes = new List<string>();
        string verdict;
        var paused = false;

        if (request.ManagedBy is { } managedBy && managedBy != BuiltInController)
        {
            verdict = Invariant($"managed by {managedBy}: the built-in Job controller leaves this Job alone, so no pod is planned");
            notes.Add(Invariant($"spec.managedBy {managedBy}: another controller runs this Job (job_controller.go skips Jobs it does not manage)."));
        }
        else if (request.Suspend || request.Parallelism == 0)
        {
            paused = true;
            verdict = request.Suspend
                ? "suspended: no pod runs until spec.suspend is set to false"
                : "parallelism 0: no pod runs until spec.parallelism is raised";
            notes.Add(request.Suspend
                ? "A suspended Job keeps no pod running (the controller deletes active pods on suspend); activeDeadlineSeconds counts only from when it is resumed."
                : "spec.parallelism 0 keeps the Job from running any pod, like a suspended Job, until parallelism is raised.");
        }
        else if (request.Completions is null)
        {
            // Work queue: wantActive = parallelism while nothing has succeeded.
            var pods = request.Parallelism;
            steps.Add(new PlanStep
            {
                Step = 1,
                OldReplicas = 0,
                NewReplicas = pods,
                Actions = [Invariant($"create {Pods(pods)}; the Job succeeds once any pod succeeds and every pod has stopped")],
                MaxPods = pods,
                MinAvailable = pods,
                MaxUnavailable = 0,
                Duration = wave,
            });
            verdict = Invariant($"work queue of {Pods(pods)} in 1 wave: finishes when any pod succeeds and the rest stop, about {DurationText.Format(wave)}");
            notes.Add("completions unset (a work queue): the pods share the work from an outside queue; no pod is created after the first success, and the Job succeeds once any pod has succeeded and all have stopped.");
        }
        else
        {
            var completions = request.Completions.Value;
            var succeeded = 0;
            while (succeeded < completions)
            {
                var running = Math.Min(request.Parallelism, completions - succeeded);
                var indexes = request.Indexed ? Enumerable.Range(succeeded, running).ToList() : null;
                var action = request.Indexed
                    ? Invariant($"create {Pods(running)} for {IndexText(succeeded, running)}")
                    : Invariant($"create {Pods(running)}");
                if (running > MaxPodCreatePerSync)
                {
                    action += Invariant($" (over {(running + MaxPodCreatePerSync - 1) / MaxPodCreatePerSync} syncs, {MaxPodCreatePerSync} per sync)");
                }

                succeeded += running;
                steps.Add(new PlanStep
                {
                    Step = steps.Count + 1,
                    OldReplicas = 0,
                    NewReplicas = running,
                    Actions = [action, Invariant($"{Pods(running)} {(running == 1 ? "succeeds" : "succeed")}: {succeeded} of {completions} completions")],
                    MaxPods = running,
                    MinAvailable = running,
                    MaxUnavailable = 0,
                    CompletionsReached = succeeded,
                    Indexes = indexes,
                    Duration = wave,
                });
            }

            var total = wave * steps.Count;
            verdict = completions == 0
                ? "nothing to do: completions 0, the Job is complete as soon as it is created"
                : Invariant($"{DurationText.Plural(completions, "completion", "completions")}, {request.Parallelism} at a time, in {DurationText.Plural(steps.Count, "wave", "waves")}: about {DurationText.Format(total)}");
            notes.Add(Invariant($"The controller keeps min(parallelism {request.Parallelism}, completions {completions} − succeeded) pods running, replacing each pod that succeeds; with pods of equal run time that gives waves."));
            if (request.Indexed)
            {
                notes.Add(Invariant($"Indexed: every pod gets a completion index (JOB_COMPLETION_INDEX), the lowest pending index first; the Job is complete when each index 0–{Math.Max(0, completions - 1)} has succeeded once."));
            }

            if (request.HasSuccessPolicy)
            {
                notes.Add("spec.successPolicy: the Job succeeds as soon as the policy's indexes have succeeded; the remaining pods are stopped, so it may finish before the last wave.");
            }
        }

        if (steps.Count > 0)
        {
            notes.Add(Invariant($"A wave takes about {DurationText.Format(wave)}: pod startup {DurationText.Format(TimeSpan.FromSeconds(request.PodStartupSeconds))} (--pod-startup) + run time {DurationText.Format(TimeSpan.FromSeconds(request.JobDurationSeconds))} (--job-duration, an estimate; default {DurationText.Format(TimeSpan.FromSeconds(DefaultJobDurationSeconds))}). The plan assumes every pod succeeds."));
            if (steps.Max(s => s.NewReplicas) > 1)
            {
                notes.Add("The controller creates a wave's pods in batches of 1, 2, 4, … within a sync (slow start), stopping at the first error.");
            }
        }

        var totalDuration = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        if (steps.Count > 0 && request.ActiveDeadlineSeconds is { } deadline)
        {
            var limit = TimeSpan.FromSeconds(deadline);
            if (totalDuration > limit)
            {
                var elapsed = TimeSpan.Zero;
                var failedIn = steps.Count;
                for (var i = 0; i < steps.Count; i++)
                {
                    elapsed += steps[i].Duration;
                    if (elapsed > limit)
                    {
                        failedIn = i + 1;
                        break;
                    }
                }

                verdict = Invariant($"fails: activeDeadlineSeconds {deadline} ({DurationText.Format(limit)}) runs out during wave {failedIn} of {steps.Count} (the waves need about {DurationText.Format(totalDuration)}), and the Job fails with DeadlineExceeded");
                steps = steps.Take(failedIn).ToList();
                steps[^1] = steps[^1] with
                {
                    Actions = [.. steps[^1].Actions.Take(1), "activeDeadlineSeconds is reached: the running pods are deleted and the Job fails (DeadlineExceeded)"],
                    CompletionsReached = steps[^1].CompletionsReached is { } reached ? reached - steps[^1].NewReplicas : null,
                    Duration = limit - (elapsed - steps[^1].Duration),
                };
                totalDuration = limit;
            }
        }

        notes.AddRange(FailureNotes(request, backoffLimit, totalDuration));
        return new RolloutPlan
        {
            Subject = request.Subject,
            Strategy = strategy,
            Parameters = new PlanParameters
            {
                Replicas = request.Parallelism,
                FromReplicas = request.Parallelism,
                Completions = request.Completions,
                Parallelism = request.Parallelism,
                CompletionMode = mode,
                BackoffLimit = backoffLimit,
                JobDurationSeconds = request.JobDurationSeconds,
                Paused = paused ? true : null,
            },
            Steps = steps,
            Notes = notes,
            TotalDuration = totalDuration,
            Verdict = verdict,
        };
    }

    private static List<string> FailureNotes(JobRequest request, int backoffLimit, TimeSpan runTime)
    {
        var notes = new List<string>();
        var limitText = backoffLimit == int.MaxValue ? "unlimited" : backoffLimit.ToString(CultureInfo.InvariantCulture);
        if (request.RestartPolicy == "OnFailure")
        {
            notes.Add(Invariant($"restartPolicy OnFailure: a failed container restarts inside its pod after the kubelet's back-off (10s, doubling, capped at {DurationText.Format(MaxContainerBackOff)}); the Job fails once the container restarts of its running pods reach backoffLimit {limitText} (job_controller.go pastBackoffLimitOnFailure)."));
        }
        else if (backoffLimit == 0)
        {
            notes.Add("restartPolicy Never with backoffLimit 0: the first failed pod fails the Job; nothing is retried.");
        }
        else if (backoffLimit != int.MaxValue)
        {
            var spent = BackOffBeforeFailure(backoffLimit);
            var delays = Enumerable.Range(1, Math.Min(backoffLimit, 4)).Select(i => DurationText.Format(BackOffAfterFailure(i))).ToList();
            var sum = string.Join(" + ", delays) + (backoffLimit > 4 ? " + …" : string.Empty);
            notes.Add(Invariant($"restartPolicy Never: each failed pod is replaced after the controller's back-off, 10s doubling with each consecutive failure and capped at {DurationText.Format(MaxBackOff)} (backoff_utils.go; a success resets it). The Job fails once failures exceed backoffLimit {backoffLimit}: the {DurationText.Plural(backoffLimit, "retry", "retries")} spend {sum} = {DurationText.Format(spent)} of back-off before failure {backoffLimit + 1} fails it."));
        }

        if (request.BackoffLimitPerIndex is { } perIndex)
        {
            var max = request.MaxFailedIndexes is { } m
                ? Invariant($"; once more than maxFailedIndexes {m} indexes have failed, the whole Job fails at once")
                : "; the Job fails at the end if any index failed";
            notes.Add(Invariant($"backoffLimitPerIndex {perIndex}: each index may fail {DurationText.Plural(perIndex, "time", "times")} (with its own back-off) before it is marked failed, and the other indexes carry on{max}. spec.backoffLimit is then unlimited unless set."));
        }

        if (request.PodFailurePolicyActions is { Count: > 0 } actions)
        {
            var counts = actions.GroupBy(a => a, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Invariant($"{g.Count()} {g.Key}"));
            notes.Add(Invariant($"podFailurePolicy with {DurationText.Plural(actions.Count, "rule", "rules")} ({string.Join(", ", counts)}), checked in order, the first match deciding: FailJob fails the Job at once, Ignore does not count the failure against backoffLimit, Count counts it, FailIndex fails the pod's index; an unmatched failure counts."));
        }

        if (request.ActiveDeadlineSeconds is { } deadline)
        {
            var limit = TimeSpan.FromSeconds(deadline);
            var left = limit > runTime ? limit - runTime : TimeSpan.Zero;
            notes.Add(Invariant($"activeDeadlineSeconds {deadline} ({DurationText.Format(limit)}) wins over backoffLimit: once the Job has been active that long it fails (DeadlineExceeded) and its pods are deleted, however many retries remain; the planned run leaves {DurationText.Format(left)} for retries and back-off."));
        }

        notes.Add(request.TtlSecondsAfterFinished is { } ttl
            ? Invariant($"ttlSecondsAfterFinished {ttl}: the TTL-after-finished controller deletes the Job and its pods {DurationText.Format(TimeSpan.FromSeconds(ttl))} after it completes or fails.")
            : "No ttlSecondsAfterFinished: the finished Job and its pods stay until someone deletes them (a CronJob's history limits delete the Jobs it created).");
        return notes;
    }

    private static string IndexText(int first, int count) =>
        count == 1 ? Invariant($"index {first}") : Invariant($"indexes {first}–{first + count - 1}");

    private static string Pods(int n) => DurationText.Plural(n, "pod", "pods");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
