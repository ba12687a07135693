namespace KubePlan.Planning;

/// <summary>
/// One Service that selects a workload's pods: the workload's replicas over the replicas of every
/// workload the Service selects, as a percentage of its endpoints (all pods assumed ready).
/// </summary>
public sealed record EndpointShare(string Service, int Replicas, int TotalReplicas, IReadOnlyList<string> Workloads)
{
    /// <summary>The replicas of the other workloads the Service selects.</summary>
    public int OtherReplicas => TotalReplicas - Replicas;

    /// <summary>The workload's share of the Service's endpoints, in percent (0 when the Service has none).</summary>
    public double Percent => TotalReplicas == 0 ? 0 : Math.Round(100.0 * Replicas / TotalReplicas, 1, MidpointRounding.AwayFromZero);
}
