using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>One node's verdict for a workload, with the reasons in words.</summary>
public sealed record NodeFit(ClusterNode Node, bool Fits, IReadOnlyList<string> Reasons);

/// <summary>Where one workload can land.</summary>
public sealed record WorkloadFit(Manifest Workload, IReadOnlyList<NodeFit> Nodes)
{
    public bool FitsAnyNode => Nodes.Any(n => n.Fits);

    public IEnumerable<ClusterNode> Fitting => Nodes.Where(n => n.Fits).Select(n => n.Node);

    public IEnumerable<NodeFit> Rejected => Nodes.Where(n => !n.Fits);
}

/// <summary>
/// <c>kubeplan fit</c>: for every object that runs pods, the nodes of the inventory it can land on
/// and why the others refuse it. DaemonSets use the controller's rules (its own tolerations).
/// </summary>
public sealed class FitReport
{
    private FitReport(IReadOnlyList<ClusterNode> nodes, IReadOnlyList<WorkloadFit> workloads)
    {
        Nodes = nodes;
        Workloads = workloads;
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public IReadOnlyList<WorkloadFit> Workloads { get; }

    /// <summary>Every workload fits at least one node (the exit code 0 condition).</summary>
    public bool AllFit => Workloads.All(w => w.FitsAnyNode);

    public static FitReport Build(IEnumerable<Manifest> manifests, IEnumerable<Manifest> nodeManifests)
    {
        var nodes = ClusterNode.Inventory(nodeManifests);
        var workloads = new List<WorkloadFit>();
        foreach (var manifest in manifests)
        {
            if (!KubePlan.Manifests.Workloads.RunsPods(manifest) || KubePlan.Manifests.Workloads.PodSpec(manifest) is not { } podSpec)
            {
                continue;
            }

            var pod = PodSchedulingSpec.Read(podSpec);
            var fits = KubePlan.Manifests.Workloads.IsDaemonSet(manifest)
                ? DaemonSetPlacement.EvaluateAll(pod, nodes).Select(v => new NodeFit(v.Node, v.ShouldRun, v.Reasons.Select(r => r.Text).ToList()))
                : PodPlacement.EvaluateAll(pod, nodes).Select(v => new NodeFit(v.Node, v.Fits, v.Reasons.Select(r => r.Text).ToList()));
            workloads.Add(new WorkloadFit(manifest, fits.ToList()));
        }

        return new FitReport(nodes, workloads);
    }
}
