using KubePlan.Diagnostics;
using KubePlan.Reporting;

namespace KubePlan.Diff;

/// <summary>
/// The terminal format: one block per object with its impacts, what applying it does, the
/// changed fields and the plan table; findings after the changes; a summary line.
/// </summary>
public sealed class TextDiffWriter : IDiffWriter
{
    public string Format => "text";

    public void Write(ChangeSet changes, TextWriter output, ReportOptions options)
    {
        var ansi = new Ansi(options.Color);
        foreach (var change in changes.Changes)
        {
            var impacts = string.Join(", ", change.Impacts.Select(i => Colour(ansi, i, i.ToName())));
            output.WriteLine($"{ansi.Bold(DiffWriters.Title(change))}  [{impacts}]");
            if (change.Location is { } at)
            {
                output.WriteLine($"  {ansi.Dim($"{at.File}:{at.Line}")}");
            }

            output.WriteLine($"  {change.Message}");
            foreach (var r in change.Rejections)
            {
                output.WriteLine($"  {ansi.Red("rejected")} {r.Path}: {r.Reason}");
                output.WriteLine($"    {ansi.Cyan("way out")}: {r.Remedy}");
            }

            foreach (var note in change.Notes)
            {
                output.WriteLine($"  {ansi.Cyan("note")}: {note}");
            }

            if (!change.Impacts.Contains(Impact.Added) && !change.Impacts.Contains(Impact.Removed))
            {
                foreach (var f in change.Fields)
                {
                    var line = f switch
                    {
                        { Old: null } => ansi.Green($"+ {f.Path}: {DiffWriters.Inline(f.New)}"),
                        { New: null } => ansi.Red($"- {f.Path}: {DiffWriters.Inline(f.Old)}"),
                        _ => $"{ansi.Yellow("~")} {f.Path}: {DiffWriters.Inline(f.Old)} → {DiffWriters.Inline(f.New)}",
                    };
                    output.WriteLine("  " + line);
                }
            }

            if (change.Plan is { } plan)
            {
                foreach (var line in plan.TextLines)
                {
                    output.WriteLine("    " + line);
                }
            }

            output.WriteLine();
        }

        foreach (var (side, d) in changes.Diagnostics)
        {
            output.WriteLine($"{ansi.Bold($"{d.File}:{d.Line}:{d.Column}")}: {ansi.Severity(d.Severity, d.Severity.ToName())} {ansi.Dim(d.RuleId)}: {d.Message} ({(side == DiffSide.Old ? "old" : "new")} side)");
        }

        if (changes.Diagnostics.Count > 0)
        {
            output.WriteLine();
        }

        output.WriteLine(DiffWriters.Summary(changes));
    }

    private static string Colour(Ansi ansi, Impact impact, string text) => impact switch
    {
        Impact.Rejected or Impact.Removed => ansi.Red(text),
        Impact.Rollout or Impact.ConfigNotRolled or Impact.Traffic => ansi.Yellow(text),
        Impact.Added => ansi.Green(text),
        _ => ansi.Blue(text),
    };
}
