namespace KubePlan.Planning;

/// <summary>
/// A Deployment to plan, in plain values a caller can fill from a manifest. Unset
/// <see cref="MaxSurge"/>/<see cref="MaxUnavailable"/> take the API defaults (25% each), as the
/// API server would have stored them.
/// </summary>
public sealed record DeploymentRolloutRequest
{
    public required PlanSubject Subject { get; init; }

    /// <summary><c>spec.replicas</c> after the change.</summary>
    public required int Replicas { get; init; }

    /// <summary>
    /// <c>spec.replicas</c> before the change; null means unchanged. Used only when
    /// <see cref="OldReplicaSets"/> is null, to build the single, fully available old ReplicaSet.
    /// </summary>
    public int? FromReplicas { get; init; }

    public DeploymentStrategyType Strategy { get; init; } = DeploymentStrategyType.RollingUpdate;

    public IntOrPercent? MaxSurge { get; init; }

    public IntOrPercent? MaxUnavailable { get; init; }

    public PodTiming Timing { get; init; } = PodTiming.Default;

    /// <summary>
    /// The ReplicaSets that do not match the new pod template, oldest first. Null means one
    /// ReplicaSet named <c>&lt;name&gt;-old</c> with <see cref="FromReplicas"/> available pods,
    /// annotated as the controller left it after its last rollout.
    /// </summary>
    public IReadOnlyList<ReplicaSetState>? OldReplicaSets { get; init; }

    /// <summary>
    /// The ReplicaSet that already matches the pod template (mid-rollout, or a resize without a
    /// template change); null when the controller has to create it.
    /// </summary>
    public ReplicaSetState? NewReplicaSet { get; init; }

    /// <summary>Name for the ReplicaSet the controller creates; null means <c>&lt;name&gt;-new</c>.</summary>
    public string? NewReplicaSetName { get; init; }
}
