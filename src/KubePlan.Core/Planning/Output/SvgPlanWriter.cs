using System.Globalization;
using System.Text;
using System.Xml;
using KubePlan.Reporting;

namespace KubePlan.Planning.Output;

/// <summary>
/// A chart per plan, stacked top to bottom: per wave a bar of old pods with new pods stacked on
/// it, and a line of the fewest available pods; axes with labels, a legend and a title. Fixed
/// geometry and number format (one decimal, invariant culture), no timestamps: the same plan
/// gives the same bytes. Elements carry classes (<c>bar old</c>, <c>bar new</c>,
/// <c>series available</c>) so the chart can be restyled and checked.
/// </summary>
public sealed class SvgPlanWriter : IPlanWriter
{
    private const double Width = 680;
    private const double PanelHeight = 300;
    private const double PanelGap = 20;
    private const double Header = 36;
    private const double Left = 56;
    private const double PlotWidth = 440;
    private const double PlotTop = 40;
    private const double PlotHeight = 200;
    private const double ProblemLine = 18;

    private const string OldColour = "#9aa5b1";
    private const string NewColour = "#2f80ed";
    private const string AvailableColour = "#e8590c";

    public string Format => "svg";

    public void Write(PlanReport report, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var plans = report.Plans.ToList();
        var problems = report.Entries.Where(e => e.Problem is not null)
            .Select(e => PlanText.Title(e.Subject) + ": not planned: " + e.Problem)
            .Concat(report.InputProblems.Select(p => PlanText.Invariant($"{p.File}:{p.Line}:{p.Column}: unreadable: {p.Message}")))
            .ToList();
        if (plans.Count == 0 && problems.Count == 0)
        {
            problems.Add(PlanText.NothingToPlan);
        }

        var height = Header + (plans.Count * (PanelHeight + PanelGap)) + (problems.Count * ProblemLine) + PanelGap;
        var settings = new XmlWriterSettings
        {
            Indent = true,
            OmitXmlDeclaration = true,
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(false),
        };
        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(sb, settings))
        {
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            xml.WriteAttributeString("width", N(Width));
            xml.WriteAttributeString("height", N(height));
            xml.WriteAttributeString("viewBox", $"0 0 {N(Width)} {N(height)}");
            xml.WriteAttributeString("font-family", "sans-serif");
            xml.WriteAttributeString("font-size", "12");
            xml.WriteElementString("title", "kubeplan plan");
            Text(xml, 16, 24, "kubeplan plan: " + (plans.Count == 1 ? "1 workload" : PlanText.Invariant($"{plans.Count} workloads")), "title", fontSize: 16, bold: true);

            for (var i = 0; i < plans.Count; i++)
            {
                Panel(xml, plans[i], i, Header + (i * (PanelHeight + PanelGap)));
            }

            var y = Header + (plans.Count * (PanelHeight + PanelGap)) + ProblemLine;
            foreach (var problem in problems)
            {
                Text(xml, 16, y, problem, "problem");
                y += ProblemLine;
            }

            xml.WriteEndElement();
        }

