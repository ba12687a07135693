using System.Text.Json.Serialization;

namespace KubePlan.Planning;

/// <summary>
/// The resolved inputs a plan was computed from: absolute budgets, never percentages. Fields
/// that do not apply to a kind are null and left out of JSON.
/// </summary>
public sealed record PlanParameters
{
    public required int Replicas { get; init; }

    public required int FromReplicas { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxSurge { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxUnavailable { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Partition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OrdinalsStart { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PodManagementPolicy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinReadySeconds { get; init; }
}
