using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>What kind of constraint kept a pod off a node.</summary>
public enum PlacementReasonKind
{
    NodeName,
    NodeSelector,
    NodeAffinity,
    Unschedulable,
    Taint,
}

/// <summary>Why a pod cannot land on a node, in the user's terms, and the pod spec field that decides it.</summary>
public sealed record PlacementReason(PlacementReasonKind Kind, string Text, Located At)
{
    public override string ToString() => Text;
}

/// <summary>The verdict for one node: it fits when nothing keeps the pod off it.</summary>
public sealed record NodeVerdict(ClusterNode Node, IReadOnlyList<PlacementReason> Reasons)
{
    public bool Fits => Reasons.Count == 0;

    /// <summary>The reasons as one phrase, e.g. <c>taint a:NoSchedule is not tolerated and nodeSelector disktype=ssd does not match …</c>.</summary>
    public string Explanation => string.Join(" and ", Reasons.Select(r => r.Text));
}

/// <summary>
/// Whether a pod can land on a node: the scheduler's filters that the manifests decide (NodeName,
/// NodeAffinity with nodeSelector, NodeUnschedulable, TaintToleration). Resources and ports depend on
/// what else runs and are not checked.
/// </summary>
public static class PodPlacement
{
    public const string UnschedulableTaintKey = "node.kubernetes.io/unschedulable";

    public static NodeVerdict Evaluate(Located podSpec, ClusterNode node) => Evaluate(PodSchedulingSpec.Read(podSpec), node);

    /// <summary>
    /// The scheduler's verdict. A pod with <c>nodeName</c> bypasses the scheduler: the kubelet then
    /// admits it on that node unless node selection fails, and only NoExecute taints evict it.
    /// </summary>
    public static NodeVerdict Evaluate(PodSchedulingSpec pod, ClusterNode node)
    {
        var reasons = new List<PlacementReason>();
        AddNodeNameAndSelection(pod, node, reasons);
        if (pod.NodeName is null && node.Unschedulable
            && !pod.Tolerations.Any(t => t.ToleratesTaint(new Taint(UnschedulableTaintKey, string.Empty, TaintEffects.NoSchedule))))
        {
            reasons.Add(new PlacementReason(PlacementReasonKind.Unschedulable,
                $"node is cordoned (spec.unschedulable) and {UnschedulableTaintKey}:NoSchedule is not tolerated", TolerationsField(pod)));
        }

        AddTaints(pod, node, pod.NodeName is null ? TaintEffects.Scheduling : TaintEffects.Eviction, reasons);
        return new NodeVerdict(node, reasons);
    }

    /// <summary>Evaluates every node, in inventory order.</summary>
    public static IReadOnlyList<NodeVerdict> EvaluateAll(PodSchedulingSpec pod, IEnumerable<ClusterNode> nodes) =>
        nodes.Select(n => Evaluate(pod, n)).ToList();

    /// <summary>The nodeName, nodeSelector and required node affinity checks (shared with the DaemonSet controller).</summary>
    internal static void AddNodeNameAndSelection(PodSchedulingSpec pod, ClusterNode node, List<PlacementReason> reasons)
    {
        if (pod.NodeName is { } nodeName && nodeName != node.Name)
        {
            reasons.Add(new PlacementReason(PlacementReasonKind.NodeName, $"nodeName pins the pod to {nodeName}", pod.Spec.Get("nodeName")!.Value));
        }

        foreach (var entry in pod.NodeSelectorEntries)
        {
            if (!node.Labels.TryGetValue(entry.Key, out var actual))
            {
                reasons.Add(new PlacementReason(PlacementReasonKind.NodeSelector,
                    $"nodeSelector {entry.Key}={entry.Value} does not match (node has no {entry.Key} label)", entry.At));
            }
            else if (actual != entry.Value)
            {
                reasons.Add(new PlacementReason(PlacementReasonKind.NodeSelector,
                    $"nodeSelector {entry.Key}={entry.Value} does not match (node has {entry.Key}={actual})", entry.At));
            }
        }

        if (pod.RequiredNodeAffinity is { } affinity && affinity.Mismatch(node) is { } mismatch)
        {
            reasons.Add(new PlacementReason(PlacementReasonKind.NodeAffinity, mismatch, affinity.At ?? pod.Spec));
        }
    }

    internal static void AddTaints(PodSchedulingSpec pod, ClusterNode node, IReadOnlyList<string> effects, List<PlacementReason> reasons)
    {
        foreach (var taint in Toleration.UntoleratedTaints(node.Taints, pod.Tolerations, effects))
        {
            reasons.Add(new PlacementReason(PlacementReasonKind.Taint, $"taint {taint} is not tolerated", TolerationsField(pod)));
        }
    }

    /// <summary>Where a fix for a taint goes: the tolerations list, else the pod spec.</summary>
    internal static Located TolerationsField(PodSchedulingSpec pod) => pod.Spec.Get("tolerations") ?? pod.Spec;
}
