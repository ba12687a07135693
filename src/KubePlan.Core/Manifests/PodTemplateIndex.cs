using KubePlan.Scheduling;

namespace KubePlan.Manifests;

/// <summary>
/// The objects of a run that run pods (Pods, workload controllers, Jobs, CronJobs), indexed once
/// by namespace and by pod-template label, so cross-object rules ("which pods does this Service,
/// PDB or NetworkPolicy select?") cost one lookup per selector, never a comparison of all pairs.
/// Repeated definitions of an identity are left out; PodTemplate objects run nothing and are too.
/// </summary>
public sealed class PodTemplateIndex
{
    private readonly Dictionary<string, List<Manifest>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key, string Value), List<Manifest>> _byLabel = [];

    internal PodTemplateIndex(IEnumerable<Manifest> manifests)
    {
        foreach (var m in manifests.Where(Workloads.RunsPods))
        {
            var ns = m.Namespace ?? string.Empty;
            Add(_byNamespace, ns, m);
            foreach (var (key, value) in Workloads.TemplateLabels(m))
            {
                Add(_byLabel, (ns, key, value), m);
            }
        }
    }

    /// <summary>The pod-running objects of a namespace, in input order.</summary>
    public IReadOnlyList<Manifest> InNamespace(string? ns) =>
        _byNamespace.TryGetValue(ns ?? string.Empty, out var list) ? list : [];

    /// <summary>The namespace's pod-running objects whose pod template labels the selector matches, in input order.</summary>
    public IReadOnlyList<Manifest> Selected(string? ns, LabelSelector selector)
    {
        if (selector.IsNil)
        {
            return [];
        }

        var candidates = Candidates(ns ?? string.Empty, selector);
        return candidates.Count == 0 ? [] : candidates.Where(m => selector.Matches(Workloads.TemplateLabels(m))).ToList();
    }

    /// <summary>
    /// The smallest posting list that must hold every match: an equality (or one-value In)
    /// requirement narrows to the objects carrying that label; otherwise the whole namespace.
    /// </summary>
    private IReadOnlyList<Manifest> Candidates(string ns, LabelSelector selector)
    {
        IReadOnlyList<Manifest> best = InNamespace(ns);
        foreach (var r in selector.Requirements)
        {
            if (r.Operator is SelectorOperator.Equals or SelectorOperator.In && r.Values.Count == 1)
            {
                var list = _byLabel.TryGetValue((ns, r.Key, r.Values[0]), out var found) ? found : [];
                if (list.Count < best.Count)
                {
                    best = list;
                }
            }
        }

        return best;
    }

    private static void Add<TKey>(Dictionary<TKey, List<Manifest>> index, TKey key, Manifest m)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(m);
    }
}
