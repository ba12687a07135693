using System.Globalization;
using System.Text;
using KubePlan.Reporting;

namespace KubePlan.Planning.Output;

/// <summary>
/// The terminal format: per workload a header (kind/name, strategy, resolved parameters), a table
/// of waves with a bar of old (▒) and new (█) pods, the verdict, the notes and the total duration.
/// </summary>
public sealed class TextPlanWriter : IPlanWriter
{
    /// <summary>The bar's width in cells; the largest pod count of a plan fills it.</summary>
    public const int BarWidth = 20;

    public const char OldCell = '▒';

    public const char NewCell = '█';

    public string Format => "text";

    public void Write(PlanReport report, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var ansi = new Ansi(options.Color);
        foreach (var p in report.InputProblems)
        {
            output.WriteLine(PlanText.Invariant($"{p.File}:{p.Line}:{p.Column}: {ansi.Red("unreadable")}: {p.Message}"));
        }

        if (report.InputProblems.Count > 0)
        {
            output.WriteLine();
        }

        foreach (var entry in report.Entries)
        {
            if (entry.Plan is { } plan)
            {
                output.WriteLine($"{ansi.Bold(PlanText.Title(entry.Subject))}  {ansi.Cyan(plan.Strategy)}");
                foreach (var line in PlanLines(plan, ansi))
                {
                    output.WriteLine("  " + line);
                }
            }
            else
            {
                output.WriteLine($"{ansi.Bold(PlanText.Title(entry.Subject))}  {ansi.Red("not planned")}");
                output.WriteLine($"  {entry.Problem}");
            }

            output.WriteLine();
        }

        var planned = report.Entries.Count(e => e.Plan is not null);
        var failed = report.Entries.Count - planned;
        output.WriteLine(report.Entries.Count == 0
            ? PlanText.NothingToPlan
            : PlanText.Invariant($"{planned} planned, {failed} not planned"));
    }

    /// <summary>A plan's body without its title: parameters, the wave table, verdict, notes and total.</summary>
    public static IReadOnlyList<string> PlanLines(RolloutPlan plan, Ansi ansi)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ansi);
        var lines = new List<string> { ansi.Dim(PlanText.Parameters(plan)) };
        lines.AddRange(PlanText.ScheduleLines(plan));
        lines.AddRange(PlanText.EndpointLines(plan));
        lines.AddRange(TableLines(plan, ansi));
        lines.Add(ansi.Bold("verdict") + ": " + plan.Verdict);
        lines.AddRange(plan.Notes.Select(n => ansi.Cyan("note") + ": " + n));
        lines.Add(ansi.Bold("total") + ": " + PlanText.Duration(plan.TotalDuration));
        return lines;
    }

    /// <summary>The wave table: a header row and one row per wave, columns aligned.</summary>
    public static IReadOnlyList<string> TableLines(RolloutPlan plan, Ansi ansi)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ansi);
        if (plan.Steps.Count == 0)
        {
            return [];
        }

        var scale = Scale(plan);
        var columns = new List<(string Header, Func<PlanStep, string> Cell, bool Right)> { ("wave", s => Number(s.Step), true) };
        if (PlanText.IsJob(plan))
        {
            columns.Add(("running", s => Number(s.NewReplicas), true));
            columns.Add(("done", s => s.CompletionsReached is { } c ? Number(c) : "-", true));
            columns.Add(("duration", s => PlanText.Duration(s.Duration), true));
            columns.Add(("pods (█ running)", s => Bar(0, s.NewReplicas, scale), false));
        }
        else
        {
            columns.Add(("old", s => Number(s.OldReplicas), true));
            columns.Add(("new", s => Number(s.NewReplicas), true));
            columns.Add(("pods", s => Number(s.MaxPods), true));
            columns.Add(("available", s => Number(s.MinAvailable), true));
            columns.Add(("duration", s => PlanText.Duration(s.Duration), true));
            if (plan.Steps.Any(s => s.NewEndpointShare is not null))
            {
                columns.Add(("new share", s => s.NewEndpointShare is { } share ? PlanText.Percent(share) : "-", true));
            }

            columns.Add(("pods (▒ old, █ new)", s => Bar(s.OldReplicas, s.NewReplicas, scale), false));
        }

        columns.Add(("actions", Actions, false));
        var rows = plan.Steps.Select(s => columns.Select(c => c.Cell(s)).ToArray()).ToList();
        var headers = columns.Select(c => c.Header).ToArray();
        var right = columns.Select(c => c.Right).ToArray();
        var widths = Enumerable.Range(0, headers.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(headers[i].Length).Max())
            .ToArray();
        var lines = new List<string> { ansi.Dim(Row(headers, widths, right)) };
        lines.AddRange(rows.Select(r => Row(r, widths, right)));
        return lines;
    }

    /// <summary>Old pods then new pods, <see cref="BarWidth"/> cells for <paramref name="scale"/> pods; a count above zero shows at least one cell.</summary>
    public static string Bar(int oldPods, int newPods, int scale)
    {
        if (scale <= 0)
        {
            return new string(' ', BarWidth);
        }

        var newCells = Cells(newPods, scale);
        var oldCells = Math.Min(Cells(oldPods, scale), BarWidth - newCells);
        return new string(OldCell, oldCells) + new string(NewCell, newCells) + new string(' ', BarWidth - oldCells - newCells);
    }

    private static int Scale(RolloutPlan plan) =>
        plan.Steps.Select(s => Math.Max(s.MaxPods, s.OldReplicas + s.NewReplicas))
            .Append(plan.Parameters.Replicas).Append(plan.Parameters.FromReplicas).Max();

    private static int Cells(int pods, int scale)
    {
        if (pods <= 0)
        {
            return 0;
        }

        var cells = (int)Math.Round((double)pods * BarWidth / scale, MidpointRounding.AwayFromZero);
        return Math.Clamp(cells, 1, BarWidth);
    }

    private static string Actions(PlanStep s)
    {
        var actions = string.Join("; ", s.Actions);
        return s.Action is null ? actions : s.Action + ": " + actions;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Row(string[] cells, int[] widths, bool[] right)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("  ");
            }

            if (i == cells.Length - 1)
            {
                sb.Append(cells[i]);
            }
            else if (right[i])
            {
                sb.Append(cells[i].PadLeft(widths[i]));
            }
            else
            {
                sb.Append(cells[i].PadRight(widths[i]));
            }
        }

        return sb.ToString().TrimEnd();
    }
}
