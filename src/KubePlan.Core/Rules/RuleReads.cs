using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>
/// What of the input a rule reads, declared by the rule, so that a lint run can check objects as
/// they are read and keep afterwards only the trees that a later check still reads (the rest of an
/// object shrinks to its identity, see <see cref="ManifestSkeleton"/>).
/// </summary>
/// <remarks>
/// A rule that declares nothing reads the whole input to the end (every custom rule does: it may read
/// any tree). When every rule of a run declares what it reads, an object whose tree no rule keeps is
/// checked by the one-object rules right after its file is read, and then only its skeleton stays.
/// </remarks>
public sealed class RuleReads
{
    private readonly Func<Manifest, bool> _keeps;

    private RuleReads(bool eachObjectAlone, Func<Manifest, bool> keeps)
    {
        EachObjectAlone = eachObjectAlone;
        _keeps = keeps;
    }

    /// <summary>Every object's tree until every rule has run: the default, and what custom rules get.</summary>
    public static RuleReads WholeInput { get; } = new(false, static _ => true);

    /// <summary>
    /// One object at a time: the rule's findings about an object come from that object's tree alone
    /// (and the run's options), never from other objects or from whether the object is defined twice.
    /// </summary>
    public static RuleReads EachObject { get; } = new(true, static _ => false);

    /// <summary>
    /// One object at a time, except that the objects <paramref name="later"/> picks are checked only once
    /// the whole input is read, so their trees are kept (the schema of a custom resource comes from its
    /// CustomResourceDefinition, which may come after it).
    /// </summary>
    public static RuleReads EachObjectAndLater(Func<Manifest, bool> later) => new(true, later);

    /// <summary>
    /// Across objects: the rule reads the trees of the objects <paramref name="trees"/> picks, and of any
    /// other object only what its skeleton keeps (<see cref="ManifestSkeleton"/>): its identity (kind, name,
    /// namespace: <see cref="ManifestSet.Find"/>, <see cref="ManifestSet.HoldsKind"/>, <see cref="ManifestSet.Duplicates"/>),
    /// and for a ConfigMap or Secret the keys of its data.
    /// </summary>
    public static RuleReads Objects(Func<Manifest, bool> trees) => new(false, trees);

    /// <summary>Across objects, reading the trees of the kinds named (in any API group), and the identity of every other object.</summary>
    public static RuleReads Kinds(params string[] kinds)
    {
        var names = kinds.ToHashSet(StringComparer.Ordinal);
        return Objects(m => m.Kind is { } kind && names.Contains(kind));
    }

    /// <summary>Across objects, reading the trees of the objects that run or describe pods and of the kinds named.</summary>
    public static RuleReads PodsAnd(params string[] kinds)
    {
        var names = kinds.ToHashSet(StringComparer.Ordinal);
        return Objects(m => KubernetesKinds.HasPodSpec(m.Group, m.Kind) || (m.Kind is { } kind && names.Contains(kind)));
    }

    /// <summary>Whether the rule checks each object on its own, so it can check an object as soon as it is read.</summary>
    public bool EachObjectAlone { get; }

    /// <summary>Whether the rule reads this object's tree after the whole input is read.</summary>
    public bool Keeps(Manifest m) => _keeps(m);
}
