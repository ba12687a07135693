using System.Text;
using System.Text.Json;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// The rule catalogue as JSON (<c>kubeplan rules --format json</c>, <c>schemas/rules.schema.json</c>),
/// for tools that generate docs or dashboards: one entry per rule, sorted by id.
/// </summary>
public static class RuleCatalogJson
{
    public static string Write(IEnumerable<Rule> rules, IReadOnlySet<string>? custom = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteEndObject();
            json.WriteStartArray("rules");
            foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                var info = rule.Info;
                json.WriteStartObject();
                json.WriteString("id", info.Id);
                json.WriteString("defaultSeverity", info.DefaultSeverity.ToName());
                json.WriteBoolean("onByDefault", info.OnByDefault);
                json.WriteString("category", info.Category);
                json.WriteString("summary", info.Summary);
                json.WriteString("remediation", info.Remediation);
                json.WriteStartArray("profiles");
                foreach (var (profile, name) in RuleProfileNames.Known)
                {
                    if (info.Profiles.HasFlag(profile))
                    {
                        json.WriteStringValue(name);
                    }
                }

                json.WriteEndArray();
                json.WriteBoolean("custom", custom?.Contains(info.Id) == true);
                if (RuleDocs.Read(info.Id) is not null)
                {
                    json.WriteString("doc", "rules/" + info.Id + ".md");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
