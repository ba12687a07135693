using System.Text.Json.Serialization;

namespace KubePlan.Planning;

/// <summary>
/// A rollout plan (DESIGN.md, Plan contract). Property names are PascalCase; a serializer with a
/// camelCase naming policy gives the documented JSON shape.
/// </summary>
public sealed record RolloutPlan
{
    [JsonPropertyName("object")]
    public required PlanSubject Subject { get; init; }

    /// <summary><c>RollingUpdate</c>, <c>Recreate</c>, <c>OnDelete</c> or <c>Scale</c>.</summary>
    public required string Strategy { get; init; }

    public required PlanParameters Parameters { get; init; }

    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>Caveats and assumptions, one sentence each.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The sum of the steps' durations.</summary>
    public required TimeSpan TotalDuration { get; init; }

    /// <summary>One line that sums the plan up.</summary>
    public required string Verdict { get; init; }

    /// <summary>CronJob only: the schedule that creates the Jobs this plan describes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CronJobSchedulePlan? Schedule { get; init; }

    /// <summary>The Services that select the workload's pods and the share of their endpoints it holds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EndpointShare>? Endpoints { get; init; }
}
