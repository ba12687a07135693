using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>The DaemonSet controller's verdict for one node (<c>NodeShouldRunDaemonPod</c>).</summary>
public sealed record DaemonNodeVerdict(ClusterNode Node, bool ShouldRun, bool ShouldContinueRunning, IReadOnlyList<PlacementReason> Reasons)
{
    public string Explanation => string.Join(" and ", Reasons.Select(r => r.Text));
}

/// <summary>
/// Where a DaemonSet runs: the template plus the tolerations the controller adds by itself
/// (<c>AddOrUpdateDaemonPodTolerations</c>), then nodeName, node selection and NoSchedule/NoExecute
/// taints. Cordoned nodes still run daemon pods; resources and ports are not checked.
/// </summary>
public static class DaemonSetPlacement
{
    private static readonly Toleration[] Always =
    [
        new("node.kubernetes.io/not-ready", Toleration.OperatorExists, string.Empty, TaintEffects.NoExecute),
        new("node.kubernetes.io/unreachable", Toleration.OperatorExists, string.Empty, TaintEffects.NoExecute),
        new("node.kubernetes.io/disk-pressure", Toleration.OperatorExists, string.Empty, TaintEffects.NoSchedule),
        new("node.kubernetes.io/memory-pressure", Toleration.OperatorExists, string.Empty, TaintEffects.NoSchedule),
        new("node.kubernetes.io/pid-pressure", Toleration.OperatorExists, string.Empty, TaintEffects.NoSchedule),
        new("node.kubernetes.io/unschedulable", Toleration.OperatorExists, string.Empty, TaintEffects.NoSchedule),
    ];

    private static readonly Toleration NetworkUnavailable =
        new("node.kubernetes.io/network-unavailable", Toleration.OperatorExists, string.Empty, TaintEffects.NoSchedule);

    /// <summary>The tolerations the controller adds to every daemon pod (network-unavailable only with hostNetwork).</summary>
    public static IReadOnlyList<Toleration> AutoTolerations(bool hostNetwork) => hostNetwork ? [.. Always, NetworkUnavailable] : Always;

    /// <summary>
    /// The pod's tolerations after the controller's additions: a user toleration with the same key,
    /// operator, value and effect is replaced (so its tolerationSeconds is dropped); others are appended.
    /// </summary>
    public static IReadOnlyList<Toleration> WithAutoTolerations(IReadOnlyList<Toleration> tolerations, bool hostNetwork)
    {
        var result = tolerations.ToList();
        foreach (var auto in AutoTolerations(hostNetwork))
        {
            var index = result.FindIndex(t => t.MatchToleration(auto));
            if (index >= 0)
            {
                result[index] = auto with { At = result[index].At };
            }
            else
            {
                result.Add(auto);
            }
        }

        return result;
    }

    public static DaemonNodeVerdict Evaluate(Located podSpec, ClusterNode node) => Evaluate(PodSchedulingSpec.Read(podSpec), node);

    public static DaemonNodeVerdict Evaluate(PodSchedulingSpec template, ClusterNode node)
    {
        var pod = template.WithTolerations(WithAutoTolerations(template.Tolerations, template.HostNetwork));
        var reasons = new List<PlacementReason>();
        PodPlacement.AddNodeNameAndSelection(pod, node, reasons);
        var fitsPredicates = reasons.Count == 0;
        PodPlacement.AddTaints(pod, node, TaintEffects.Scheduling, reasons);
        var noExecuteUntolerated = Toleration.UntoleratedTaints(node.Taints, pod.Tolerations, TaintEffects.Eviction).Any();
        return new DaemonNodeVerdict(node, reasons.Count == 0, fitsPredicates && !noExecuteUntolerated, reasons);
    }

    /// <summary>Every node's verdict, in inventory order.</summary>
    public static IReadOnlyList<DaemonNodeVerdict> EvaluateAll(PodSchedulingSpec template, IEnumerable<ClusterNode> nodes) =>
        nodes.Select(n => Evaluate(template, n)).ToList();

    /// <summary>The nodes a daemon pod should run on (the rollout planner's node set).</summary>
    public static IReadOnlyList<ClusterNode> EligibleNodes(Located podSpec, IEnumerable<ClusterNode> nodes)
    {
        var template = PodSchedulingSpec.Read(podSpec);
        return nodes.Where(n => Evaluate(template, n).ShouldRun).ToList();
    }
}
