using System.Text;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// GitHub Actions workflow commands, one line per finding, which GitHub shows as annotations on the
/// pull request's diff: <c>::error file=F,line=L,col=C,title=RULE::message</c>. Warnings become
/// <c>::warning</c> and infos <c>::notice</c>. The hint follows the message on its own line.
/// </summary>
public sealed class GitHubReportWriter : IReportWriter
{
    public string Format => "github";

    public void Write(LintReport report, TextWriter output, ReportOptions options)
    {
        foreach (var d in report.Diagnostics)
        {
            var command = d.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            var message = d.Hint is null ? d.Message : d.Message + "\n" + d.Hint;
            output.Write($"::{command} file={EscapeProperty(d.File)},line={d.Line},col={d.Column},title={EscapeProperty(d.RuleId)}::{EscapeData(message)}\n");
        }
    }

    /// <summary>The escaping of a command's message (actions/toolkit <c>escapeData</c>).</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>The escaping of a command's property value (actions/toolkit <c>escapeProperty</c>): also <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string text) =>
        new StringBuilder(EscapeData(text))
            .Replace(":", "%3A")
            .Replace(",", "%2C")
            .ToString();
}