        output.Write(sb.ToString());
        output.WriteLine();
    }

    private static void Panel(XmlWriter xml, RolloutPlan plan, int index, double top)
    {
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "plan");
        xml.WriteAttributeString("id", PlanText.Invariant($"plan-{index + 1}"));
        xml.WriteAttributeString("transform", $"translate(0 {N(top)})");
        Text(xml, 16, 20, PlanText.Title(plan.Subject) + ": " + PlanText.Summary(plan), "plan-title", fontSize: 14, bold: true);

        var steps = plan.Steps;
        var scale = Math.Max(1, steps.Select(s => Math.Max(s.MaxPods, s.OldReplicas + s.NewReplicas)).Append(plan.Parameters.Replicas).Append(plan.Parameters.FromReplicas).Max());
        var tick = TickStep(scale);
        var yMax = (int)Math.Ceiling((double)scale / tick) * tick;
        double Y(double pods) => PlotTop + PlotHeight - (pods * PlotHeight / yMax);

        // Axes, grid and tick labels.
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "axes");
        for (var v = 0; v <= yMax; v += tick)
        {
            Line(xml, Left, Y(v), Left + PlotWidth, Y(v), v == 0 ? "#333333" : "#e0e0e0", v == 0 ? "axis x" : "grid");
            Text(xml, Left - 6, Y(v) + 4, v.ToString(CultureInfo.InvariantCulture), "tick y", anchor: "end");
        }

        Line(xml, Left, PlotTop, Left, PlotTop + PlotHeight, "#333333", "axis y");
        Text(xml, Left + (PlotWidth / 2), PlotTop + PlotHeight + 36, "wave", "axis-label x", anchor: "middle");
        xml.WriteStartElement("text");
        xml.WriteAttributeString("class", "axis-label y");
        xml.WriteAttributeString("x", N(16));
        xml.WriteAttributeString("y", N(PlotTop + (PlotHeight / 2)));
        xml.WriteAttributeString("text-anchor", "middle");
        xml.WriteAttributeString("transform", $"rotate(-90 16 {N(PlotTop + (PlotHeight / 2))})");
        xml.WriteString("pods");
        xml.WriteEndElement();
        xml.WriteEndElement();

        // One slot per wave: old pods at the bottom, new pods stacked on them.
        var slot = steps.Count == 0 ? PlotWidth : PlotWidth / steps.Count;
        var barWidth = Math.Min(48, slot * 0.6);
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "bars");
        var points = new List<string>();
        foreach (var s in steps)
        {
            var centre = Left + ((s.Step - 0.5) * slot);
            var x = centre - (barWidth / 2);
            var old = s.OldReplicas;
            var total = s.OldReplicas + s.NewReplicas;
            Rect(xml, x, Y(old), barWidth, Y(0) - Y(old), OldColour, "bar old", PlanText.Invariant($"wave {s.Step}: {old} old"));
            Rect(xml, x, Y(total), barWidth, Y(old) - Y(total), NewColour, "bar new", PlanText.Invariant($"wave {s.Step}: {s.NewReplicas} new"));
            Text(xml, centre, PlotTop + PlotHeight + 16, s.Step.ToString(CultureInfo.InvariantCulture), "tick x", anchor: "middle");
            points.Add($"{N(centre)},{N(Y(s.MinAvailable))}");
        }

        xml.WriteEndElement();

        // The fewest available pods during each wave.
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "series available");
        if (points.Count > 0)
        {
            xml.WriteStartElement("polyline");
            xml.WriteAttributeString("points", string.Join(" ", points));
            xml.WriteAttributeString("fill", "none");
            xml.WriteAttributeString("stroke", AvailableColour);
            xml.WriteAttributeString("stroke-width", "2");
            xml.WriteEndElement();
        }

        foreach (var (s, point) in steps.Zip(points))
        {
            var xy = point.Split(',');
            xml.WriteStartElement("circle");
            xml.WriteAttributeString("class", "point");
            xml.WriteAttributeString("cx", xy[0]);
            xml.WriteAttributeString("cy", xy[1]);
            xml.WriteAttributeString("r", "3");
            xml.WriteAttributeString("fill", AvailableColour);
            xml.WriteElementString("title", PlanText.Invariant($"wave {s.Step}: at least {s.MinAvailable} available"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        // Legend, right of the plot.
        var lx = Left + PlotWidth + 24;
        xml.WriteStartElement("g");
        xml.WriteAttributeString("class", "legend");
        if (PlanText.IsJob(plan))
        {
            LegendEntry(xml, lx, PlotTop, NewColour, "running pods", bar: true);
        }
        else
        {
            LegendEntry(xml, lx, PlotTop, OldColour, "old pods", bar: true);
            LegendEntry(xml, lx, PlotTop + 20, NewColour, "new pods", bar: true);
            LegendEntry(xml, lx, PlotTop + 40, AvailableColour, "fewest available", bar: false);
        }

        xml.WriteEndElement();

        var footer = "total about " + PlanText.Duration(plan.TotalDuration);
        if (plan.Schedule is { NextRuns.Count: > 0 } schedule)
        {
            footer += PlanText.Invariant($" · {schedule.Expression} in {schedule.TimeZone}, next run {PlanText.RunText(schedule.NextRuns[0])}");
        }

        foreach (var share in plan.Endpoints ?? [])
        {
            footer += PlanText.Invariant($" · {PlanText.Percent(share.Percent)} of Service {share.Service}");
        }

        Text(xml, Left, PlotTop + PlotHeight + 54, footer, "total");
        xml.WriteEndElement();
    }

    private static void LegendEntry(XmlWriter xml, double x, double y, string colour, string label, bool bar)
    {
        if (bar)
        {
            Rect(xml, x, y, 12, 12, colour, "swatch", null);
        }
        else
        {
            Line(xml, x, y + 6, x + 12, y + 6, colour, "swatch", width: 2);
        }

        Text(xml, x + 18, y + 10, label, "legend-label");
    }

    /// <summary>1, 2 or 5 times a power of ten, giving at most about six ticks.</summary>
    private static int TickStep(int max)
    {
        var step = 1;
        while (true)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                if (max / (step * m) <= 5)
                {
                    return step * m;
                }
            }

            step *= 10;
        }
    }

    private static void Rect(XmlWriter xml, double x, double y, double w, double h, string fill, string cssClass, string? title)
    {
        xml.WriteStartElement("rect");
        xml.WriteAttributeString("class", cssClass);
        xml.WriteAttributeString("x", N(x));
        xml.WriteAttributeString("y", N(y));
        xml.WriteAttributeString("width", N(w));
        xml.WriteAttributeString("height", N(Math.Max(0, h)));
        xml.WriteAttributeString("fill", fill);
        if (title is not null)
        {
            xml.WriteElementString("title", title);
        }

        xml.WriteEndElement();
    }

    private static void Line(XmlWriter xml, double x1, double y1, double x2, double y2, string stroke, string cssClass, double width = 1)
    {
        xml.WriteStartElement("line");
        xml.WriteAttributeString("class", cssClass);
        xml.WriteAttributeString("x1", N(x1));
        xml.WriteAttributeString("y1", N(y1));
        xml.WriteAttributeString("x2", N(x2));
        xml.WriteAttributeString("y2", N(y2));
        xml.WriteAttributeString("stroke", stroke);
        xml.WriteAttributeString("stroke-width", N(width));
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string text, string cssClass, string? anchor = null, int? fontSize = null, bool bold = false)
    {
        xml.WriteStartElement("text");
        xml.WriteAttributeString("class", cssClass);
        xml.WriteAttributeString("x", N(x));
        xml.WriteAttributeString("y", N(y));
        if (anchor is not null)
        {
            xml.WriteAttributeString("text-anchor", anchor);
        }

        if (fontSize is { } size)
        {
            xml.WriteAttributeString("font-size", size.ToString(CultureInfo.InvariantCulture));
        }

        if (bold)
        {
            xml.WriteAttributeString("font-weight", "bold");
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    /// <summary>Coordinates with one decimal, invariant culture: deterministic across machines.</summary>
    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
