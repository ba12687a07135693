namespace KubePlan.Manifests;

/// <summary>
/// What stays of an object once every rule that reads its tree has checked it: its identity and the
/// places later stages read (apiVersion, kind, metadata.name, generateName and namespace, and the
/// <c>kubeplan.io/ignore</c> annotations of the object and its pod template), each node where it was,
/// so positions, pointers, fingerprints and suppressions come out as from the whole tree.
/// </summary>
internal static class ManifestSkeleton
{
    private static readonly string[][] KeptPaths =
    [
        ["apiVersion"],
        ["kind"],
        ["metadata", "name"],
        ["metadata", "generateName"],
        ["metadata", "namespace"],
        ["metadata", "annotations", Suppressions.Suppression.AnnotationKey],
        ["spec", "template", "metadata", "annotations", Suppressions.Suppression.AnnotationKey],
        ["spec", "jobTemplate", "spec", "template", "metadata", "annotations", Suppressions.Suppression.AnnotationKey],
    ];

    /// <summary>The object with only its skeleton: a new manifest (the given one is not changed), marked <see cref="Manifest.IsReleased"/>.</summary>
    /// <param name="checkedFindings">The findings about the object of the rules that checked it before its tree went.</param>
    internal static Manifest Of(Manifest m, IReadOnlyList<KubePlan.Rules.CheckedFinding>? checkedFindings = null) =>
        // The namespace an object without one landed in is the one its loader defaulted to.
        new(m.File, m.DocumentIndex, Prune(m.Root, KeptPaths, 0), string.IsNullOrEmpty(m.DeclaredNamespace) ? m.Namespace : null)
        {
            IsReleased = true,
            Checked = checkedFindings,
        };

    /// <summary>A copy of the mapping with only the entries on one of the paths (whose keys up to this depth led here), in their order.</summary>
    private static YMapping Prune(YMapping mapping, string[][] paths, int depth)
    {
        var kept = new List<YEntry>();
        foreach (var entry in mapping.EntrySpan)
        {
            var key = entry.KeyText;
            var on = paths.Where(p => p[depth] == key).ToArray();
            if (on.Any(p => p.Length == depth + 1))
            {
                kept.Add(entry);
            }
            else if (on.Length > 0 && entry.Value is YMapping child && Prune(child, on, depth + 1) is { Count: > 0 } pruned)
            {
                kept.Add(entry.WithValue(pruned));
            }
        }

        return new YMapping(mapping.Start, kept.ToArray());
    }
}
