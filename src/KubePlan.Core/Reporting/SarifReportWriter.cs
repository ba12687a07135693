using System.Text;
using System.Text.Json;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;
using KubePlan.Suppressions;

namespace KubePlan.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, IDE viewers): one run, the rules that
/// produced findings as <c>tool.driver.rules</c>, and one result per finding with a physical location
/// (relative to <c>%SRCROOT%</c>) and the object as a logical location.
/// </summary>
/// <remarks>
/// Only the rules that have results are described, in id order, so that the output depends on the
/// findings alone and not on how many rules the catalogue holds. No timestamps, no absolute paths
/// (unless the user gave one).
/// </remarks>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/kubeplan/kubeplan";
    public const string RuleDocBaseUri = "https://github.com/kubeplan/kubeplan/blob/main/rules/";
    public const string SourceRoot = "%SRCROOT%";

    public string Format => "sarif";

    public void Write(LintReport report, TextWriter output, ReportOptions options)
    {
        var known = (options.Rules ?? RuleCatalog.BuiltIn)
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Info, StringComparer.Ordinal);
        // Suppressed findings are results too, marked with their suppression, so code scanning closes their alerts.
        var results = report.Diagnostics.Select(d => (Diagnostic: d, Suppression: (SuppressedFinding?)null))
            .Concat(report.Suppressed.Select(s => (s.Diagnostic, (SuppressedFinding?)s)))
            .OrderBy(r => r.Diagnostic, Diagnostic.Order)
            .ToList();
        var ruleIds = results.Select(r => r.Diagnostic.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = ruleIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteString("semanticVersion", ToolInfo.Version);
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            foreach (var id in ruleIds)
            {
                WriteRule(json, id, known.GetValueOrDefault(id));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            if (options.SourceRoot is not null)
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject(SourceRoot);
                json.WriteString("uri", DirectoryUri(options.SourceRoot));
                json.WriteStartObject("description");
                json.WriteString("text", "The repository root (or the folder kubeplan ran in, outside a repository).");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            var baseline = report.Summary.Baseline is not null;
            foreach (var (d, suppression) in results)
            {
                WriteResult(json, d, index[d.RuleId], known.GetValueOrDefault(d.RuleId), suppression, baseline, options.SourceRoot);
            }

            json.WriteEndArray();
            var summary = report.Summary;
            json.WriteStartObject("properties");
            json.WriteNumber("suppressed", summary.Suppressed);
            if (summary.Baseline is { } counts)
            {
                json.WriteNumber("baselined", counts.Baselined);
                json.WriteNumber("baselineGone", counts.Gone);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    /// <summary>SARIF's level for a severity: error, warning or note.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>
    /// A file path as a URI reference: relative paths stay relative (to <c>%SRCROOT%</c>), each segment
    /// percent-encoded, so <c>&lt;stdin&gt;</c> or <c>HEAD:k8s/web.yaml</c> cannot read as a scheme.
    /// </summary>
    public static (string Uri, bool Relative) FileUri(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(path) && Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.IsFile)
        {
            return (absolute.AbsoluteUri, false);
        }

        return (string.Join('/', normalized.Split('/').Select(Uri.EscapeDataString)), true);
    }

    /// <summary>An object's name as <c>Kind.group/namespace/name</c> (the group is left out for the core group).</summary>
    public static string FullyQualifiedName(ObjectRef o)
    {
        var builder = new StringBuilder(o.Kind ?? "object");
        var slash = o.ApiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash > 0)
        {
            builder.Append('.').Append(o.ApiVersion![..slash]);
        }

        builder.Append('/');
        if (o.Namespace is not null)
        {
            builder.Append(o.Namespace).Append('/');
        }

        return builder.Append(o.Name ?? "?").ToString();
    }

    private static void WriteRule(Utf8JsonWriter json, string id, RuleInfo? info)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        if (info is not null)
        {
            json.WriteStartObject("shortDescription");
            json.WriteString("text", info.Summary);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", info.Remediation);
            json.WriteEndObject();
        }

        if (RuleDocs.Read(id) is not null)
        {
            json.WriteString("helpUri", RuleDocBaseUri + id + ".md");
        }

        if (info is not null)
        {
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(info.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", info.Category);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>A folder as an absolute <c>file:</c> URI ending in a slash, as SARIF wants a base URI.</summary>
    public static string DirectoryUri(string folder)
    {
        var uri = new Uri(Path.GetFullPath(folder)).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }

    /// <summary>
    /// A finding's file relative to the source root (the repository root), when it lies inside it;
    /// otherwise as given. <c>&lt;stdin&gt;</c> and <c>REV:path</c> are not files and stay as they are.
    /// </summary>
    public static string RelativeToRoot(string file, string? root)
    {
        if (root is null || file == ManifestLoader.StdinName || (file.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(file)))
        {
            return file;
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(file)).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic d, int ruleIndex, RuleInfo? info, SuppressedFinding? suppression, bool baseline, string? root)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(d.Severity));
        json.WriteStartObject("message");

        // The rule's remediation is already the rule's help; a hint specific to this finding is worth reading beside the message.
        var specificHint = d.Hint is not null && d.Hint != info?.Remediation;
        json.WriteString("text", specificHint ? d.Message + "\n" + d.Hint : d.Message);
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var (uri, relative) = FileUri(RelativeToRoot(d.File, root));
        json.WriteString("uri", uri);
        if (relative)
        {
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, d.Line));
        json.WriteNumber("startColumn", Math.Max(1, d.Column));
        json.WriteEndObject();
        json.WriteEndObject();
        if (d.Object is { } o)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", o.Name ?? "?");
            json.WriteString("fullyQualifiedName", FullyQualifiedName(o));
            json.WriteString("kind", "resource");
            json.WriteStartObject("properties");
            json.WritePropertyName("object");
            JsonFormatting.WriteObjectRef(json, o);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();

        if (d.Fingerprint is not null)
        {
            json.WriteStartObject("partialFingerprints");
            json.WriteString(Fingerprints.Key, d.Fingerprint);
            json.WriteEndObject();
        }

        if (suppression is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", suppression.Kind == SuppressionKind.Config ? "external" : "inSource");
            json.WriteString("status", "accepted");
            if (suppression.Reason is not null)
            {
                json.WriteString("justification", suppression.Reason);
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (baseline && suppression is null)
        {
            // With a baseline, what is reported is what the baseline did not hold.
            json.WriteString("baselineState", "new");
        }

        if (d.Path is not null || d.Hint is not null)
        {
            json.WriteStartObject("properties");
            if (d.Path is not null)
            {
                json.WriteString("path", d.Path);
            }

            if (d.Hint is not null)
            {
                json.WriteString("hint", d.Hint);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
