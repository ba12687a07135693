using System.Text.Json;
using KubePlan.Diagnostics;
using KubePlan.Reporting;

namespace KubePlan.Diff;

/// <summary>The JSON contract of DESIGN.md (<c>schemas/diff.schema.json</c>): stable field order, no timestamps.</summary>
public sealed class JsonDiffWriter : IDiffWriter
{
    public string Format => "json";

    public void Write(ChangeSet changes, TextWriter output, ReportOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("changes");
            foreach (var c in changes.Changes)
            {
                WriteChange(json, c);
            }

            json.WriteEndArray();
            json.WriteStartArray("diagnostics");
            foreach (var (side, d) in changes.Diagnostics)
            {
                WriteSideDiagnostic(json, side, d);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("objects", changes.Changes.Count);
            foreach (var impact in ImpactNames.All)
            {
                var count = changes.Count(impact);
                if (count > 0)
                {
                    json.WriteNumber(impact.ToName(), count);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteChange(Utf8JsonWriter json, ObjectChange c)
    {
        json.WriteStartObject();
        json.WritePropertyName("object");
        JsonFormatting.WriteObjectRef(json, c.Object);
        if (c.Location is { } at)
        {
            json.WriteString("file", at.File);
            json.WriteNumber("line", at.Line);
        }

        json.WriteStartArray("impacts");
        foreach (var impact in c.Impacts)
        {
            json.WriteStringValue(impact.ToName());
        }

        json.WriteEndArray();
        json.WriteStartArray("fields");
        foreach (var f in c.Fields)
        {
            json.WriteStartObject();
            json.WriteString("path", f.Path);
            json.WritePropertyName("old");
            WriteValue(json, f.Old);
            json.WritePropertyName("new");
            WriteValue(json, f.New);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (c.Plan is { } plan)
        {
            json.WritePropertyName("plan");
            plan.Json.WriteTo(json);
        }

        json.WriteString("message", c.Message);
        if (c.Notes.Count > 0)
        {
            json.WriteStartArray("notes");
            foreach (var note in c.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
        }

        if (c.Rejections.Count > 0)
        {
            json.WriteStartArray("rejections");
            foreach (var r in c.Rejections)
            {
                json.WriteStartObject();
                json.WriteString("path", r.Path);
                json.WriteString("reason", r.Reason);
                json.WriteString("remedy", r.Remedy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (c.Traffic is { } traffic)
        {
            json.WriteStartObject("traffic");
            WriteRefs(json, "before", traffic.Before);
            WriteRefs(json, "after", traffic.After);
            json.WriteEndObject();
        }

        if (c.NotRolled.Count > 0)
        {
            WriteRefs(json, "notRolled", c.NotRolled);
        }

        json.WriteEndObject();
    }

    private static void WriteRefs(Utf8JsonWriter json, string name, IReadOnlyList<Manifests.ObjectRef> refs)
    {
        json.WriteStartArray(name);
        foreach (var r in refs)
        {
            JsonFormatting.WriteObjectRef(json, r);
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, System.Text.Json.Nodes.JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    private static void WriteSideDiagnostic(Utf8JsonWriter json, DiffSide side, Diagnostic d) =>
        JsonFormatting.WriteDiagnostic(json, d, side == DiffSide.Old ? "old" : "new");
}
