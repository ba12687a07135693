using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>The schema of one built-in Kubernetes kind, loaded from the embedded generated schemas.</summary>
public sealed class KubernetesSchema : IManifestSchema
{
    private readonly SchemaNode _root;

    internal KubernetesSchema(string group, string version, string kind, JsonSchema source)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Source = source;
        _root = SchemaCompiler.CompileKubernetes(source);
    }

    /// <summary>API group; empty for the core group.</summary>
    public string Group { get; }

    public string Version { get; }

    public string Kind { get; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>The NJsonSchema model the validator was compiled from (for tooling; validation does not use it).</summary>
    public JsonSchema Source { get; }

    /// <inheritdoc />
    public IReadOnlyList<SchemaViolation> Validate(JToken document) => SchemaWalker.Validate(_root, document);
}
