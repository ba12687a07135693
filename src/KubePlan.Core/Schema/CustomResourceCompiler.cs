using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Schema;

/// <summary>
/// Compiles a CRD's <c>openAPIV3Schema</c> straight from the YAML tree into <see cref="SchemaNode"/>s, giving the nodes
/// <see cref="SchemaCompiler"/> gives from NJsonSchema's model of the same schema, without writing the schema as JSON and
/// deserialising it (most of the cost of a large CRD). It takes only the keywords CRDs use, each in the shape the API
/// server accepts; anything else (<c>$ref</c>, <c>definitions</c>, <c>not</c>, a type list, a number where a name belongs,
/// an enum of dates or objects...) returns null so that the caller takes the NJsonSchema path, which keeps its answers and
/// its error messages for unusual schemas.
/// </summary>
internal sealed class CustomResourceCompiler
{
    private readonly bool _structural;
    private readonly SchemaNodeInterner _interner;
    private bool _failed;

    private CustomResourceCompiler(bool structural, SchemaNodeInterner interner)
    {
        _structural = structural;
        _interner = interner;
    }

    /// <summary>
    /// The compiled root, or null when the schema needs the general path. Equal nodes are one object; give the versions
    /// of one CRD the same <paramref name="interner"/> so that they share them too.
    /// </summary>
    public static SchemaNode? TryCompile(YMapping schema, bool structural, SchemaNodeInterner? interner = null)
    {
        var compiler = new CustomResourceCompiler(structural, interner ?? new SchemaNodeInterner());
        var root = compiler.Compile(schema, isRoot: true);
        return compiler._failed ? null : root;
    }

    /// <summary>Whether every node declares a type, as <c>apiextensions-apiserver</c>'s structural schema rule requires.</summary>
    public static bool IsStructural(YMapping node, bool isRoot)
    {
        var typed = node["type"] is YScalar { Kind: ScalarKind.String or ScalarKind.Timestamp } type && type.KeyText.Length > 0;
        var exempt = IsTrue(node, "x-kubernetes-int-or-string") || IsTrue(node, "x-kubernetes-preserve-unknown-fields");
        if (!typed && !exempt && !isRoot)
        {
            return false;
        }

        if (node["properties"] is YMapping properties)
        {
            foreach (var property in properties.Entries)
            {
                if (property.Value is not YMapping child || !IsStructural(child, isRoot: false))
                {
                    return false;
                }
            }
        }

        return (node["items"] is not YMapping items || IsStructural(items, isRoot: false))
            && (node["additionalProperties"] is not YMapping additional || IsStructural(additional, isRoot: false));
    }

    private static bool IsTrue(YMapping node, string name) => node[name] is YScalar { Kind: ScalarKind.Bool, Value: true };

    private SchemaNode Compile(YMapping schema, bool isRoot = false)
    {
        var node = new SchemaNode();
        YNode? properties = null, required = null, additional = null, items = null, enumeration = null;
        YNode? allOf = null, anyOf = null, oneOf = null;
        string? format = null;
        bool preserveUnknown = false, intOrString = false;
        foreach (var entry in schema.Entries)
        {
            var value = entry.Value;
            switch (entry.KeyText)
            {
                case "type":
                    node.Kinds = value switch
                    {
                        YScalar { Kind: ScalarKind.String } type => MapKinds(type.Text),
                        YSequence { Items.Count: > 0 } types => types.Items.Aggregate(JsonKinds.Any, (kinds, t) => kinds | (t is YScalar { Kind: ScalarKind.String } name ? MapKinds(name.Text, inList: true) : Fail(JsonKinds.Any))),
                        _ => Fail(JsonKinds.Any),
                    };
                    break;
                case "format":
                    format = value is YScalar { Kind: ScalarKind.String } f ? f.Text : Fail<string?>(null);
                    break;
                case "description" or "title":
                    _ = value is YScalar { Kind: ScalarKind.String } || Fail(false);
                    break;
                case "properties":
                    properties = value;
                    break;
                case "required":
                    required = value;
                    break;
                case "additionalProperties":
                    additional = value;
                    break;
                case "items":
                    items = value;
                    break;
                case "enum":
                    enumeration = value;
                    break;
                case "pattern":
                    node.PatternText = value is YScalar { Kind: ScalarKind.String } p ? (p.Text.Length > 0 ? p.Text : null) : Fail<string?>(null);
                    break;
                case "minimum":
                    node.Minimum = Decimal(value);
                    break;
                case "maximum":
                    node.Maximum = Decimal(value);
                    break;
                case "exclusiveMinimum":
                    node.ExclusiveMinimum = Bool(value);
                    break;
                case "exclusiveMaximum":
                    node.ExclusiveMaximum = Bool(value);
                    break;
                case "minLength":
                    node.MinLength = Int(value);
                    break;
                case "maxLength":
                    node.MaxLength = Int(value);
                    break;
                case "minItems":
                    node.MinItems = Int(value) is > 0 and var minItems ? minItems : null;
                    break;
                case "maxItems":
                    node.MaxItems = Int(value) is > 0 and var maxItems ? maxItems : null;
                    break;
                case "minProperties" or "maxProperties":
                    _ = Int(value);
                    break;
                case "multipleOf":
                    _ = Decimal(value);
                    break;
                case "nullable" or "uniqueItems":
                    _ = Bool(value);
                    break;
                case "default" or "example":
                    break;
                case "allOf":
                    allOf = value;
                    break;
                case "anyOf":
                    anyOf = value;
                    break;
                case "oneOf":
                    oneOf = value;
                    break;
                case "x-kubernetes-preserve-unknown-fields":
                    preserveUnknown = value is YScalar { Kind: ScalarKind.Bool, Value: true };
                    break;
                case "x-kubernetes-int-or-string":
                    intOrString = value is YScalar { Kind: ScalarKind.Bool, Value: true };
                    break;
                case "x-kubernetes-embedded-resource":
                    node.AllowsTypeMeta = value is YScalar { Kind: ScalarKind.Bool, Value: true };
                    break;
                case var name when name.StartsWith("x-kubernetes-", StringComparison.Ordinal):
                    break;
                default:
                    _failed = true;
                    break;
            }

            if (_failed)
            {
                return node;
            }
        }

        node.Format = SchemaCompiler.MapFormat(format);
        if (intOrString || node.Format == ValueFormat.IntOrString)
        {
            node.Format = ValueFormat.IntOrString;
            node.Kinds = JsonKinds.Integer | JsonKinds.String;
        }

        if (properties is not null)
        {
            if (properties is not YMapping map)
            {
                return Fail(node);
            }

            if (map.Count > 0)
            {
                node.Properties = new Dictionary<string, SchemaNode>(map.Count, StringComparer.Ordinal);
                foreach (var property in map.Entries)
                {
                    node.Properties[property.KeyText] = property.Value is YMapping child ? Compile(child) : Fail(node);
                }
            }
        }

        if (required is not null)
        {
            node.Required = required is YSequence names && names.Items.All(n => n is YScalar { Kind: ScalarKind.String })
                ? [.. names.Items.Select(n => ((YScalar)n).Text)]
                : Fail(Array.Empty<string>());
        }

        node.AdditionalProperties = additional switch
        {
            null or YScalar { Kind: ScalarKind.Bool } => null,
            YMapping schemaOfValues => Compile(schemaOfValues),
            _ => Fail<SchemaNode?>(null),
        };
        node.RejectUnknown = _structural && !preserveUnknown && node.AdditionalProperties is null && node.Properties is not null;
        node.Items = items switch
        {
            null => null,
            YMapping item => Compile(item),
            _ => Fail<SchemaNode?>(null),
        };
        if (enumeration is not null)
        {
            node.Enum = enumeration is YSequence values ? EnumValues(values) : Fail<string[]?>(null);
        }

        var allOfNodes = Branches(allOf);
        var anyOfNodes = Branches(anyOf);
        var oneOfNodes = Branches(oneOf);
        if (node.Format != ValueFormat.IntOrString)
        {
            node.AllOf = allOfNodes;
            node.AnyOf = anyOfNodes;
            node.OneOf = oneOfNodes;
        }

        // The root takes apiVersion, kind and metadata; set before interning, as an interned node is not changed.
        node.AllowsTypeMeta |= isRoot;
        return _failed ? node : _interner.Intern(node);
    }

