using KubePlan.Diagnostics;
using KubePlan.Reporting;

namespace KubePlan.Diff;

/// <summary>The pull-request comment format: a summary table, then a collapsible section per object.</summary>
public sealed class MarkdownDiffWriter : IDiffWriter
{
    public string Format => "markdown";

    public void Write(ChangeSet changes, TextWriter output, ReportOptions options)
    {
        output.WriteLine("### kubeplan diff: " + DiffWriters.Summary(changes));
        output.WriteLine();
        if (changes.Changes.Count > 0)
        {
            output.WriteLine("| Object | Impact | What happens |");
            output.WriteLine("| --- | --- | --- |");
            foreach (var c in changes.Changes)
            {
                output.WriteLine($"| `{Cell(DiffWriters.Title(c))}` | {string.Join(", ", c.Impacts.Select(i => "**" + i.ToName() + "**"))} | {Cell(c.Message)} |");
            }

            output.WriteLine();
        }

        foreach (var c in changes.Changes)
        {
            output.WriteLine($"<details><summary><code>{Html(DiffWriters.Title(c))}</code>: {Html(string.Join(", ", c.Impacts.Select(i => i.ToName())))}</summary>");
            output.WriteLine();
            if (c.Location is { } at)
            {
                output.WriteLine($"From `{Cell(at.File)}` line {at.Line}.");
                output.WriteLine();
            }

            output.WriteLine(Cell(c.Message));
            output.WriteLine();
            foreach (var r in c.Rejections)
            {
                output.WriteLine($"- **rejected** `{Cell(r.Path)}`: {Cell(r.Reason)}. Way out: {Cell(r.Remedy)}");
            }

            foreach (var note in c.Notes)
            {
                output.WriteLine($"- note: {Cell(note)}");
            }

            if (c.Rejections.Count > 0 || c.Notes.Count > 0)
            {
                output.WriteLine();
            }

            if (!c.Impacts.Contains(Impact.Added) && !c.Impacts.Contains(Impact.Removed) && c.Fields.Count > 0)
            {
                output.WriteLine("| Field | Old | New |");
                output.WriteLine("| --- | --- | --- |");
                foreach (var f in c.Fields)
                {
                    output.WriteLine($"| `{Cell(f.Path)}` | {Code(f.Old)} | {Code(f.New)} |");
                }

                output.WriteLine();
            }

            if (c.Plan is { } plan)
            {
                output.WriteLine(plan.Markdown.TrimEnd());
                output.WriteLine();
            }

            output.WriteLine("</details>");
            output.WriteLine();
        }

        if (changes.Diagnostics.Count > 0)
        {
            output.WriteLine("#### Findings");
            output.WriteLine();
            foreach (var (side, d) in changes.Diagnostics)
            {
                output.WriteLine($"- `{Cell(d.File)}:{d.Line}:{d.Column}` {d.Severity.ToName()} `{d.RuleId}`: {Cell(d.Message)} ({(side == DiffSide.Old ? "old" : "new")} side)");
            }

            output.WriteLine();
        }
    }

    private static string Code(System.Text.Json.Nodes.JsonNode? value) =>
        value is null ? "_(none)_" : "`" + Cell(DiffWriters.Inline(value)).Replace("`", "'", StringComparison.Ordinal) + "`";

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Html(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
