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

    /// <summary>Job only: spec.completions; null for a work queue (completions unset).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Completions { get; init; }

    /// <summary>Job only: spec.parallelism (default 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Parallelism { get; init; }

    /// <summary>Job only: <c>NonIndexed</c> or <c>Indexed</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CompletionMode { get; init; }

    /// <summary>Job only: spec.backoffLimit as the API server defaults it (6; unlimited with backoffLimitPerIndex).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BackoffLimit { get; init; }

    /// <summary>Job only: the estimated run time of one pod after it started (--job-duration).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? JobDurationSeconds { get; init; }

    /// <summary>True when nothing runs until someone acts: a paused Deployment, a suspended Job or CronJob.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Paused { get; init; }
}
