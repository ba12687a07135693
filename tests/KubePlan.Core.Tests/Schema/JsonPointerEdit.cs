using Newtonsoft.Json.Linq;

namespace KubePlan.Core.Tests.Schema;

/// <summary>Sets or removes the node at an RFC 6901 pointer, creating missing objects on the way.</summary>
internal static class JsonPointerEdit
{
    public static void Set(JToken root, string pointer, JToken? value)
    {
        var segments = pointer.Split('/')[1..].Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var current = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = current is JArray array
                ? array[int.Parse(segments[i], System.Globalization.CultureInfo.InvariantCulture)]
                : ((JObject)current)[segments[i]] ??= new JObject();
        }

        var last = segments[^1];
        if (current is JArray list)
        {
            list[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value!;
        }
        else if (value is null)
        {
            ((JObject)current).Remove(last);
        }
        else
        {
            ((JObject)current)[last] = value;
        }
    }
}
