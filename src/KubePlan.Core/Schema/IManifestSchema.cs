using KubePlan.Manifests;
using Newtonsoft.Json.Linq;

namespace KubePlan.Schema;

/// <summary>A compiled schema for one kind of manifest: a built-in Kubernetes kind or a custom resource.</summary>
public interface IManifestSchema
{
    /// <summary>Every violation in <paramref name="document"/>, in document order. Never throws for any JSON input.</summary>
    IReadOnlyList<SchemaViolation> Validate(JToken document);

    /// <summary>
    /// Every violation in a document read from YAML, judged as its JSON form (what sigs.k8s.io/yaml gives the API server),
    /// without building that form. Never throws for any tree the reader gives.
    /// </summary>
    IReadOnlyList<SchemaViolation> Validate(YNode document);
}
