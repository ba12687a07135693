using System.Text.Json.Serialization;

namespace KubePlan.Planning;

/// <summary>
/// One step of a plan. For a Deployment a step is a <em>wave</em>: the controller's passes until
/// nothing more can change without a pod becoming available. For a StatefulSet or DaemonSet it
/// is one controller pass followed by a wait (pods ready, or deleted pods gone).
/// </summary>
public sealed record PlanStep
{
    /// <summary>1-based position in the plan.</summary>
    public required int Step { get; init; }

    /// <summary>Pods (replicas) on the old revision at the end of the step.</summary>
    public required int OldReplicas { get; init; }

    /// <summary>Pods (replicas) on the new revision at the end of the step.</summary>
    public required int NewReplicas { get; init; }

    /// <summary>What the controller does, in order, in the user's terms.</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>The most pods that exist during the step, not counting pods already terminating.</summary>
    public required int MaxPods { get; init; }

    /// <summary>The fewest available pods during the step.</summary>
    public required int MinAvailable { get; init; }

    /// <summary>The most pods short of the desired count that are unavailable during the step.</summary>
    public required int MaxUnavailable { get; init; }

    /// <summary>StatefulSet only: <c>create</c>, <c>delete</c> or <c>update</c> (see <see cref="StepActions"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Action { get; init; }

    /// <summary>StatefulSet only: the pod ordinals the step acts on, in the order the controller acts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Ordinals { get; init; }

    /// <summary>DaemonSet only: the nodes the step acts on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Nodes { get; init; }

    /// <summary>Job only: pods that have succeeded by the end of the wave (null for a work queue).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CompletionsReached { get; init; }

    /// <summary>Indexed Job only: the completion indexes the wave's pods run, lowest first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Indexes { get; init; }

    /// <summary>
    /// When a Service selects the workload's pods: the percentage of the Service's endpoints that run
    /// the new template at the end of the step (other workloads behind the Service count too).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? NewEndpointShare { get; init; }

    /// <summary>Estimated time the step takes under the plan's <see cref="PodTiming"/>.</summary>
    public required TimeSpan Duration { get; init; }
}
