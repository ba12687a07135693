using System.Text.RegularExpressions;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>
/// Runs every fixture under <c>Fixtures/&lt;rule-id&gt;/</c>. A fixture states its intent with
/// <c># expect: rule-id</c> comments on the lines where findings are due; for the rule its
/// folder names, the findings must be exactly those lines. A <c>nodes.yaml</c> beside the
/// fixtures is used as the node inventory (<c>--nodes</c>).
/// </summary>
public partial class FixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Fixtures");
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) != "nodes.yaml")
            {
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_FindingsAreExactlyTheExpectedLines(string fixture)
    {
        var root = Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Fixtures");
        var path = Path.Combine(root, fixture);
        var ruleId = fixture.Split('/')[0];
        Assert.NotNull(RuleCatalog.Find(ruleId));
        var text = File.ReadAllText(path);
        var expected = ExpectedLines(text, ruleId);

        var loader = new ManifestLoader();
        var input = loader.LoadText(fixture, text);
        var nodesPath = Path.Combine(Path.GetDirectoryName(path)!, "nodes.yaml");
        var nodes = File.Exists(nodesPath) ? loader.LoadText("nodes.yaml", File.ReadAllText(nodesPath)) : null;
        // The folder's rule runs whatever its profiles, so off-by-default rules are tested too.
        var report = Linter.Run(input, RuleHarness.OptionsFor(text).Enabling(ruleId), nodes);
        var actual = report.Diagnostics.Where(d => d.RuleId == ruleId).Select(d => d.Line).Order().ToList();

        Assert.True(expected.SequenceEqual(actual),
            $"{fixture}: expected {ruleId} on lines [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]:\n"
            + string.Join("\n", report.Diagnostics.Where(d => d.RuleId == ruleId).Select(d => $"  {d.Line}:{d.Column} {d.Message}")));
    }

    [Fact]
    public void EveryRule_HasAFiringAndANonFiringFixture()
    {
        var root = Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Fixtures");
        foreach (var rule in RuleCatalog.BuiltIn)
        {
            var dir = Path.Combine(root, rule.Id);
            Assert.True(Directory.Exists(dir), $"rule {rule.Id} has no fixtures folder");
            var files = Directory.GetFiles(dir, "*.yaml").Where(f => Path.GetFileName(f) != "nodes.yaml").Select(File.ReadAllText).ToList();
            Assert.True(files.Any(t => ExpectedLines(t, rule.Id).Count > 0), $"rule {rule.Id} has no fixture that fires");
            Assert.True(files.Any(t => ExpectedLines(t, rule.Id).Count == 0), $"rule {rule.Id} has no fixture that does not fire");
        }
    }

    internal static List<int> ExpectedLines(string text, string ruleId)
    {
        var lines = text.Split('\n');
        var expected = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Expectation().Matches(lines[i]))
            {
                if (m.Groups[1].Value == ruleId)
                {
                    expected.Add(i + 1);
                }
            }
        }

        return expected;
    }

    [GeneratedRegex(@"#\s*expect:\s*([a-z0-9/-]+)")]
    private static partial Regex Expectation();
}
