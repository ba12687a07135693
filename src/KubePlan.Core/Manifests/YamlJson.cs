using Newtonsoft.Json.Linq;

namespace KubePlan.Manifests;

/// <summary>Converts a YAML tree to JSON the way sigs.k8s.io/yaml does before the API server sees it.</summary>
public static class YamlJson
{
    public static JToken ToJToken(YNode node) => node switch
    {
        YMapping m => ToObject(m),
        YSequence s => new JArray(s.Items.Select(ToJToken)),
        YScalar s => ToValue(s),
        _ => JValue.CreateNull(),
    };

    private static JObject ToObject(YMapping mapping)
    {
        var obj = new JObject();
        foreach (var entry in mapping.Entries)
        {
            obj[entry.KeyText] = ToJToken(entry.Value);
        }

        return obj;
    }

    private static JValue ToValue(YScalar s) => s.Kind switch
    {
        ScalarKind.Null => JValue.CreateNull(),
        ScalarKind.Bool => new JValue((bool)s.Value!),
        ScalarKind.Int when s.Value is long l => new JValue(l),
        ScalarKind.Int => new JValue((ulong)s.Value!),
        ScalarKind.Float => new JValue((double)s.Value!),
        ScalarKind.Timestamp => new JValue(s.KeyText),
        _ => new JValue(s.Text),
    };
}
