using KubePlan.Manifests;
using KubePlan.Diagnostics;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Scheduling;

/// <summary>
/// With a node inventory, a pod template that no node accepts: the scheduler's NodeName,
/// NodeAffinity (nodeSelector and required affinity), NodeUnschedulable and TaintToleration
/// filters reject every node. DaemonSets are left to daemonset-node-gap.
/// </summary>
public sealed class NoFeasibleNodeRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.NoFeasibleNode,
        Severity.Error,
        "scheduling",
        "With a node inventory, a pod template that fits no node because of taints, nodeSelector, required node affinity or nodeName.",
        "Tolerate the nodes' taints or relax nodeSelector, node affinity or nodeName so that at least one node accepts the pod.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Node");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        if (!context.HasNodeInventory)
        {
            yield break;
        }

        var nodes = context.Nodes;
        if (nodes.Count == 0)
        {
            yield break;
        }

        foreach (var manifest in context.Manifests.All)
        {
            if (!Workloads.RunsPods(manifest) || Workloads.IsDaemonSet(manifest) || Workloads.PodSpec(manifest) is not { } podSpec)
            {
                continue;
            }

            var pod = PodSchedulingSpec.Read(podSpec);
            var verdicts = PodPlacement.EvaluateAll(pod, nodes);
            if (verdicts.Any(v => v.Fits))
            {
                continue;
            }

            var groups = NodeGroups.Group(verdicts.Select(v => (v.Node, v.Explanation)), nodes);
            var main = MainReason(verdicts);
            var what = nodes.Count == 1 ? "the pod does not fit the only node of the inventory" : $"the pod fits none of the {nodes.Count} nodes of the inventory";
            yield return Report(manifest, main.At, what + ": " + string.Join("; ", groups.Select(g => g.ToString())),
                Hint(main.Kind), atKey: main.At.HasKey);
        }
    }

    /// <summary>
    /// The constraint to point at: the one that alone keeps the pod off the most nodes (fixing it
    /// opens those nodes), then the one that rejects the most nodes.
    /// </summary>
    private static PlacementReason MainReason(IReadOnlyList<NodeVerdict> verdicts) =>
        verdicts.SelectMany(v => v.Reasons.Select(r => (Reason: r, Only: v.Reasons.All(x => x.Kind == r.Kind))))
            .GroupBy(x => x.Reason.Kind)
            .OrderByDescending(g => g.Count(x => x.Only)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key)
            .First().First().Reason;

    private static string Hint(PlacementReasonKind kind) => kind switch
    {
        PlacementReasonKind.Taint or PlacementReasonKind.Unschedulable => "Add a toleration for the taint (key, value and effect) to the pod spec, or schedule onto nodes without it.",
        PlacementReasonKind.NodeSelector => "Change the nodeSelector to labels that some node has (kubectl get nodes --show-labels).",
        PlacementReasonKind.NodeAffinity => "Relax the required node affinity so that at least one node's labels satisfy one of its terms.",
        _ => "Set nodeName to a node of the inventory, or remove it and let the scheduler choose.",
    };
}
