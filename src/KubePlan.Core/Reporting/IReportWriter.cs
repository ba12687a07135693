using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// How a report should look: colour only for a terminal that wants it. <paramref name="Rules"/> are the
/// rules that ran (built-in and custom), for formats that describe them (SARIF); the built-in catalogue
/// when not given. <paramref name="FailOn"/> is the <c>--fail-on</c> threshold, for formats that mark
/// findings as failures (JUnit).
/// </summary>
public sealed record ReportOptions(bool Color = false, IReadOnlyList<Rule>? Rules = null, Severity FailOn = Severity.Error);

/// <summary>One output format of the lint report.</summary>
public interface IReportWriter
{
    string Format { get; }

    void Write(LintReport report, TextWriter output, ReportOptions options);
}

/// <summary>The lint output formats, picked by name.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new TextReportWriter(),
        new JsonReportWriter(),
        new SarifReportWriter(),
        new JUnitReportWriter(),
        new GitHubReportWriter(),
    ];

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(w => w.Format));
}
