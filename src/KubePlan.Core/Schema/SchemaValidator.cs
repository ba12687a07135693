using Newtonsoft.Json.Linq;

namespace KubePlan.Schema;

/// <summary>Entry points for schema validation of manifests (built-in kinds and custom resources).</summary>
public static class SchemaValidator
{
    /// <summary>
    /// Validates <paramref name="document"/> against the built-in Kubernetes 1.36 schema of its kind. When no schema is known
    /// for the pair (a custom resource, a removed API, a typo), returns one violation at <c>/kind</c> saying so; callers
    /// that handle CRDs or removed APIs ask <see cref="KubernetesSchemas.TryGet"/> first.
    /// </summary>
    public static IReadOnlyList<SchemaViolation> Validate(string apiVersion, string kind, JToken document)
    {
        if (KubernetesSchemas.Default.TryGet(apiVersion, kind, out var schema))
        {
            return schema.Validate(document);
        }

        var pointer = document is JObject obj && obj.ContainsKey("kind") ? "/kind" : string.Empty;
        return [new SchemaViolation(pointer, $"no schema is known for kind \"{kind}\" in apiVersion \"{apiVersion}\" (Kubernetes {KubernetesSchemas.Default.KubernetesVersion})", AtKey: false)];
    }

    /// <summary>A validator for custom resources described by a CRD version's <c>openAPIV3Schema</c>.</summary>
    /// <exception cref="ArgumentException">The schema cannot be read; use <see cref="CustomResourceSchema.TryCreate"/> to get the reason without an exception.</exception>
    public static CustomResourceSchema ForCustomResource(JToken openApiV3Schema) =>
        CustomResourceSchema.TryCreate(openApiV3Schema, out var schema, out var error)
            ? schema
            : throw new ArgumentException(error, nameof(openApiV3Schema));
}
