using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json;
using KubePlan.Manifests;
using Newtonsoft.Json.Linq;

namespace KubePlan.Schema;

/// <summary>
/// Walks a document alongside a compiled schema. Keeps the path as a stack of segments and only builds pointers and
/// messages when something is wrong, so a valid document costs one list and no strings.
/// </summary>
internal sealed class SchemaWalker
{
    private const string QuantityHint = "use a number with an optional suffix, such as 500m, 1.5, 2Gi or 1e3";
    private readonly List<SchemaViolation> _violations = [];
    private Segment[] _path = new Segment[16];
    private int _depth;

    private SchemaWalker()
    {
    }

    public static IReadOnlyList<SchemaViolation> Validate(SchemaNode root, YNode document)
    {
        var walker = new SchemaWalker();
        walker.Visit(root, document);
        return walker._violations;
    }

    private void Visit(SchemaNode node, YNode value)
    {
        // JSON null means "unset" to the Kubernetes decoder (and CRD pruning drops non-nullable nulls), so it is never a type error.
        var scalar = value as YScalar;
        if (scalar is { Kind: ScalarKind.Null } || (scalar is null && value is not YMapping and not YSequence))
        {
            return;
        }

        var kind = KindOf(value);
        if (!Accepts(node.Kinds, kind))
        {
            Report(Pointer(), $"{Subject()} must be {Expected(node)}, got {Describe(value)}");
            return;
        }

        switch (kind)
        {
            case JsonKinds.Object:
                VisitObject(node, (YMapping)value);
                break;
            case JsonKinds.Array:
                VisitArray(node, (YSequence)value);
                break;
            case JsonKinds.String:
                VisitString(node, scalar!);
                break;
            case JsonKinds.Integer:
            case JsonKinds.Number:
                VisitNumber(node, scalar!);
                break;
        }

        if (node.Constraints is { } constraints)
        {
            VisitConstraints(constraints, value, scalar, kind);
        }
    }

    private void VisitConstraints(SchemaConstraints node, YNode value, YScalar? scalar, JsonKinds kind)
    {
        if (node.Enum is { } allowed && scalar is not null)
        {
            var text = kind == JsonKinds.String ? StringValue(scalar) : JsonText(scalar);
            if (Array.IndexOf(allowed, text) < 0)
            {
                var list = string.Join(", ", allowed.Select(a => "\"" + a + "\""));
                Report(Pointer(), $"{Subject()} must be one of {list} (got {(kind == JsonKinds.String ? JsonConvert.ToString(Truncate(text)) : text)})");
            }
        }

        if (node.AllOf is { } allOf)
        {
            foreach (var branch in allOf)
            {
                Visit(branch, value);
            }
        }

        if (node.AnyOf is { } anyOf && CountMatches(anyOf, value, stopAt: 1) == 0)
        {
            Report(Pointer(), $"{Subject()} does not match any of the forms the schema allows (anyOf)");
        }

        if (node.OneOf is { } oneOf)
        {
            var matches = CountMatches(oneOf, value, stopAt: 2);
            if (matches != 1)
            {
                Report(Pointer(), matches == 0
                    ? $"{Subject()} does not match any of the forms the schema allows (oneOf)"
                    : $"{Subject()} matches more than one of the forms the schema allows (oneOf needs exactly one)");
            }
        }
    }

    private int CountMatches(SchemaNode[] branches, YNode value, int stopAt)
    {
        var matches = 0;
        foreach (var branch in branches)
        {
            var before = _violations.Count;
            Visit(branch, value);
            if (_violations.Count == before)
            {
                matches++;
            }
            else
            {
                _violations.RemoveRange(before, _violations.Count - before);
            }

            if (matches >= stopAt)
            {
                break;
            }
        }

        return matches;
    }

