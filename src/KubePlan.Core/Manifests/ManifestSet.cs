namespace KubePlan.Manifests;

/// <summary>All objects of one run, indexed by identity and namespace for cross-object rules.</summary>
public sealed class ManifestSet
{
    private readonly Dictionary<ObjectKey, List<Manifest>> _byKey = [];
    private readonly Dictionary<string, List<Manifest>> _byNamespace = new(StringComparer.Ordinal);

    public ManifestSet(IEnumerable<Manifest> manifests)
    {
        All = manifests.ToList();
        foreach (var m in All)
        {
            if (m.Key is { } key)
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(m);
            }

            if (m.Namespace is { } ns)
            {
                if (!_byNamespace.TryGetValue(ns, out var list))
                {
                    _byNamespace[ns] = list = [];
                }

                list.Add(m);
            }
        }
    }

    public IReadOnlyList<Manifest> All { get; }

    /// <summary>Objects of the given kind (and group), in input order.</summary>
    public IEnumerable<Manifest> OfKind(string group, string kind) => All.Where(m => m.Kind == kind && m.Group == group);

    public IReadOnlyList<Manifest> InNamespace(string? ns) =>
        ns is not null && _byNamespace.TryGetValue(ns, out var list) ? list : [];

    /// <summary>The object with this identity (the first one when it is defined twice).</summary>
    public Manifest? Find(ObjectKey key) => _byKey.TryGetValue(key, out var list) ? list[0] : null;

    /// <summary>Identities defined more than once.</summary>
    public IEnumerable<IReadOnlyList<Manifest>> Duplicates => _byKey.Values.Where(l => l.Count > 1);
}
