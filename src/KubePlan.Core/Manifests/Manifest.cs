namespace KubePlan.Manifests;

/// <summary>One Kubernetes object read from a document (or from an item of a List).</summary>
public sealed class Manifest
{
    public Manifest(SourceFile file, int documentIndex, YMapping root, string? defaultNamespace = KubernetesKinds.DefaultNamespace)
    {
        File = file;
        DocumentIndex = documentIndex;
        Root = root;
        ApiVersion = root.GetString("apiVersion");
        Kind = root.GetString("kind");
        var metadata = root["metadata"] as YMapping;
        Name = metadata?.GetString("name");
        GenerateName = metadata?.GetString("generateName");
        DeclaredNamespace = metadata?.GetString("namespace");
        (Group, Version) = KubernetesKinds.SplitApiVersion(ApiVersion);
        IsClusterScoped = Kind is not null && KubernetesKinds.IsClusterScoped(Group, Kind);
        Namespace = IsClusterScoped ? null : string.IsNullOrEmpty(DeclaredNamespace) ? defaultNamespace : DeclaredNamespace;
    }

    public SourceFile File { get; }

    /// <summary>0-based index of the document in its file.</summary>
    /// <remarks>Set again when a large file's pieces, read side by side, are joined.</remarks>
    public int DocumentIndex { get; internal set; }

    public YMapping Root { get; }

    /// <summary>
    /// Whether only the object's skeleton is left (<see cref="ManifestSkeleton"/>): the rules that read its tree
    /// have checked it, and it stays for its identity. <see cref="ManifestSet.All"/> leaves such objects out.
    /// </summary>
    public bool IsReleased { get; internal init; }

    /// <summary>For a released object: the findings about it of the rules that checked it before its tree went, in rule order.</summary>
    internal IReadOnlyList<KubePlan.Rules.CheckedFinding>? Checked { get; init; }

    public Located Located => new(Root, string.Empty, null);

    public string? ApiVersion { get; }

    public string? Kind { get; }

    public string? Name { get; }

    public string? GenerateName { get; }

    /// <summary>The namespace as written in metadata.namespace.</summary>
    public string? DeclaredNamespace { get; }

    /// <summary>The namespace the object lands in: the declared one, else the default; null when cluster-scoped.</summary>
    public string? Namespace { get; }

    public string Group { get; }

    public string Version { get; }

    public bool IsClusterScoped { get; }

    public ObjectRef Ref => new(ApiVersion, Kind, Namespace, Name ?? GenerateName);

    /// <summary>The identity, or null when kind or name is missing.</summary>
    public ObjectKey? Key => Kind is null || Name is null ? null : new ObjectKey(Group, Kind, Namespace, Name);

    public Located? At(params ReadOnlySpan<string> keys) => Located.At(keys);

    public bool IsKind(string group, string kind) => Kind == kind && Group == group;

    /// <summary>The labels of the object's metadata.</summary>
    public IReadOnlyDictionary<string, string> Labels => LabelMap.Read(Root["metadata"] is YMapping m ? m["labels"] : null);

    /// <summary>The pod template's labels, computed once: cross-object rules ask for them per pair.</summary>
    internal IReadOnlyDictionary<string, string>? CachedTemplateLabels { get; set; }

    /// <summary>The pod spec, found once (a boxed <see cref="Located"/>, or a marker for none): most rules ask for it.</summary>
    internal object? CachedPodSpec { get; set; }

    public override string ToString() => Ref + " (" + File.Path + ")";
}

/// <summary>Reads a string map (labels, annotations, matchLabels) leniently: non-string values are rendered as text.</summary>
public static class LabelMap
{
    private static readonly Dictionary<string, string> Empty = [];

    public static IReadOnlyDictionary<string, string> Read(YNode? node)
    {
        if (node is not YMapping m || m.Count == 0)
        {
            return Empty;
        }

        var map = new Dictionary<string, string>(m.Count, StringComparer.Ordinal);
        foreach (var e in m.Entries)
        {
            map[e.KeyText] = e.Value is YScalar s ? (s.IsString ? s.Text : s.KeyText) : string.Empty;
        }

        return map;
    }
}
