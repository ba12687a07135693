using KubePlan.Manifests;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>The schema of one built-in Kubernetes kind, loaded from the embedded generated schemas.</summary>
public sealed class KubernetesSchema : IManifestSchema
{
    private readonly SchemaNode _root;
    private readonly Lazy<JsonSchema> _source;

    internal KubernetesSchema(string group, string version, string kind, SchemaNode root, Func<JsonSchema> source)
    {
        Group = group;
        Version = version;
        Kind = kind;
        _root = root;
        _source = new Lazy<JsonSchema>(source, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>API group; empty for the core group.</summary>
    public string Group { get; }

    public string Version { get; }

    public string Kind { get; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The NJsonSchema model the validator was compiled from (for tooling; validation does not use it, so it is read on first use).</summary>
    public JsonSchema Source => _source.Value;

    /// <inheritdoc />
    public IReadOnlyList<SchemaViolation> Validate(JToken document) => SchemaWalker.Validate(_root, JsonTree.ToNode(document));

    /// <inheritdoc />
    public IReadOnlyList<SchemaViolation> Validate(YNode document) => SchemaWalker.Validate(_root, document);
}
