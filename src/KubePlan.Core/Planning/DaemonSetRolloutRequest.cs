namespace KubePlan.Planning;

/// <summary>
/// A DaemonSet to plan. The caller decides which nodes should run the pod (SEMANTICS §5.1) and
/// passes their names, or only a count. Unset budgets take the API defaults (maxUnavailable 1,
/// maxSurge 0).
/// </summary>
public sealed record DaemonSetRolloutRequest
{
    public required PlanSubject Subject { get; init; }

    /// <summary>Names of the eligible nodes; null means <see cref="NodeCount"/> nodes named <c>node-1</c>, <c>node-2</c>, ….</summary>
    public IReadOnlyList<string>? Nodes { get; init; }

    /// <summary>The number of eligible nodes when <see cref="Nodes"/> is null.</summary>
    public int NodeCount { get; init; }

    public UpdateStrategyType UpdateStrategy { get; init; } = UpdateStrategyType.RollingUpdate;

    public IntOrPercent? MaxUnavailable { get; init; }

    public IntOrPercent? MaxSurge { get; init; }

    public PodTiming Timing { get; init; } = PodTiming.Default;
}
