namespace KubePlan.Planning;

/// <summary><c>spec.podManagementPolicy</c>.</summary>
public enum PodManagementPolicy
{
    OrderedReady,
    Parallel,
}

/// <summary><c>spec.updateStrategy.type</c> of a StatefulSet or DaemonSet.</summary>
public enum UpdateStrategyType
{
    RollingUpdate,
    OnDelete,
}

/// <summary>A StatefulSet to plan, in plain values a caller can fill from a manifest.</summary>
public sealed record StatefulSetRolloutRequest
{
    public required PlanSubject Subject { get; init; }

    /// <summary><c>spec.replicas</c> after the change.</summary>
    public required int Replicas { get; init; }

    /// <summary><c>spec.replicas</c> before the change; null means unchanged.</summary>
    public int? FromReplicas { get; init; }

    public PodManagementPolicy PodManagementPolicy { get; init; } = PodManagementPolicy.OrderedReady;

    public UpdateStrategyType UpdateStrategy { get; init; } = UpdateStrategyType.RollingUpdate;

    /// <summary><c>rollingUpdate.partition</c>, compared with the index <c>ordinal − ordinals.start</c>.</summary>
    public int Partition { get; init; }

    /// <summary><c>rollingUpdate.maxUnavailable</c>; used only when the gate is on (unset means 1).</summary>
    public IntOrPercent? MaxUnavailable { get; init; }

    /// <summary>
    /// Whether the MaxUnavailableStatefulSet feature gate is on in the target cluster; see
    /// <see cref="FeatureGates.MaxUnavailableStatefulSet"/> for a release's default.
    /// </summary>
    public bool MaxUnavailableGateEnabled { get; init; }

    /// <summary>A sentence about the gate to print with the plan (e.g. <see cref="FeatureGateDefault.Note"/>).</summary>
    public string? GateNote { get; init; }

    /// <summary><c>spec.ordinals.start</c>.</summary>
    public int OrdinalsStart { get; init; }

    public PodTiming Timing { get; init; } = PodTiming.Default;
}
