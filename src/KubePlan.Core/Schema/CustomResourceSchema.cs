using System.Diagnostics.CodeAnalysis;
using KubePlan.Manifests;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>
/// A validator for the custom resources of one CRD version, compiled from its <c>openAPIV3Schema</c>.
/// Honours <c>x-kubernetes-preserve-unknown-fields</c>, <c>x-kubernetes-int-or-string</c> and
/// <c>x-kubernetes-embedded-resource</c>; unknown fields are errors only where the schema is structural and does not
/// preserve them (as the API server prunes them there); <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are always allowed at the root.
/// </summary>
public sealed class CustomResourceSchema : IManifestSchema
{
    private readonly SchemaNode _root;

    private CustomResourceSchema(SchemaNode root, bool structural)
    {
        _root = root;
        IsStructural = structural;
    }

    /// <summary>Whether every node declares a type (the API server's structural schema rule), so unknown fields are reported.</summary>
    public bool IsStructural { get; }

    /// <summary>Compiles <paramref name="openApiV3Schema"/>; false with a plain-words <paramref name="error"/> if it cannot be read as a schema.</summary>
    public static bool TryCreate(JToken openApiV3Schema, [NotNullWhen(true)] out CustomResourceSchema? schema, [NotNullWhen(false)] out string? error)
    {
        schema = null;
        if (openApiV3Schema is not JObject obj)
        {
            error = "openAPIV3Schema must be an object";
            return false;
        }

        try
        {
            var parsed = JsonSchema.FromJsonAsync(WithoutDescriptions(obj)).GetAwaiter().GetResult();
            var structural = IsStructuralNode(obj, isRoot: true);
            schema = new CustomResourceSchema(SchemaCompiler.CompileCustomResource(parsed, structural), structural);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException or InvalidCastException)
        {
            error = "openAPIV3Schema could not be read as a JSON schema: " + ex.Message;
            return false;
        }
    }

    /// <summary>
    /// Compiles a schema read from YAML (a CRD in the input). The keywords CRDs use are compiled from the tree directly;
    /// anything else goes through the JSON path, so both give the same answers and the same errors.
    /// </summary>
    /// <param name="interner">Shared by the versions of one CRD, whose schemas mostly repeat each other; null for a schema alone.</param>
    internal static bool TryCreate(YNode openApiV3Schema, [NotNullWhen(true)] out CustomResourceSchema? schema, [NotNullWhen(false)] out string? error, SchemaNodeInterner? interner = null)
    {
        if (openApiV3Schema is YMapping mapping)
        {
            var structural = CustomResourceCompiler.IsStructural(mapping, isRoot: true);
            if (CustomResourceCompiler.TryCompile(mapping, structural, interner) is { } root)
            {
                schema = new CustomResourceSchema(root, structural);
                error = null;
                return true;
            }
        }

        return TryCreate(YamlJson.ToJToken(openApiV3Schema), out schema, out error);
    }

    /// <inheritdoc />
    public IReadOnlyList<SchemaViolation> Validate(JToken document) => SchemaWalker.Validate(_root, JsonTree.ToNode(document));

    /// <inheritdoc />
    public IReadOnlyList<SchemaViolation> Validate(YNode document) => SchemaWalker.Validate(_root, document);

    /// <summary>
    /// The schema as JSON without the schema nodes' descriptions: they are often half of a CRD's bytes, and validation
    /// reads none of them. Only the <c>description</c> keyword of a schema node goes; values (enum, default, example)
    /// and properties that happen to be named "description" are written as they are.
    /// </summary>
    private static string WithoutDescriptions(JObject schema)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            WriteSchema(writer, schema);
        }

        return text.ToString();
    }

    private static void WriteSchema(JsonWriter writer, JToken node)
    {
        if (node is not JObject obj)
        {
            node.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in obj.Properties())
        {
            if (property.Name == "description" && property.Value.Type == JTokenType.String)
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            switch (property.Name, property.Value)
            {
                case ("properties" or "patternProperties" or "definitions" or "dependencies", JObject map):
                    writer.WriteStartObject();
                    foreach (var entry in map.Properties())
                    {
                        writer.WritePropertyName(entry.Name);
                        WriteSchema(writer, entry.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case ("items" or "allOf" or "anyOf" or "oneOf", JArray list):
                    writer.WriteStartArray();
                    foreach (var item in list)
                    {
                        WriteSchema(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                case ("items" or "additionalProperties" or "additionalItems" or "not", _):
                    WriteSchema(writer, property.Value);
                    break;
                default:
                    property.Value.WriteTo(writer);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    // A structural schema gives every node a type, except where x-kubernetes-int-or-string or
    // x-kubernetes-preserve-unknown-fields stand in for it (apiextensions-apiserver/pkg/apiserver/schema/validation.go).
    private static bool IsStructuralNode(JObject node, bool isRoot)
    {
        var typed = node["type"] is JValue { Type: JTokenType.String } type && ((string?)type)?.Length > 0;
        var exempt = IsTrue(node, "x-kubernetes-int-or-string") || IsTrue(node, "x-kubernetes-preserve-unknown-fields");
        if (!typed && !exempt && !isRoot)
        {
            return false;
        }

        if (node["properties"] is JObject properties)
        {
            foreach (var property in properties.Properties())
            {
                if (property.Value is not JObject child || !IsStructuralNode(child, isRoot: false))
                {
                    return false;
                }
            }
        }

        return (node["items"] is not JObject items || IsStructuralNode(items, isRoot: false))
            && (node["additionalProperties"] is not JObject additional || IsStructuralNode(additional, isRoot: false));
    }

    private static bool IsTrue(JObject node, string name) => node[name] is JValue { Type: JTokenType.Boolean } value && (bool)value;
}
