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
        return string.Join(", ", parts);
    }

    /// <summary>The plan in one phrase: <c>a rolling update of 10 replicas in 3 waves, about 40s</c>.</summary>
    public static string Summary(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var p = plan.Parameters;
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

        if (plan.Verdict.StartsWith("does not finish", StringComparison.Ordinal) || plan.Verdict.StartsWith("nothing to do", StringComparison.Ordinal))
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

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<string> parts, string name, int? value)
    {
        if (value is { } v)
        {
            parts.Add(Invariant($"{name} {v}"));
        }
    }
}
