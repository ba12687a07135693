namespace KubePlan.Planning;

/// <summary>
/// A ReplicaSet of a Deployment as the planner needs it: its size, how many of its pods are
/// available, and the two replica annotations the Deployment controller keeps on it. Lists of
/// these are ordered by creation time, oldest first (the controllers' creationTimestamp order).
/// </summary>
/// <param name="Name">The ReplicaSet's name, used in the plan's actions.</param>
/// <param name="Replicas"><c>spec.replicas</c>.</param>
public sealed record ReplicaSetState(string Name, int Replicas)
{
    /// <summary><c>status.availableReplicas</c>; null means all <see cref="Replicas"/> are available.</summary>
    public int? AvailableReplicas { get; init; }

    /// <summary><c>deployment.kubernetes.io/desired-replicas</c>; null when missing.</summary>
    public int? DesiredReplicasAnnotation { get; init; }

    /// <summary><c>deployment.kubernetes.io/max-replicas</c>; null when missing.</summary>
    public int? MaxReplicasAnnotation { get; init; }
}
