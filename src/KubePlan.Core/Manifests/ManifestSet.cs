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

    /// <summary>
    /// Whether this is the object's first definition (or an object without identity): a later
    /// definition of the same identity is a duplicate that manifest-structure reports, and
    /// cross-object rules look at the first one only.
    /// </summary>
    public bool IsFirstDefinition(Manifest m) => m.Key is not { } key || ReferenceEquals(Find(key), m);

    /// <summary>Whether the input holds any object of this kind in the namespace (cluster-scoped kinds: null).</summary>
    public bool HoldsKind(string group, string kind, string? ns)
    {
        _kinds ??= All.Where(m => m.Kind is not null).Select(m => (m.Group, m.Kind!, m.Namespace)).ToHashSet();
        return _kinds.Contains((group, kind, ns));
    }

    /// <summary>The pod templates of the run, indexed by namespace and label (built on first use).</summary>
    public PodTemplateIndex PodTemplates => _podTemplates ??= new PodTemplateIndex(this);

    private HashSet<(string Group, string Kind, string? Namespace)>? _kinds;
    private PodTemplateIndex? _podTemplates;

    /// <summary>Identities defined more than once.</summary>
    public IEnumerable<IReadOnlyList<Manifest>> Duplicates => _byKey.Values.Where(l => l.Count > 1);
}
