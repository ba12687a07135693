using System.Collections;
using System.Collections.Concurrent;
using KubePlan.CustomRules;

namespace KubePlan.Manifests;

/// <summary>All objects of one run, indexed by identity and namespace for cross-object rules.</summary>
/// <remarks>
/// An identity defined twice is reported once (manifest-structure); cross-object rules look at
/// <see cref="Unique"/> so the second definition does not overlap, count or match again.
/// </remarks>
public sealed class ManifestSet
{
    private readonly Dictionary<ObjectKey, List<Manifest>> _byKey = [];
    private readonly Dictionary<string, List<Manifest>> _byNamespace = new(StringComparer.Ordinal);
    private readonly HashSet<Manifest> _repeats = new(ReferenceEqualityComparer.Instance);
    private PodTemplateIndex? _podTemplates;

    private readonly List<Manifest> _all;

    public ManifestSet(IEnumerable<Manifest> manifests)
        : this(manifests, isPart: false)
    {
    }

    /// <param name="isPart">
    /// Whether the objects are only part of the run (those checked as their file was read): then no object
    /// counts as defined twice, since the other definition may be in another part.
    /// </param>
    internal ManifestSet(IEnumerable<Manifest> manifests, bool isPart)
    {
        _everything = manifests.ToList();
        _all = _everything.Any(m => m.IsReleased) ? _everything.Where(m => !m.IsReleased).ToList() : _everything;
        foreach (var m in _everything)
        {
            if (m.Key is { } key)
            {
                if (!_byKey.TryGetValue(key, out var list))
                {
                    _byKey[key] = list = [];
                }

                list.Add(m);
            }

            if (m.Namespace is { } ns && !m.IsReleased)
            {
                if (!_byNamespace.TryGetValue(ns, out var list))
                {
                    _byNamespace[ns] = list = [];
                }

                list.Add(m);
            }
        }

        if (!isPart)
        {
            foreach (var list in _byKey.Values.Where(l => l.Count > 1))
            {
                _repeats.UnionWith(list.Skip(1));
            }
        }

        _isPart = isPart;
        _unique = _repeats.Count == 0 ? _all : _all.Where(m => !_repeats.Contains(m)).ToList();
    }

    private readonly List<Manifest> _everything;

    private readonly bool _isPart;

    /// <summary>Every object with its tree and every released one (<see cref="Manifest.IsReleased"/>), in input order.</summary>
    internal IReadOnlyList<Manifest> WithReleased => _everything;

    /// <summary>Every object whose tree is here (not <see cref="Manifest.IsReleased"/>), in input order.</summary>
    /// <remarks>A custom rule gets a view that notes the object it reads, so that its failure can name it.</remarks>
    public IReadOnlyList<Manifest> All => CustomRuleRunner.Current is { } run ? new WatchedManifests(_all, run) : WorkCounter.Counted<Manifest>(_all);

    /// <summary>Every object once: <see cref="All"/> without the repeated definitions of an identity (the first one stays).</summary>
    public IReadOnlyList<Manifest> Unique => WorkCounter.Counted(_unique);

    private readonly IReadOnlyList<Manifest> _unique;

    /// <summary>Whether some identity is defined more than once.</summary>
    internal bool HasRepeats => _repeats.Count > 0;

    /// <summary>Whether this is a second (or later) definition of an identity already in the input.</summary>
    public bool IsRepeat(Manifest m) => _repeats.Contains(m);

    /// <summary>The objects that run pods, indexed by namespace and template label; built on first use, once per run.</summary>
    public PodTemplateIndex PodTemplates => _podTemplates ??= new PodTemplateIndex(_unique);

    /// <summary>
    /// The selector the object declares (<see cref="ObjectSelector.Read"/>), parsed once per run: up to seven
    /// rules, running side by side, read each one. Null for kinds without one.
    /// </summary>
    public ObjectSelector? SelectorOf(Manifest m) => _selectors.GetOrAdd(m, ObjectSelector.Read);

    private readonly ConcurrentDictionary<Manifest, ObjectSelector?> _selectors = new(ReferenceEqualityComparer.Instance);

    /// <summary>Objects of the given kind (and group), in input order.</summary>
    public IEnumerable<Manifest> OfKind(string group, string kind) => All.Where(m => m.Kind == kind && m.Group == group);

    public IReadOnlyList<Manifest> InNamespace(string? ns)
    {
        IReadOnlyList<Manifest> found = ns is not null && _byNamespace.TryGetValue(ns, out var list) ? list : [];
        return CustomRuleRunner.Current is { } run ? new WatchedManifests(found, run) : WorkCounter.Counted<Manifest>(found);
    }

    /// <summary>The object with this identity (the first one when it is defined twice).</summary>
    public Manifest? Find(ObjectKey key)
    {
        var found = _byKey.TryGetValue(key, out var list) ? list[0] : null;
        if (found is not null)
        {
            CustomRuleRunner.Current?.Saw(found);
        }

        return found;
    }

    /// <summary>Whether the input holds any object of this kind in the namespace (cluster-scoped kinds: null).</summary>
    public bool HoldsKind(string group, string kind, string? ns)
    {
        _kinds ??= _everything.Where(m => m.Kind is not null).Select(m => new KindIn(m.Group, m.Kind!, m.Namespace)).ToHashSet();
        return _kinds.Contains(new KindIn(group, kind, ns));
    }

    private HashSet<KindIn>? _kinds;

    // A class, not a tuple: a set over a value type is generic code compiled at run time (the tool is ReadyToRun).
    private sealed record KindIn(string Group, string Kind, string? Namespace);

    /// <summary>Identities defined more than once (released objects included: they keep the position of their name).</summary>
    public IEnumerable<IReadOnlyList<Manifest>> Duplicates => _isPart ? [] : _byKey.Values.Where(l => l.Count > 1);
}

/// <summary>A list of objects handed to a custom rule: each object read is noted, and reading stops once the rule is cancelled.</summary>
internal sealed class WatchedManifests(IReadOnlyList<Manifest> inner, CustomRuleRun run) : IReadOnlyList<Manifest>
{
    public int Count => inner.Count;

    public Manifest this[int index]
    {
        get
        {
            var manifest = inner[index];
            run.Saw(manifest);
            return manifest;
        }
    }

    public IEnumerator<Manifest> GetEnumerator()
    {
        foreach (var manifest in inner)
        {
            run.Saw(manifest);
            yield return manifest;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
