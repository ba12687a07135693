using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>How a report should look: colour only for a terminal that wants it.</summary>
public sealed record ReportOptions(bool Color = false);

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
    ];

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(w => w.Format));
}
