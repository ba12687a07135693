using System.Text.Json.Nodes;
using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>Converts YAML values to JSON the way sigs.k8s.io/yaml does, and redacts Secret values.</summary>
public static class DiffJson
{
    public const string Redacted = "(redacted)";

    public static JsonNode? ToJson(YNode? node) => node switch
    {
        null => null,
        YMapping m => ToObject(m),
        YSequence s => new JsonArray(s.Items.Select(ToJson).ToArray()),
        YScalar s => ToValue(s),
        _ => null,
    };

    private static JsonObject ToObject(YMapping mapping)
    {
        var obj = new JsonObject();
        foreach (var entry in mapping.Entries)
        {
            obj[entry.KeyText] = ToJson(entry.Value);
        }

        return obj;
    }

    private static JsonValue? ToValue(YScalar s) => s.Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Bool => JsonValue.Create((bool)s.Value!),
        ScalarKind.Int when s.Value is long l => JsonValue.Create(l),
        ScalarKind.Int => JsonValue.Create((ulong)s.Value!),
        ScalarKind.Float => JsonValue.Create((double)s.Value!),
        ScalarKind.Timestamp => JsonValue.Create(s.KeyText),
        _ => JsonValue.Create(s.Text),
    };

    /// <summary>Whether values under this path of an object of this kind must never be shown.</summary>
    public static bool IsSecretKind(string group, string? kind) => group.Length == 0 && kind == "Secret";

    /// <summary>
    /// The JSON of a field of an object, with a Secret's values replaced by <see cref="Redacted"/>:
    /// a key that changed is visible, its value never is.
    /// </summary>
    public static JsonNode? ToJsonRedacted(YNode? node, string group, string? kind, IReadOnlyList<string> fields)
    {
        var json = ToJson(node);
        if (json is null || !IsSecretKind(group, kind))
        {
            return json;
        }

        if (fields.Count == 0)
        {
            if (json is JsonObject whole)
            {
                RedactValues(whole, "data");
                RedactValues(whole, "stringData");
            }

            return json;
        }

        if (fields[0] is "data" or "stringData")
        {
            return fields.Count == 1 && json is JsonObject values ? RedactMap(values) : JsonValue.Create(Redacted);
        }

        return json;
    }

    private static void RedactValues(JsonObject obj, string field)
    {
        if (obj[field] is JsonObject values)
        {
            obj[field] = RedactMap(values);
        }
        else if (obj[field] is not null)
        {
            obj[field] = Redacted;
        }
    }

    private static JsonObject RedactMap(JsonObject values)
    {
        var redacted = new JsonObject();
        foreach (var (key, value) in values)
        {
            redacted[key] = value is null ? null : JsonValue.Create(Redacted);
        }

        return redacted;
    }
}
