using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// The human format: <c>file:line:col: severity rule-id: message</c>, a code frame with a caret
/// under the offending node, and the fix hint.
/// </summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    public void Write(LintReport report, TextWriter output, ReportOptions options)
    {
        var ansi = new Ansi(options.Color);
        foreach (var d in report.Diagnostics)
        {
            output.WriteLine($"{ansi.Bold($"{d.File}:{d.Line}:{d.Column}")}: {ansi.Severity(d.Severity, d.Severity.ToName())} {ansi.Dim(d.RuleId)}: {d.Message}");
            WriteFrame(report, d, output, ansi);
            if (!string.IsNullOrEmpty(d.Hint))
            {
                output.WriteLine($"  {ansi.Cyan("hint")}: {d.Hint}");
            }

            output.WriteLine();
        }

        var s = report.Summary;
        var counts = $"{Plural(s.Errors, "error")}, {Plural(s.Warnings, "warning")}, {Plural(s.Infos, "info")}";
        var extra = s.Suppressed > 0 ? $"; {s.Suppressed.ToString(CultureInfo.InvariantCulture)} suppressed" : string.Empty;
        if (s.Baseline is { } baseline)
        {
            extra += $"; {baseline.Baselined.ToString(CultureInfo.InvariantCulture)} in the baseline, {baseline.Gone.ToString(CultureInfo.InvariantCulture)} of its findings gone";
        }

        output.WriteLine($"{Plural(s.Files, "file")}, {Plural(s.Documents, "document")}: {(s.Errors > 0 ? ansi.Red(counts) : s.Warnings > 0 ? ansi.Yellow(counts) : ansi.Green(counts))}{extra}");
    }

    private static void WriteFrame(LintReport report, Diagnostic d, TextWriter output, Ansi ansi)
    {
        var line = report.Source(d.File)?.Line(d.Line);
        if (line is null)
        {
            return;
        }

        var number = d.Line.ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        output.WriteLine($"  {ansi.Dim(number + " |")} {line.Replace('\t', ' ')}");
        var caretColumn = Math.Clamp(d.Column - 1, 0, line.Length);
        output.WriteLine($"  {ansi.Dim(gutter + " |")} {new string(' ', caretColumn)}{ansi.Severity(d.Severity, "^")}");
    }

    private static string Plural(int n, string word) => n.ToString(CultureInfo.InvariantCulture) + " " + word + (n == 1 ? string.Empty : "s");
}
