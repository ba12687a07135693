using System.Text.RegularExpressions;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>Meta-tests that guard the catalogue: ids, docs, and the docs' examples behaving as they say.</summary>
public partial class RuleCatalogTests
{
    public static TheoryData<string> RuleIdsData()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.BuiltIn)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Fact]
    public void Catalogue_ListsEveryRuleClass_Once()
    {
        // The catalogue is a written list (reflection over the assembly cost start-up time): every
        // concrete rule class with a parameterless constructor must be in it, and nothing twice.
        var classes = typeof(Rule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var listed = RuleCatalog.Create().Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(classes, listed);
        Assert.Equal(listed.Count, RuleCatalog.BuiltIn.Count);
    }

    [Fact]
    public void Ids_AreUnique_KebabCase_AndDeclaredInRuleIds()
    {
        var ids = RuleCatalog.BuiltIn.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var declared = typeof(RuleIds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var id in ids)
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
            Assert.Contains(id, declared);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Rule_HasFullSentenceMetadata(string id)
    {
        var info = RuleCatalog.Find(id)!.Info;
        Assert.EndsWith(".", info.Summary, StringComparison.Ordinal);
        Assert.EndsWith(".", info.Remediation, StringComparison.Ordinal);
        Assert.True(char.IsUpper(info.Remediation[0]), $"{id}: remediation should be a full sentence");
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Rule_HasADoc_WhoseExamplesBehaveAsItSays(string id)
    {
        var path = Path.Combine(RuleHarness.RepoRoot, "rules", id + ".md");
        Assert.True(File.Exists(path), $"rules/{id}.md is missing");
        var doc = File.ReadAllText(path);
        Assert.StartsWith("# " + id, doc, StringComparison.Ordinal);
        foreach (var heading in new[] { "## Why", "## How to fix", "## Failing example", "## Passing example" })
        {
            Assert.Contains(heading, doc, StringComparison.Ordinal);
        }

        var failing = ExampleAfter(doc, "## Failing example");
        var passing = ExampleAfter(doc, "## Passing example");
        Assert.NotEmpty(Lint(failing, id));
        Assert.Empty(Lint(passing, id));
    }

    [Fact]
    public void EmbeddedDocs_MatchTheRepositoryDocs()
    {
        foreach (var rule in RuleCatalog.BuiltIn)
        {
            var path = Path.Combine(RuleHarness.RepoRoot, "rules", rule.Id + ".md");
            Assert.Equal(File.ReadAllText(path), RuleDocs.Read(rule.Id));
        }
    }

    private static List<KubePlan.Diagnostics.Diagnostic> Lint(string yaml, string id) =>
        RuleHarness.Lint(yaml, RuleHarness.OptionsFor(yaml).Enabling(id), path: "example.yaml").Diagnostics.Where(d => d.RuleId == id).ToList();

    /// <summary>The first fenced yaml block after a heading.</summary>
    private static string ExampleAfter(string doc, string heading)
    {
        var start = doc.IndexOf(heading, StringComparison.Ordinal);
        var match = YamlBlock().Match(doc, start);
        Assert.True(match.Success, $"no ```yaml block after {heading}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
