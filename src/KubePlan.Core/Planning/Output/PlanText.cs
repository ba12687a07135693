using System.Globalization;

namespace KubePlan.Planning.Output;

/// <summary>The phrases every plan format shares: titles, resolved parameters, the one-line summary.</summary>
public static class PlanText
{
    /// <summary><c>Deployment/web in default</c>.</summary>
    public static string Title(PlanSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind + "/" + subject.Name + (subject.Namespace is null ? string.Empty : " in " + subject.Namespace);
    }

    /// <summary>The resolved inputs: <c>replicas 10, maxSurge 3, maxUnavailable 2</c>.</summary>
    public static string Parameters(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.Parameters;
        if (IsJob(plan))
        {
            var job = new List<string>
            {
                p.Completions is { } c ? Invariant($"completions {c}") : "completions unset (work queue)",
                p.FromReplicas == p.Replicas ? Invariant($"parallelism {p.Replicas}") : Invariant($"parallelism {p.FromReplicas} → {p.Replicas}"),
                "completionMode " + p.CompletionMode,
            };
            Add(job, "backoffLimit", p.BackoffLimit == int.MaxValue ? null : p.BackoffLimit);
            if (p.JobDurationSeconds is { } d)
            {
                job.Add("job duration " + DurationText.Format(TimeSpan.FromSeconds(d)));
            }

            if (p.Paused == true)
            {
                job.Add("suspended");
            }

            return string.Join(", ", job);
        }

        var unit = IsDaemonSet(plan) ? "nodes" : "replicas";
        var parts = new List<string>
        {
            p.FromReplicas == p.Replicas ? Invariant($"{unit} {p.Replicas}") : Invariant($"{unit} {p.FromReplicas} → {p.Replicas}"),
        };
        Add(parts, "maxSurge", p.MaxSurge);
        Add(parts, "maxUnavailable", p.MaxUnavailable);
        Add(parts, "partition", p.Partition);
        Add(parts, "ordinals.start", p.OrdinalsStart);
        if (p.PodManagementPolicy is not null)
        {
            parts.Add("podManagementPolicy " + p.PodManagementPolicy);
        }

        Add(parts, "minReadySeconds", p.MinReadySeconds);
        if (p.Paused == true)
        {
            parts.Add("paused");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The plan in one phrase: <c>a rolling update of 10 replicas in 3 waves, about 40s</c>.</summary>
    public static string Summary(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.Parameters;
        if (IsJob(plan))
        {
            var job = p.Completions is { } c
                ? Invariant($"a Job of {c} {(c == 1 ? "completion" : "completions")}, {p.Parallelism} at a time")
                : Invariant($"a work-queue Job of {p.Parallelism} {(p.Parallelism == 1 ? "pod" : "pods")}");
            if (plan.Schedule is { } schedule)
            {
                job = Invariant($"a CronJob ({schedule.Expression}) running {job}");
            }

            if (plan.Steps.Count == 0 || plan.Verdict.StartsWith("fails", StringComparison.Ordinal))
            {
                return job + ": " + plan.Verdict;
            }

            var jobWaves = plan.Steps.Count == 1 ? "1 wave" : Invariant($"{plan.Steps.Count} waves");
            return Invariant($"{job} in {jobWaves}, about {DurationText.Format(plan.TotalDuration)}");
        }

        var unit = IsDaemonSet(plan) ? (p.Replicas == 1 ? "node" : "nodes") : (p.Replicas == 1 ? "replica" : "replicas");
        var what = plan.Strategy switch
        {
            "Scale" => Invariant($"a resize from {p.FromReplicas} to {p.Replicas} {(p.Replicas == 1 ? "replica" : "replicas")}"),
            "RollingUpdate" => Invariant($"a rolling update of {p.Replicas} {unit}"),
            "Recreate" => Invariant($"a recreate of {p.Replicas} {unit}"),
            "OnDelete" => Invariant($"an OnDelete update of {p.Replicas} {unit}"),
            var other => Invariant($"a {other} of {p.Replicas} {unit}"),
        };
        if (p.FromReplicas != p.Replicas && plan.Strategy != "Scale")
        {
            what += Invariant($" (from {p.FromReplicas})");
        }

        if (plan.Parameters.Paused == true || plan.Verdict.StartsWith("does not finish", StringComparison.Ordinal) || plan.Verdict.StartsWith("nothing to do", StringComparison.Ordinal))
        {
            return what + ": " + plan.Verdict;
        }

        var waves = plan.Steps.Count == 1 ? "1 wave" : Invariant($"{plan.Steps.Count} waves");
        return Invariant($"{what} in {waves}, about {DurationText.Format(plan.TotalDuration)}");
    }

    /// <summary>Whole seconds, the unit of every duration in the machine-readable formats.</summary>
    public static long Seconds(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);

    public static string Duration(TimeSpan duration) => DurationText.Format(duration);

    internal static bool IsDaemonSet(RolloutPlan plan) => plan.Subject.Kind == "DaemonSet";

    /// <summary>A Job's or CronJob's plan: its steps are waves of pods that run to completion.</summary>
    public static bool IsJob(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Parameters.CompletionMode is not null;
    }

    /// <summary>The schedule lines of a CronJob's plan: the expression in its zone, then the next runs.</summary>
    public static IReadOnlyList<string> ScheduleLines(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Schedule is not { } s)
        {
            return [];
        }

        var lines = new List<string>
        {
            Invariant($"schedule: {s.Expression} in {s.TimeZone}: {s.Description}; concurrencyPolicy {s.ConcurrencyPolicy}")
                + (s.StartingDeadlineSeconds is { } d ? Invariant($", startingDeadlineSeconds {d}") : string.Empty)
                + (s.Suspend ? ", suspended" : string.Empty),
        };
        if (s.NextRuns.Count > 0)
        {
            lines.Add("next runs: " + string.Join(", ", s.NextRuns.Select(RunText)));
        }

        return lines;
    }

    /// <summary>What every format says when the input holds no workload to plan.</summary>
    public const string NothingToPlan = "nothing to plan: no Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or CronJob in the input";

    /// <summary>A percentage with at most one decimal: <c>20%</c>, <c>33.3%</c>.</summary>
    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>One line per Service that selects the workload's pods: its share of the endpoints.</summary>
    public static IReadOnlyList<string> EndpointLines(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Endpoints is not { } shares
            ? []
            : shares.Select(e => Invariant($"endpoints: {Percent(e.Percent)} of Service {e.Service} ({e.Replicas} of {e.TotalReplicas} pods; it also selects {string.Join(", ", e.Workloads)})")).ToList();
    }

    /// <summary>A run time with its zone's offset: <c>2026-03-08 02:30 +01:00</c>.</summary>
    public static string RunText(DateTimeOffset run) => run.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<string> parts, string name, int? value)
    {
        if (value is { } v)
        {
            parts.Add(Invariant($"{name} {v}"));
        }
    }
}
