using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>
/// The rule tables of README.md and rules/README.md are generated from the rule classes; these
/// tests fail when either drifts. Run them with KUBEPLAN_UPDATE_README=1 to regenerate both.
/// </summary>
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
        var expected = readme[..(start + Start.Length)] + "\n" + RuleTable.Markdown(RuleCatalog.BuiltIn, "rules/") + readme[end..];
        Check(path, expected, readme);
    }

    [Fact]
    public void RulesReadme_IsGeneratedFromTheCatalogue()
    {
        var path = Path.Combine(RuleHarness.RepoRoot, "rules", "README.md");
        var actual = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        Check(path, RulesReadme(), actual);
    }

    /// <summary>The whole of rules/README.md.</summary>
    private static string RulesReadme()
    {
        var profiles = string.Join("\n", RuleProfileNames.Known.Select(k =>
            $"| `{k.Name}` | {RuleCatalog.BuiltIn.Count(r => r.Info.Profiles.HasFlag(k.Profile))} |"));
        return "<!-- Generated from the rule classes by ReadmeRuleTableTests (KUBEPLAN_UPDATE_README=1 dotnet test); do not edit. -->\n"
            + "# Rules\n\n"
            + "Every built-in rule, with the severity it reports at, the profiles that turn it on and its category.\n"
            + "`kubeplan lint` runs the `recommended` profile unless `--profile` or the configuration's `profile:` names\n"
            + "another; \"off\" rules run only in the profiles listed, or when the configuration gives them a severity\n"
            + "(`rules: {id: warning}`) or `--enable ID` names them. \"all\" marks a correctness rule: the object fails at\n"
            + "apply time or is broken at run time, so every profile runs it. `kubeplan rules ID` prints one rule's page.\n\n"
            + "| profile | rules |\n| --- | --- |\n" + profiles + "\n\n"
            + RuleTable.Markdown(RuleCatalog.BuiltIn, string.Empty);
    }

    private static void Check(string path, string expected, string actual)
    {
        if (Environment.GetEnvironmentVariable("KUBEPLAN_UPDATE_README") == "1" && expected != actual)
        {
            File.WriteAllText(path, expected);
            actual = expected;
        }

        Assert.Equal(expected, actual);
    }
}