    // Mapping keys are unique by their JSON text (the reader keeps the last value of a repeated key at the place of
    // the first, as a JSON object does), so each entry is one property.
    private void VisitObject(SchemaNode node, YMapping mapping)
    {
        foreach (var required in node.Required)
        {
            if (mapping[required] is null or YScalar { Kind: ScalarKind.Null })
            {
                Report(Pointer(), $"{Child(required)} is required");
            }
        }

        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = entry.KeyText;
            Push(new Segment(name, -1));
            if (node.Properties is not null && node.Properties.TryGetValue(name, out var propertySchema))
            {
                Visit(propertySchema, entry.Value);
            }
            else if (node.AdditionalProperties is { } additional)
            {
                Visit(additional, entry.Value);
            }
            else if (node.RejectUnknown && !(node.AllowsTypeMeta && name is "apiVersion" or "kind" or "metadata"))
            {
                ReportUnknown(node, name);
            }

            _depth--;
        }
    }

    private void VisitArray(SchemaNode node, YSequence sequence)
    {
        var items = sequence.Items;
        if (node.MinItems is { } minItems && items.Count < minItems)
        {
            Report(Pointer(), $"{Subject()} must have at least {minItems} item{(minItems == 1 ? "" : "s")}, got {items.Count}");
        }

        if (node.MaxItems is { } maxItems && items.Count > maxItems)
        {
            Report(Pointer(), $"{Subject()} must have at most {maxItems} item{(maxItems == 1 ? "" : "s")}, got {items.Count}");
        }

        if (node.Items is not { } itemSchema)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            Push(new Segment(null, i));
            Visit(itemSchema, items[i]);
            _depth--;
        }
    }

    private void VisitString(SchemaNode node, YScalar scalar)
    {
        if (node.Constraints is null && node.Format != ValueFormat.Byte)
        {
            return;
        }

        var value = StringValue(scalar);
        if (node.Pattern is { } pattern && !pattern.IsMatch(value))
        {
            Report(Pointer(), node.Format == ValueFormat.Quantity
                ? $"{Subject()}: \"{value}\" is not a valid quantity ({QuantityHint})"
                : $"{Subject()}: \"{value}\" does not match the pattern {pattern}");
        }

        if (node.Format == ValueFormat.Byte && !IsBase64(value))
        {
            Report(Pointer(), $"{Subject()} must be base64-encoded data; \"{Truncate(value)}\" is not valid base64 (use stringData for plain text)");
        }

        if (node.MinLength is { } minLength && value.Length < minLength)
        {
            Report(Pointer(), $"{Subject()} must be at least {minLength} character{(minLength == 1 ? "" : "s")} long, got \"{Truncate(value)}\"");
        }

        if (node.MaxLength is { } maxLength && value.Length > maxLength)
        {
            Report(Pointer(), $"{Subject()} must be at most {maxLength} character{(maxLength == 1 ? "" : "s")} long, got {value.Length}");
        }
    }

    private void VisitNumber(SchemaNode node, YScalar scalar)
    {
        if (node.Constraints is null || (node.Minimum is null && node.Maximum is null))
        {
            return;
        }

        var value = scalar.Value;
        var bits = node.Format switch
        {
            ValueFormat.Int32 => " (int32)",
            ValueFormat.Int64 => " (int64)",
            _ => string.Empty,
        };
        if (node.Minimum is { } minimum && Compare(value, minimum) is var low && (low < 0 || (node.ExclusiveMinimum && low == 0)))
        {
            Report(Pointer(), $"{Subject()} must be {(node.ExclusiveMinimum ? "greater than" : "at least")} {minimum.ToString(CultureInfo.InvariantCulture)}{bits}, got {JsonText(scalar)}");
        }
        else if (node.Maximum is { } maximum && Compare(value, maximum) is var high && (high > 0 || (node.ExclusiveMaximum && high == 0)))
        {
            Report(Pointer(), $"{Subject()} must be {(node.ExclusiveMaximum ? "less than" : "at most")} {maximum.ToString(CultureInfo.InvariantCulture)}{bits}, got {JsonText(scalar)}");
        }
    }

    private static int Compare(object? value, decimal bound) => value switch
    {
        long l => ((decimal)l).CompareTo(bound),
        ulong u => ((decimal)u).CompareTo(bound),
        int i => ((decimal)i).CompareTo(bound),
        BigInteger b => b.CompareTo(new BigInteger(bound)),
        double d => d.CompareTo((double)bound),
        decimal m => m.CompareTo(bound),
        _ => 0,
    };

    private void ReportUnknown(SchemaNode node, string name)
    {
        var parent = _depth <= 1 ? "at the top level" : "in " + HumanPath(_depth - 1);
        var suggestion = node.Properties is null ? null : Suggest(name, node.Properties.Keys);
        var message = $"unknown field \"{name}\" {parent}" + (suggestion is null ? string.Empty : $"; did you mean \"{suggestion}\"?");
        _violations.Add(new SchemaViolation(Pointer(), message, AtKey: true));
    }

    /// <summary>The allowed name closest to <paramref name="name"/>: same letters in another case, or within a small edit distance.</summary>
    internal static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = name.Length <= 3 ? 1 : name.Length <= 6 ? 2 : 3;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            var distance = Levenshtein(name, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Levenshtein(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return value.Length % 4 == 0 && Convert.TryFromBase64String(value, buffer, out _) && !value.Any(char.IsWhiteSpace);
    }

    private static JsonKinds KindOf(YNode value) => value switch
    {
        YMapping => JsonKinds.Object,
        YSequence => JsonKinds.Array,
        YScalar { Kind: ScalarKind.Bool } => JsonKinds.Boolean,
        YScalar { Kind: ScalarKind.Int } => JsonKinds.Integer,
        YScalar { Kind: ScalarKind.Float } s => IsIntegral(s.Value) ? JsonKinds.Integer : JsonKinds.Number,
        _ => JsonKinds.String,
    };

    // YAML 1e3 reaches JSON as 1000.0 and Go's decoder takes it as the integer 1000, so integral floats are integers.
    private static bool IsIntegral(object? value) => value switch
    {
        double d => !double.IsInfinity(d) && Math.Floor(d) == d,
        decimal m => decimal.Floor(m) == m,
        _ => false,
    };

    /// <summary>The string a JSON conversion gives a string-like scalar (a timestamp is its RFC 3339 text).</summary>
    private static string StringValue(YScalar scalar) => scalar.Kind == ScalarKind.String ? scalar.Text : scalar.KeyText;

    /// <summary>A scalar as JSON writes it (Newtonsoft's number formatting, as the reports always had), for messages.</summary>
    private static string JsonText(YScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Bool => (bool)scalar.Value! ? "true" : "false",
        ScalarKind.Int or ScalarKind.Float => new JValue(scalar.Value).ToString(Formatting.None),
        ScalarKind.Null => "null",
        _ => JsonConvert.ToString(StringValue(scalar)),
    };

    private static bool Accepts(JsonKinds allowed, JsonKinds actual) =>
        allowed == JsonKinds.Any
        || (allowed & actual) != 0
        || (actual == JsonKinds.Integer && (allowed & JsonKinds.Number) != 0);

    private static string Expected(SchemaNode node) => node.Format switch
    {
        ValueFormat.IntOrString => "an integer or a string",
        ValueFormat.Quantity => "a quantity (a number, or a string such as \"500m\" or \"2Gi\")",
        _ => string.Join(" or ", Enum.GetValues<JsonKinds>()
            .Where(k => k != JsonKinds.Any && (node.Kinds & k) != 0 && !(k == JsonKinds.Integer && (node.Kinds & JsonKinds.Number) != 0))
            .Select(k => k switch
            {
                JsonKinds.Object => "an object",
                JsonKinds.Array => "a list",
                JsonKinds.String => "a string",
                JsonKinds.Integer => "an integer",
                JsonKinds.Number => "a number",
                _ => "a boolean",
            })),
    };

    private static string Describe(YNode value) => value switch
    {
        YMapping => "an object",
        YSequence => "a list",
        YScalar { Kind: ScalarKind.Bool } b => $"the boolean {((bool)b.Value! ? "true" : "false")}",
        YScalar { Kind: ScalarKind.Int or ScalarKind.Float } n => $"the number {JsonText(n)}",
        YScalar s => $"the string {JsonConvert.ToString(Truncate(StringValue(s)))}",
        _ => "null",
    };

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..57] + "...";

    private void Report(string pointer, string message) => _violations.Add(new SchemaViolation(pointer, message, AtKey: false));

    private void Push(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
    }

    private string Subject() => _depth == 0 ? "the document" : HumanPath(_depth);

    private string Child(string name)
    {
        var parent = HumanPath(_depth);
        return parent.Length == 0 ? FormatName(name, first: true) : parent + FormatName(name, first: false);
    }

    private string HumanPath(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var segment = _path[i];
            builder.Append(segment.Name is null ? $"[{segment.Index}]" : FormatName(segment.Name, builder.Length == 0));
        }

        return builder.ToString();
    }

    private static string FormatName(string name, bool first)
    {
        var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return plain ? (first ? name : "." + name) : "[" + JsonConvert.ToString(name) + "]";
    }

    private string Pointer()
    {
        if (_depth == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = _path[i];
            builder.Append('/');
            if (segment.Name is null)
            {
                builder.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(segment.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
        }

        return builder.ToString();
    }

    private readonly record struct Segment(string? Name, int Index);
}
