using KubePlan.Manifests;
using KubePlan.Diagnostics;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Scheduling;

/// <summary>
/// With a node inventory, a DaemonSet that will not run on some nodes (<c>NodeShouldRunDaemonPod</c>),
/// after the tolerations the controller adds by itself (not-ready, unreachable, pressure,
/// unschedulable, and network-unavailable with hostNetwork).
/// </summary>
public sealed class DaemonSetNodeGapRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DaemonSetNodeGap,
        Severity.Warning,
        "scheduling",
        "With a node inventory, a DaemonSet that will not run on some nodes because of a taint it does not tolerate, its nodeSelector, node affinity or nodeName.",
        "Add tolerations for the taints of the nodes it should cover, or relax its nodeSelector or node affinity; leave it as is when skipping those nodes is intended.");

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

        foreach (var manifest in context.Manifests.All.Where(Workloads.IsDaemonSet))
        {
            if (Workloads.PodSpec(manifest) is not { } podSpec)
            {
                continue;
            }

            var verdicts = DaemonSetPlacement.EvaluateAll(PodSchedulingSpec.Read(podSpec), nodes);
            var skipped = verdicts.Where(v => !v.ShouldRun).ToList();
            if (skipped.Count == 0)
            {
                continue;
            }

            foreach (var group in NodeGroups.Group(skipped.Select(v => (v.Node, v.Explanation)), nodes))
            {
                var first = skipped.First(v => v.Node == group.Nodes[0]).Reasons[0];
                var names = string.Join(", ", group.Nodes.Take(10).Select(n => n.Name)) + (group.Nodes.Count > 10 ? ", …" : string.Empty);
                var message = $"the DaemonSet will not run on {names} ({group.Nodes.Count} of {nodes.Count} nodes): {group.Reason}";
                yield return Report(manifest, first.At, message, Hint(first.Kind), atKey: first.At.HasKey);
            }
        }
    }

    private static string Hint(PlacementReasonKind kind) => kind switch
    {
        PlacementReasonKind.Taint => "Add a toleration for the taint if the DaemonSet should run on those nodes (the controller already tolerates not-ready, unreachable, pressure and unschedulable taints).",
        PlacementReasonKind.NodeSelector => "Relax the nodeSelector if the DaemonSet should run on those nodes.",
        PlacementReasonKind.NodeAffinity => "Relax the required node affinity if the DaemonSet should run on those nodes.",
        _ => "Remove nodeName from the DaemonSet's pod template; the controller places one pod on every eligible node.",
    };
}
