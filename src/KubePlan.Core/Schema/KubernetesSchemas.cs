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
    private readonly Assembly _assembly;
    private readonly HashSet<string> _resources;
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), Lazy<KubernetesSchema?>> _cache = new();

    private KubernetesSchemas(Assembly assembly)
    {
        _assembly = assembly;
        _resources = new HashSet<string>(assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)), StringComparer.Ordinal);
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

        schema = _cache.GetOrAdd((apiVersion, kind), key => new Lazy<KubernetesSchema?>(() => Load(key.ApiVersion, key.Kind), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return schema is not null;
    }

    /// <summary>
    /// Loads the schemas of the given kinds up front, in parallel. Parsing a schema is the expensive part of validation
    /// (tens of milliseconds per kind, a few hundred for the first while the JIT warms up); validating is microseconds.
    /// </summary>
    public void Preload(IEnumerable<(string ApiVersion, string Kind)> kinds) =>
        Parallel.ForEach(kinds.Distinct(), pair => TryGet(pair.ApiVersion, pair.Kind, out _));

    /// <summary>Whether a schema exists for the kind, without loading it.</summary>
    public bool Contains(string apiVersion, string kind) =>
        SplitApiVersion(apiVersion) is var (group, version) && version.Length > 0 && _resources.Contains(ResourceName(group, version, kind));

    /// <summary>
    /// Every apiVersion that has a schema for a kind spelled like <paramref name="kind"/> (ignoring case), with the
    /// kind as upstream spells it unknown here: callers compare case themselves. Used to suggest the right version.
    /// </summary>
    public IReadOnlyList<string> ApiVersionsOf(string kind)
    {
        var suffix = "-" + kind.ToLowerInvariant() + ".json";
        var found = new List<string>();
        foreach (var name in _resources)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var groupVersion = name[ResourcePrefix.Length..^suffix.Length];
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

    private static string ResourceName(string group, string version, string kind) =>
        ResourcePrefix + (group.Length == 0 ? string.Empty : group + "-") + version + "-" + kind.ToLowerInvariant() + ".json";

    private KubernetesSchema? Load(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        var name = ResourceName(group, version, kind);
        if (version.Length == 0 || !_resources.Contains(name))
        {
            return null;
        }

        using var stream = _assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var schema = JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();

        // Resource names are lower-cased; the kind must still match exactly (the API server is case-sensitive).
        if (schema.ExtensionData?.TryGetValue("x-kubernetes-group-version-kind", out var gvk) != true
            || gvk is not IDictionary<string, object?> fields
            || fields.TryGetValue("kind", out var actualKind) != true
            || !string.Equals(actualKind as string, kind, StringComparison.Ordinal))
        {
            return null;
        }

        return new KubernetesSchema(group, version, kind, schema);
    }
}
