using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>One <c>nodeSelector</c> entry, with where it was written.</summary>
public sealed record NodeSelectorEntry(string Key, string Value, Located At);

/// <summary>The parts of a pod spec that decide which nodes a pod may land on.</summary>
public sealed record PodSchedulingSpec(
    Located Spec,
    string? NodeName,
    IReadOnlyList<NodeSelectorEntry> NodeSelectorEntries,
    NodeSelector? RequiredNodeAffinity,
    IReadOnlyList<Toleration> Tolerations,
    bool HostNetwork)
{
    /// <summary>Reads the scheduling fields of a pod spec (leniently: malformed parts are left out, other rules report them).</summary>
    public static PodSchedulingSpec Read(Located podSpec)
    {
        var nodeName = podSpec.Get("nodeName")?.String is { Length: > 0 } n ? n : null;
        var selector = podSpec.Get("nodeSelector")?.Entries()
            .Select(e => new NodeSelectorEntry(e.KeyText!, e.Node is YScalar { Kind: not ScalarKind.Null } s ? s.KeyText : string.Empty, e))
            .ToList() ?? [];
        var affinity = NodeSelector.Read(podSpec.At("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"));
        var tolerations = Toleration.ReadAll(podSpec.Get("tolerations"));
        var hostNetwork = podSpec.Get("hostNetwork")?.Node is YScalar { Value: true };
        return new PodSchedulingSpec(podSpec, nodeName, selector, affinity, tolerations, hostNetwork);
    }

    public PodSchedulingSpec WithTolerations(IReadOnlyList<Toleration> tolerations) => this with { Tolerations = tolerations };
}
