using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>
/// The built-in Kubernetes schemas embedded in this assembly (generated from the upstream OpenAPI definitions, see
/// schemas/README.md). Each kind's schema is parsed by NJsonSchema and compiled on first use, once, thread-safely.
/// </summary>
public sealed class KubernetesSchemas
{
    private const string ResourcePrefix = "KubePlan.Schemas.Kubernetes.1.36.";
    private const string CompiledResource = ResourcePrefix + "compiled";
    private readonly Assembly _assembly;
    private readonly Lazy<Dictionary<string, CompiledSchemaFile.Entry>> _index;
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), Lazy<KubernetesSchema?>> _cache = new();

    private KubernetesSchemas(Assembly assembly)
    {
        _assembly = assembly;
        _index = new Lazy<Dictionary<string, CompiledSchemaFile.Entry>>(ReadIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The schemas for Kubernetes 1.36.</summary>
    public static KubernetesSchemas Default { get; } = new(typeof(KubernetesSchemas).Assembly);

    /// <summary>The Kubernetes minor version these schemas describe.</summary>
    public string KubernetesVersion => "1.36";

    /// <summary>
    /// Finds the schema of <paramref name="kind"/> in <paramref name="apiVersion"/> (<c>apps/v1</c>, or <c>v1</c> for the core
    /// group). Names are case-sensitive, as in the API server. False for unknown or removed kinds and custom resources.
    /// </summary>
    public bool TryGet(string apiVersion, string kind, [NotNullWhen(true)] out KubernetesSchema? schema)
    {
        schema = null;
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            return false;
        }

        // Rules ask for every object, and mostly find the kind cached: the factory is static so that a hit allocates nothing.
        schema = _cache.GetOrAdd(
            (apiVersion, kind),
            static (key, schemas) => new Lazy<KubernetesSchema?>(() => schemas.Load(key.ApiVersion, key.Kind), LazyThreadSafetyMode.ExecutionAndPublication),
            this).Value;
        return schema is not null;
    }

    /// <summary>
    /// Loads the schemas of the given kinds up front. Kept for callers that know their kinds early; with the precompiled
    /// schemas a kind loads in well under a millisecond, so this is no longer needed for speed.
    /// </summary>
    public void Preload(IEnumerable<(string ApiVersion, string Kind)> kinds)
    {
        foreach (var (apiVersion, kind) in kinds.Distinct())
        {
            TryGet(apiVersion, kind, out _);
        }
    }

    /// <summary>Whether a schema exists for the kind, without loading it.</summary>
    public bool Contains(string apiVersion, string kind) =>
        SplitApiVersion(apiVersion) is var (group, version) && version.Length > 0 && _index.Value.ContainsKey(ResourceName(group, version, kind));

    /// <summary>
    /// Every apiVersion that has a schema for a kind spelled like <paramref name="kind"/> (ignoring case), with the
    /// kind as upstream spells it unknown here: callers compare case themselves. Used to suggest the right version.
    /// </summary>
    public IReadOnlyList<string> ApiVersionsOf(string kind)
    {
        var suffix = "-" + kind.ToLowerInvariant();
        var found = new List<string>();
        foreach (var name in _index.Value.Keys)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var groupVersion = name[..^suffix.Length];
            var dash = groupVersion.LastIndexOf('-');
            found.Add(dash < 0 ? groupVersion : groupVersion[..dash] + "/" + groupVersion[(dash + 1)..]);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Splits <c>apps/v1</c> into (<c>apps</c>, <c>v1</c>) and <c>v1</c> into (<c>""</c>, <c>v1</c>); the version is empty when malformed.</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (string.Empty, apiVersion);
        }

        return slash == 0 || apiVersion.IndexOf('/', slash + 1) >= 0 ? (string.Empty, string.Empty) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>The generated JSON schema of a kind by its resource name (for tooling; validation uses the compiled form).</summary>
    internal JsonSchema LoadJson(string name)
    {
        using var stream = _assembly.GetManifestResourceStream(ResourcePrefix + name + ".json")
            ?? throw new InvalidOperationException("no embedded schema " + name);
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }

    private static string ResourceName(string group, string version, string kind) =>
        (group.Length == 0 ? string.Empty : group + "-") + version + "-" + kind.ToLowerInvariant();

    // The embedded file is read where the assembly image holds it, a kind at a time: a copy of its megabyte or so
    // would stay on the heap for the whole run.
    private Stream OpenCompiled() => _assembly.GetManifestResourceStream(CompiledResource)
        ?? throw new InvalidOperationException("the compiled Kubernetes schemas are not embedded");

    private Dictionary<string, CompiledSchemaFile.Entry> ReadIndex()
    {
        using var stream = OpenCompiled();
        return CompiledSchemaFile.ReadIndex(stream);
    }

    private KubernetesSchema? Load(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        if (version.Length == 0)
        {
            return null;
        }

        // Resource names are lower-cased; the kind must still match exactly (the API server is case-sensitive).
        var name = ResourceName(group, version, kind);
        if (!_index.Value.TryGetValue(name, out var entry) || !string.Equals(entry.Kind, kind, StringComparison.Ordinal))
        {
            return null;
        }

        using var file = OpenCompiled();
        return new KubernetesSchema(group, version, kind, CompiledSchemaFile.ReadGraph(file, entry), () => LoadJson(name));
    }
}
