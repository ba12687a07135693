using System.Globalization;
using NJsonSchema;

namespace KubePlan.Schema;

/// <summary>
/// Compiles an NJsonSchema model (references already resolved by NJsonSchema) into <see cref="SchemaNode"/>s.
/// Built-in schemas say <c>additionalProperties: false</c> explicitly; custom resource schemas are strict where they
/// are structural, as the API server prunes and reports unknown fields there.
/// </summary>
internal sealed class SchemaCompiler
{
    private readonly Dictionary<JsonSchema, SchemaNode> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly bool _customResource;
    private readonly bool _strictUnknownFields;

    private SchemaCompiler(bool customResource, bool strictUnknownFields)
    {
        _customResource = customResource;
        _strictUnknownFields = strictUnknownFields;
    }

    public static SchemaNode CompileKubernetes(JsonSchema schema) => new SchemaCompiler(false, true).Compile(schema);

    public static SchemaNode CompileCustomResource(JsonSchema schema, bool structural)
    {
        var root = new SchemaCompiler(true, structural).Compile(schema);
        root.AllowsTypeMeta = true;
        return root;
    }

    private SchemaNode Compile(JsonSchema source)
    {
        var schema = source.ActualSchema;
        if (_compiled.TryGetValue(schema, out var existing))
        {
            return existing;
        }

        var node = new SchemaNode();
        _compiled.Add(schema, node);
        node.Kinds = MapKinds(schema.Type);
        node.Format = MapFormat(schema.Format);
        var preserveUnknown = Flag(schema, "x-kubernetes-preserve-unknown-fields");
        if (Flag(schema, "x-kubernetes-int-or-string"))
        {
            node.Format = ValueFormat.IntOrString;
            node.Kinds = JsonKinds.Integer | JsonKinds.String;
        }
        else if (node.Format == ValueFormat.IntOrString)
        {
            node.Kinds = JsonKinds.Integer | JsonKinds.String;
        }

        node.AllowsTypeMeta = Flag(schema, "x-kubernetes-embedded-resource");

        if (schema.Properties.Count > 0)
        {
            node.Properties = new Dictionary<string, SchemaNode>(schema.Properties.Count, StringComparer.Ordinal);
            foreach (var (name, property) in schema.Properties)
            {
                node.Properties[name] = Compile(property);
            }
        }

        node.Required = [.. schema.RequiredProperties];
        if (schema.AdditionalPropertiesSchema is { } additional)
        {
            node.AdditionalProperties = Compile(additional);
        }

        node.RejectUnknown = _customResource
            ? _strictUnknownFields && !preserveUnknown && node.AdditionalProperties is null && node.Properties is not null
            : !schema.AllowAdditionalProperties && node.AdditionalProperties is null && !preserveUnknown;

        if (schema.Item is { } item)
        {
            node.Items = Compile(item);
        }

        if (schema.Enumeration.Count > 0)
        {
            node.Enum = [.. schema.Enumeration.Select(value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null")];
        }

        if (!string.IsNullOrEmpty(schema.Pattern))
        {
            node.PatternText = schema.Pattern;
        }

        node.Minimum = schema.Minimum;
        node.Maximum = schema.Maximum;
        node.ExclusiveMinimum = schema.IsExclusiveMinimum;
        node.ExclusiveMaximum = schema.IsExclusiveMaximum;
        node.MinLength = schema.MinLength;
        node.MaxLength = schema.MaxLength;
        node.MinItems = schema.MinItems > 0 ? schema.MinItems : null;
        node.MaxItems = schema.MaxItems > 0 ? schema.MaxItems : null;

        // Only CRD value validations use these; int-or-string's customary anyOf [integer, string] is already covered.
        if (node.Format != ValueFormat.IntOrString)
        {
            node.AllOf = CompileAll(schema.AllOf);
            node.AnyOf = CompileAll(schema.AnyOf);
            node.OneOf = CompileAll(schema.OneOf);
        }

        return node;
    }

    private SchemaNode[]? CompileAll(ICollection<JsonSchema> schemas) =>
        schemas.Count == 0 ? null : [.. schemas.Select(Compile)];

    private static bool Flag(JsonSchema schema, string extension) =>
        schema.ExtensionData is { } data && data.TryGetValue(extension, out var value) && value is true;

    private static JsonKinds MapKinds(JsonObjectType type)
    {
        var kinds = JsonKinds.Any;
        if (type.HasFlag(JsonObjectType.Object))
        {
            kinds |= JsonKinds.Object;
        }

        if (type.HasFlag(JsonObjectType.Array))
        {
            kinds |= JsonKinds.Array;
        }

        if (type.HasFlag(JsonObjectType.String))
        {
            kinds |= JsonKinds.String;
        }

        if (type.HasFlag(JsonObjectType.Integer))
        {
            kinds |= JsonKinds.Integer;
        }

        if (type.HasFlag(JsonObjectType.Number))
        {
            kinds |= JsonKinds.Number;
        }

        if (type.HasFlag(JsonObjectType.Boolean))
        {
            kinds |= JsonKinds.Boolean;
        }

        return kinds;
    }

    /// <summary>The formats the validator checks; shared with the CRD compiler so both routes read a schema alike.</summary>
    internal static ValueFormat MapFormat(string? format) => format switch
    {
        "int32" => ValueFormat.Int32,
        "int64" => ValueFormat.Int64,
        "int-or-string" => ValueFormat.IntOrString,
        "quantity" => ValueFormat.Quantity,
        "byte" => ValueFormat.Byte,
        _ => ValueFormat.None,
    };
}
