namespace KubePlan.Scheduling;

/// <summary>A set of nodes rejected for the same reason, described compactly for messages.</summary>
public sealed record NodeGroup(IReadOnlyList<ClusterNode> Nodes, string Reason, string Label)
{
    public override string ToString() => Label + ": " + Reason;
}

/// <summary>Groups nodes by the same reason so a big inventory gives a short message.</summary>
public static class NodeGroups
{
    private const int NamesShown = 3;

    /// <summary>
    /// Groups (node, reason) pairs by reason, in order of each group's first node name. A group of
    /// several nodes is named by a label that exactly those nodes of the inventory share
    /// (<c>3 nodes (pool=gpu)</c>), else by its first names.
    /// </summary>
    public static IReadOnlyList<NodeGroup> Group(IEnumerable<(ClusterNode Node, string Reason)> rejections, IReadOnlyList<ClusterNode> inventory) =>
        rejections
            .GroupBy(r => r.Reason, StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Nodes: g.Select(r => r.Node).OrderBy(n => n.Name, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Nodes[0].Name, StringComparer.Ordinal)
            .Select(g => new NodeGroup(g.Nodes, g.Reason, Describe(g.Nodes, inventory)))
            .ToList();

    public static string Describe(IReadOnlyList<ClusterNode> nodes, IReadOnlyList<ClusterNode> inventory)
    {
        if (nodes.Count == 1)
        {
            return nodes[0].Name;
        }

        var names = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var shared = nodes[0].Labels
            .Where(p => p.Key != "kubernetes.io/hostname"
                && nodes.All(n => n.Labels.TryGetValue(p.Key, out var v) && v == p.Value)
                && inventory.All(n => names.Contains(n.Name) || !n.Labels.TryGetValue(p.Key, out var v) || v != p.Value))
            .OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value)
            .FirstOrDefault();
        if (shared is not null)
        {
            return $"{nodes.Count} nodes ({shared})";
        }

        return nodes.Count <= NamesShown
            ? string.Join(", ", names.Order(StringComparer.Ordinal))
            : $"{nodes.Count} nodes ({string.Join(", ", nodes.Take(NamesShown).Select(n => n.Name))}, …)";
    }
}
