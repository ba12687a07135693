using System.Globalization;
using KubePlan.Reporting;

namespace KubePlan.Planning.Output;

/// <summary>For a pull-request comment: per workload a heading, the parameters, a table of waves, the verdict and the notes (folded).</summary>
public sealed class MarkdownPlanWriter : IPlanWriter
{
    public string Format => "markdown";

    public void Write(PlanReport report, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var planned = report.Entries.Count(e => e.Plan is not null);
        output.WriteLine(PlanText.Invariant($"### kubeplan plan: {planned} planned, {report.Entries.Count - planned} not planned"));
        output.WriteLine();
        if (report.InputProblems.Count > 0)
        {
            output.WriteLine("**Unreadable input** (nothing in these documents was planned):");
            output.WriteLine();
            foreach (var p in report.InputProblems)
            {
                output.WriteLine(PlanText.Invariant($"- `{p.File}:{p.Line}:{p.Column}`: {Escape(p.Message)}"));
            }

            output.WriteLine();
        }

        foreach (var entry in report.Entries)
        {
            if (entry.Plan is { } plan)
            {
                output.WriteLine($"#### {Escape(PlanText.Title(entry.Subject))}: {plan.Strategy}");
                output.WriteLine();
                output.Write(Body(plan));
            }
            else
            {
                output.WriteLine($"#### {Escape(PlanText.Title(entry.Subject))}: not planned");
                output.WriteLine();
                output.WriteLine(Escape(entry.Problem ?? string.Empty));
            }

            output.WriteLine();
        }
    }

    /// <summary>A plan without its heading: parameters, the wave table, verdict, notes; ends with a newline.</summary>
    public static string Body(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        w.WriteLine(Escape(PlanText.Parameters(plan)));
        w.WriteLine();
        foreach (var line in PlanText.ScheduleLines(plan).Concat(PlanText.EndpointLines(plan)))
        {
            w.WriteLine("- " + Escape(line));
        }

        if (plan.Schedule is not null || plan.Endpoints is not null)
        {
            w.WriteLine();
        }

        var job = PlanText.IsJob(plan);
        var share = plan.Steps.Any(s => s.NewEndpointShare is not null);
        if (plan.Steps.Count > 0)
        {
            w.WriteLine(job ? "| wave | actions | running | done | duration |" : share
                ? "| wave | actions | old | new | pods | available | duration | new share |"
                : "| wave | actions | old | new | pods | available | duration |");
            w.WriteLine(job ? "| ---: | --- | ---: | ---: | ---: |" : share
                ? "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
                : "| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        }

        foreach (var s in plan.Steps)
        {
            var actions = string.Join("<br>", s.Actions.Select(Escape));
            if (s.Action is not null)
            {
                actions = $"**{s.Action}**: " + actions;
            }

            if (job)
            {
                var done = s.CompletionsReached is { } c ? c.ToString(CultureInfo.InvariantCulture) : "-";
                w.WriteLine(PlanText.Invariant($"| {s.Step} | {actions} | {s.NewReplicas} | {done} | {PlanText.Duration(s.Duration)} |"));
            }
            else
            {
                var shareCell = share ? " " + (s.NewEndpointShare is { } v ? PlanText.Percent(v) : "-") + " |" : string.Empty;
                w.WriteLine(PlanText.Invariant($"| {s.Step} | {actions} | {s.OldReplicas} | {s.NewReplicas} | {s.MaxPods} | {s.MinAvailable} | {PlanText.Duration(s.Duration)} |{shareCell}"));
            }
        }

        if (plan.Steps.Count > 0)
        {
            w.WriteLine();
        }

        w.WriteLine($"**Verdict:** {Escape(plan.Verdict)}. Total about {PlanText.Duration(plan.TotalDuration)}.");
        if (plan.Notes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(PlanText.Invariant($"<details><summary>Notes ({plan.Notes.Count})</summary>"));
            w.WriteLine();
            foreach (var note in plan.Notes)
            {
                w.WriteLine("- " + Escape(note));
            }

            w.WriteLine();
            w.WriteLine("</details>");
        }

        return w.ToString();
    }

    /// <summary>Keeps table cells intact and stops text from turning into markup.</summary>
    private static string Escape(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
