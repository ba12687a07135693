using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>A node of the inventory, as the scheduler and the DaemonSet controller see it.</summary>
public sealed record ClusterNode(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<Taint> Taints,
    bool Unschedulable,
    decimal? AllocatableCpu = null,
    decimal? AllocatableMemory = null,
    decimal? AllocatablePods = null,
    Manifest? Source = null)
{
    /// <summary>Reads a Node object; null when it is not a Node with a name.</summary>
    public static ClusterNode? FromManifest(Manifest manifest)
    {
        if (!manifest.IsKind(string.Empty, "Node") || manifest.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var spec = manifest.At("spec");
        var taints = spec?.Get("taints")?.Items().Select(Taint.Read).OfType<Taint>().ToList() ?? [];
        var unschedulable = spec?.Get("unschedulable")?.Node is YScalar { Value: true };
        var allocatable = manifest.At("status", "allocatable");
        return new ClusterNode(name, manifest.Labels, taints, unschedulable,
            Validation.Quantity.Read(allocatable?.Get("cpu"))?.ToDecimal(), Validation.Quantity.Read(allocatable?.Get("memory"))?.ToDecimal(), Validation.Quantity.Read(allocatable?.Get("pods"))?.ToDecimal(), manifest);
    }

    /// <summary>The distinct nodes of an inventory, by name (the first definition wins), in name order.</summary>
    public static IReadOnlyList<ClusterNode> Inventory(IEnumerable<Manifest> manifests) =>
        manifests.Select(FromManifest).OfType<ClusterNode>()
            .GroupBy(n => n.Name, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToList();

    public override string ToString() => Name;
}
