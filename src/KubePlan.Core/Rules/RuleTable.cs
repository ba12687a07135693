using System.Text;
using KubePlan.Diagnostics;

namespace KubePlan.Rules;

/// <summary>
/// The rule catalogue as a Markdown table, generated from the rule classes: the README's table
/// and <c>rules/README.md</c> are this text, and tests fail when either drifts from the code.
/// </summary>
public static class RuleTable
{
    /// <summary>"error", "warning", "info" for a rule the default profile runs; "off (warning)" for one it leaves off.</summary>
    public static string DefaultText(RuleInfo info) =>
        info.OnByDefault ? info.DefaultSeverity.ToName() : $"off ({info.DefaultSeverity.ToName()})";

    /// <summary>One row per rule; <paramref name="docPrefix"/> is the path from the table's file to the rule docs.</summary>
    public static string Markdown(IEnumerable<Rule> rules, string docPrefix)
    {
        var text = new StringBuilder("| rule | default | profiles | category | what it catches |\n| --- | --- | --- | --- | --- |\n");
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var info = rule.Info;
            text.Append($"| [`{info.Id}`]({docPrefix}{info.Id}.md) | {DefaultText(info)} | {RuleProfileNames.Describe(info.Profiles)} | {info.Category} | {Escape(info.Summary)} |\n");
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
