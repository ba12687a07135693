using System.Text.Encodings.Web;
using System.Text.Json;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>The JSON contract of DESIGN.md (<c>schemas/report.schema.json</c>): stable field order, no timestamps.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(LintReport report, TextWriter output, ReportOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteEndObject();
            json.WriteString("kubernetesVersion", report.KubernetesVersion.ToString());
            json.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics)
            {
                JsonFormatting.WriteDiagnostic(json, d, identity: true);
            }

            json.WriteEndArray();
            if (report.Suppressed.Count > 0)
            {
                json.WriteStartArray("suppressed");
                foreach (var accepted in report.Suppressed)
                {
                    JsonFormatting.WriteDiagnostic(json, accepted.Diagnostic, identity: true, suppression: accepted);
                }

                json.WriteEndArray();
            }

            var s = report.Summary;
            json.WriteStartObject("summary");
            json.WriteNumber("files", s.Files);
            json.WriteNumber("documents", s.Documents);
            json.WriteNumber("errors", s.Errors);
            json.WriteNumber("warnings", s.Warnings);
            json.WriteNumber("infos", s.Infos);
            json.WriteNumber("suppressed", s.Suppressed);
            if (s.Baseline is { } baseline)
            {
                json.WriteNumber("baselined", baseline.Baselined);
                json.WriteNumber("baselineGone", baseline.Gone);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.WriteLine();
    }
}

/// <summary>Shared JSON settings: indented, and non-ASCII kept readable.</summary>
public static class JsonFormatting
{
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>
    /// A diagnostic in the report contract's shape; <paramref name="side"/> adds the diff's old/new tag,
    /// <paramref name="identity"/> the container and fingerprint, <paramref name="suppression"/> what suppressed it.
    /// </summary>
    public static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d, string? side = null, bool identity = false, Suppressions.SuppressedFinding? suppression = null)
    {
        json.WriteStartObject();
        if (side is not null)
        {
            json.WriteString("side", side);
        }

        json.WriteString("ruleId", d.RuleId);
        json.WriteString("severity", d.Severity.ToName());
        json.WriteString("message", d.Message);
        json.WriteString("file", d.File);
        json.WriteNumber("line", d.Line);
        json.WriteNumber("column", d.Column);
        if (d.Object is { } o)
        {
            json.WritePropertyName("object");
            WriteObjectRef(json, o);
        }

        if (d.Path is not null)
        {
            json.WriteString("path", d.Path);
        }

        if (d.Hint is not null)
        {
            json.WriteString("hint", d.Hint);
        }

        if (identity && d.Container is not null)
        {
            json.WriteString("container", d.Container);
        }

        if (identity && d.Fingerprint is not null)
        {
            json.WriteString("fingerprint", d.Fingerprint);
        }

        if (suppression is not null)
        {
            json.WriteStartObject("suppression");
            json.WriteString("kind", Suppressions.SuppressionKindNames.ToName(suppression.Kind));
            if (suppression.Reason is not null)
            {
                json.WriteString("reason", suppression.Reason);
            }

            json.WriteString("file", suppression.File);
            json.WriteNumber("line", suppression.Line);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    public static void WriteObjectRef(Utf8JsonWriter json, ObjectRef o)
    {
        json.WriteStartObject();
        WriteNullable(json, "apiVersion", o.ApiVersion);
        WriteNullable(json, "kind", o.Kind);
        WriteNullable(json, "namespace", o.Namespace);
        WriteNullable(json, "name", o.Name);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
