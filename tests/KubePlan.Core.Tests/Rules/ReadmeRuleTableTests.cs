using System.Text;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>The README's rule table is generated from the rule classes; this test fails when it drifts.</summary>
public class ReadmeRuleTableTests
{
    private const string Start = "<!-- rules:start (generated from the rule classes; a test fails when it drifts) -->";
    private const string End = "<!-- rules:end -->";

    [Fact]
    public void Readme_ListsEveryRule_AsTheCatalogueDeclaresIt()
    {
        var path = Path.Combine(RuleHarness.RepoRoot, "README.md");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the rule table markers");
        var expected = readme[..(start + Start.Length)] + "\n" + Table() + readme[end..];
        if (Environment.GetEnvironmentVariable("KUBEPLAN_UPDATE_README") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.Equal(expected, readme);
    }

    private static string Table()
    {
        var text = new StringBuilder("| rule | severity | what it catches |\n| --- | --- | --- |\n");
        foreach (var rule in RuleCatalog.BuiltIn)
        {
            text.Append($"| [`{rule.Id}`](rules/{rule.Id}.md) | {rule.Info.DefaultSeverity.ToName()} | {rule.Info.Summary.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.ToString();
    }
}
