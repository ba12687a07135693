using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// How a report should look: colour only for a terminal that wants it. <paramref name="Rules"/> are the
/// rules that ran (built-in and custom), for formats that describe them (SARIF); the built-in catalogue
/// when not given. <paramref name="FailOn"/> is the <c>--fail-on</c> threshold, for formats that mark
/// findings as failures (JUnit). <paramref name="SourceRoot"/> is the absolute folder that file paths are
/// made relative to where a format wants repository-relative paths (SARIF's <c>%SRCROOT%</c>): the
/// repository root, or the current folder outside a repository; null keeps paths as given.
/// </summary>
public sealed record ReportOptions(bool Color = false, IReadOnlyList<Rule>? Rules = null, Severity FailOn = Severity.Error, string? SourceRoot = null);

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
