using System.Globalization;
using KubePlan.Manifests;
using Newtonsoft.Json.Linq;

namespace KubePlan.Schema;

/// <summary>
/// Reads a JSON document given as a <see cref="JToken"/> into the node tree the schema walker validates, for callers
/// of the JToken entry points (manifests read from YAML are validated on their tree directly). JSON types map to the
/// scalar kinds a YAML decoder gives them; a JSON date (Newtonsoft parses some strings as dates) is its UTC RFC 3339 string.
/// </summary>
internal static class JsonTree
{
    private static readonly SourcePosition Nowhere = default;

    public static YNode ToNode(JToken token) => token switch
    {
        JObject obj => ToMapping(obj),
        JArray array => new YSequence(Nowhere, array.Select(ToNode).ToList()),
        JValue value => ToScalar(value),
        _ => new YScalar(Nowhere, string.Empty, ScalarKind.Null, null, plain: true),
    };

    private static YMapping ToMapping(JObject obj)
    {
        var entries = new List<YEntry>(obj.Count);
        foreach (var property in obj.Properties())
        {
            entries.Add(new YEntry(String(property.Name), ToNode(property.Value)));
        }

        return new YMapping(Nowhere, entries);
    }

    private static YScalar ToScalar(JValue value) => value.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => new YScalar(Nowhere, string.Empty, ScalarKind.Null, null, plain: true),
        JTokenType.Boolean => new YScalar(Nowhere, (bool)value ? "true" : "false", ScalarKind.Bool, (bool)value, plain: true),
        JTokenType.Integer => Number(ScalarKind.Int, value.Value is int i ? (long)i : value.Value),
        JTokenType.Float => Number(ScalarKind.Float, value.Value is float f ? (double)f : value.Value),
        JTokenType.Date => String(((DateTime)value).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        _ => String((string?)value ?? string.Empty),
    };

    private static YScalar Number(ScalarKind kind, object? value) =>
        new(Nowhere, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, kind, value, plain: true);

    private static YScalar String(string text) => new(Nowhere, text, ScalarKind.String, text, plain: false);
}
