namespace KubePlan.Manifests;

/// <summary>
/// What stays of an object once every rule that reads its tree has checked it: its identity and the
/// places later stages read (apiVersion, kind, metadata.name, generateName and namespace, and the
/// <c>kubeplan.io/ignore</c> annotations of the object and its pod template), each node where it was,
/// so positions, pointers, fingerprints and suppressions come out as from the whole tree. A ConfigMap or
/// Secret also keeps the keys of its data (not their values): pods reference them by key
/// (missing-reference), and the values are most of such an object (whole configuration files, dashboards).
/// </summary>
internal static class ManifestSkeleton
{
    /// <summary>A path that ends in this keeps the keys of the mapping there, each with an empty value in its place.</summary>
    private const string KeysOnly = "\0keys";

    private static readonly string[][] KeptPaths =
    [
        ["apiVersion"],
        ["kind"],
        ["metadata", "name"],
        ["metadata", "generateName"],
        ["metadata", "namespace"],
        .. Suppressions.Suppression.AnnotatedPlaces.Select(place => place.Keys),
    ];

    private static readonly string[][] ConfigMapPaths = [.. KeptPaths, ["data", KeysOnly], ["binaryData", KeysOnly]];

    private static readonly string[][] SecretPaths = [.. KeptPaths, ["data", KeysOnly], ["stringData", KeysOnly]];

    /// <summary>The object with only its skeleton: a new manifest (the given one is not changed), marked <see cref="Manifest.IsReleased"/>.</summary>
    /// <param name="checkedFindings">The findings about the object of the rules that checked it before its tree went.</param>
    internal static Manifest Of(Manifest m, IReadOnlyList<KubePlan.Rules.CheckedFinding>? checkedFindings = null) =>
        // The namespace an object without one landed in is the one its loader defaulted to.
        new(m.File, m.DocumentIndex, Prune(m.Root, PathsOf(m), 0), string.IsNullOrEmpty(m.DeclaredNamespace) ? m.Namespace : null)
        {
            IsReleased = true,
            Checked = checkedFindings,
        };

    private static string[][] PathsOf(Manifest m) =>
        m.IsKind(string.Empty, "ConfigMap") ? ConfigMapPaths : m.IsKind(string.Empty, "Secret") ? SecretPaths : KeptPaths;

    /// <summary>A copy of the mapping with only the entries on one of the paths (whose keys up to this depth led here), in their order.</summary>
    private static YMapping Prune(YMapping mapping, string[][] paths, int depth)
    {
        // Every released object passes through here while the input is read: plain loops, no per-key allocation.
        var kept = new List<YEntry>();
        foreach (var entry in mapping.EntrySpan)
        {
            var key = entry.KeyText;
            var (whole, keysOnly, matching) = (false, false, 0);
            foreach (var path in paths)
            {
                if (path[depth] == key)
                {
                    whole |= path.Length == depth + 1;
                    keysOnly |= path.Length == depth + 2 && path[depth + 1] == KeysOnly;
                    matching++;
                }
            }

            if (whole)
            {
                kept.Add(entry);
            }
            else if (keysOnly)
            {
                if (entry.Value is YMapping keyed)
                {
                    kept.Add(entry.WithValue(KeysOf(keyed)));
                }
            }
            else if (matching > 0 && entry.Value is YMapping child && Prune(child, On(paths, depth, key, matching), depth + 1) is { Count: > 0 } pruned)
            {
                kept.Add(entry.WithValue(pruned));
            }
        }

        return new YMapping(mapping.Start, kept.ToArray());
    }

    /// <summary>The <paramref name="count"/> paths whose key at <paramref name="depth"/> is <paramref name="key"/>.</summary>
    private static string[][] On(string[][] paths, int depth, string key, int count)
    {
        var on = new string[count][];
        var i = 0;
        foreach (var path in paths)
        {
            if (path[depth] == key)
            {
                on[i++] = path;
            }
        }

        return on;
    }

    /// <summary>A copy of the mapping with its keys where they were and an empty (null) value in place of each value.</summary>
    private static YMapping KeysOf(YMapping mapping)
    {
        var entries = new YEntry[mapping.Count];
        var i = 0;
        foreach (var entry in mapping.EntrySpan)
        {
            entries[i++] = entry.WithValue(new YScalar(entry.Value.Start, string.Empty, ScalarKind.Null, null, plain: true));
        }

        return new YMapping(mapping.Start, entries);
    }
}
