using KubePlan.Reporting;

namespace KubePlan.Diff;

/// <summary>One output format of the diff report.</summary>
public interface IDiffWriter
{
    string Format { get; }

    void Write(ChangeSet changes, TextWriter output, ReportOptions options);
}

/// <summary>The diff output formats, picked by name.</summary>
public static class DiffWriters
{
    public static IReadOnlyList<IDiffWriter> All { get; } =
    [
        new TextDiffWriter(),
        new MarkdownDiffWriter(),
        new JsonDiffWriter(),
    ];

    public static IDiffWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(w => w.Format));

    /// <summary>A JSON value on one line, for text and Markdown (Secret values were redacted before).</summary>
    internal static string Inline(System.Text.Json.Nodes.JsonNode? value) =>
        value is null ? "(none)" : value.ToJsonString(InlineOptions);

    private static readonly System.Text.Json.JsonSerializerOptions InlineOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The object's name as the reports print it: <c>Deployment/web (namespace default)</c>.</summary>
    internal static string Title(ObjectChange change) =>
        change.Key.Kind + "/" + change.Key.Name + (change.Key.Namespace is null ? string.Empty : " in " + change.Key.Namespace);

    internal static string Summary(ChangeSet set)
    {
        if (set.Changes.Count == 0)
        {
            return "no changes";
        }

        var counts = ImpactNames.All.Select(i => (Impact: i, Count: set.Count(i))).Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {x.Impact.ToName()}");
        return $"{set.Changes.Count} object{(set.Changes.Count == 1 ? string.Empty : "s")} changed: {string.Join(", ", counts)}";
    }
}