    private SchemaNode[]? Branches(YNode? list) => list switch
    {
        null => null,
        YSequence { Items.Count: 0 } => null,
        YSequence branches when branches.Items.All(b => b is YMapping) => [.. branches.Items.Select(b => Compile((YMapping)b))],
        _ => Fail<SchemaNode[]?>(null),
    };

    // The text NJsonSchema's enumeration values give through Convert.ToString: strings as they are, integers in digits,
    // booleans as True/False, null as the empty string. Strings Newtonsoft could take for dates, floats and structures
    // go the general way.
    private string[]? EnumValues(YSequence values)
    {
        var texts = new string[values.Items.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            switch (values.Items[i])
            {
                case YScalar { Kind: ScalarKind.String } s when s.Text.Length == 0 || !(char.IsAsciiDigit(s.Text[0]) || s.Text[0] == '/'):
                    texts[i] = s.Text;
                    break;
                case YScalar { Kind: ScalarKind.Int } n:
                    texts[i] = Convert.ToString(n.Value, CultureInfo.InvariantCulture)!;
                    break;
                case YScalar { Kind: ScalarKind.Bool } b:
                    texts[i] = (bool)b.Value! ? "True" : "False";
                    break;
                case YScalar { Kind: ScalarKind.Null }:
                    texts[i] = string.Empty;
                    break;
                default:
                    return Fail<string[]?>(null);
            }
        }

        return texts;
    }

    private decimal? Decimal(YNode value) => value switch
    {
        YScalar { Kind: ScalarKind.Int, Value: long l } => l,
        YScalar { Kind: ScalarKind.Int, Value: ulong u } => u,
        // As Newtonsoft writes the double (1.0 stays 1.0, so the bound prints the same in messages) and reads it back as a
        // decimal; written with an exponent, the general path decides.
        YScalar { Kind: ScalarKind.Float, Value: double d } when double.IsFinite(d) && Newtonsoft.Json.JsonConvert.ToString(d) is var text
            && text.IndexOfAny(['e', 'E']) < 0 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) => m,
        _ => Fail<decimal?>(null),
    };

    private int? Int(YNode value) => value is YScalar { Kind: ScalarKind.Int, Value: long l } && l is >= int.MinValue and <= int.MaxValue ? (int)l : Fail<int?>(null);

    private bool Bool(YNode value) => value is YScalar { Kind: ScalarKind.Bool, Value: bool b } ? b : Fail(false);

    private T Fail<T>(T value)
    {
        _failed = true;
        return value;
    }

    // In a list of types (which NJsonSchema reads as flags), "null" adds nothing the walker checks: null is always unset.
    private JsonKinds MapKinds(string type, bool inList = false) => type switch
    {
        "null" when inList => JsonKinds.Any,
        "object" => JsonKinds.Object,
        "array" => JsonKinds.Array,
        "string" => JsonKinds.String,
        "integer" => JsonKinds.Integer,
        "number" => JsonKinds.Number,
        "boolean" => JsonKinds.Boolean,
        _ => Fail(JsonKinds.Any),
    };
}
