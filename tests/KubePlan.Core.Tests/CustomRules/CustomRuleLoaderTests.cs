using KubePlan.Core.Tests.Rules;
using KubePlan.CustomRules;
using KubePlan.Manifests;
using KubePlan.Rules;
using Xunit.Abstractions;

namespace KubePlan.Core.Tests.CustomRules;

/// <summary>One compilation of the examples in <c>rules/custom/</c>, shared by the tests (Roslyn is slow to start).</summary>
public sealed class CustomRuleExamplesFixture : IDisposable
{
    public CustomRuleExamplesFixture()
    {
        var (sources, errors) = CustomRuleLoader.ReadSources([Path.Combine(RuleHarness.RepoRoot, "rules", "custom")]);
        Assert.Empty(errors);
        Sources = sources;
        Set = new CustomRuleLoader(cacheDirectory: null).Load(sources);
    }

    public IReadOnlyList<CustomRuleSource> Sources { get; }

    public CustomRuleSet Set { get; }

    public void Dispose() => Set.Dispose();
}

public class CustomRuleLoaderTests(CustomRuleExamplesFixture examples, ITestOutputHelper output) : IClassFixture<CustomRuleExamplesFixture>
{
    [Fact]
    public void Examples_Compile_AndFireExactlyOnTheExpectedLines()
    {
        Assert.True(examples.Set.Succeeded, string.Join("\n", examples.Set.Errors));
        Assert.Equal(["no-latest-tag", "require-team-label"], examples.Set.Rules.Select(r => r.Id));
        output.WriteLine($"compiled the examples in {examples.Set.Elapsed.TotalMilliseconds:F0} ms");

        var text = File.ReadAllText(Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "CustomRules", "custom-rule-examples.yaml")).ReplaceLineEndings("\n");
        var input = new ManifestLoader().LoadText("examples.yaml", text);
        var report = Linter.Run(input, new LintOptions(), rules: RuleCatalog.BuiltIn.Concat(examples.Set.Rules));
        foreach (var rule in examples.Set.Rules)
        {
            var expected = FixtureTests.ExpectedLines(text, rule.Id);
            var actual = report.Diagnostics.Where(d => d.RuleId == rule.Id).Select(d => d.Line).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{rule.Id}: expected lines [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }

    [Theory]
    // A syntax error: the compiler's own position and code.
    [InlineData("public sealed class R : Rule\n{\n    public override RuleInfo Info => new(\"r\", Severity.Error, \"c\", \"S.\", \"R.\")\n}\n", "custom/broken.cs:3:79: error CS1002: ; expected")]
    // Compiles, but the id is not kebab-case: the error points at the class name.
    [InlineData("public sealed class BadId : Rule\n{\n    public override RuleInfo Info => new(\"Bad_Id\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0003: rule id 'Bad_Id' must be kebab-case")]
    // Compiles, but takes a built-in rule's id.
    [InlineData("public sealed class Clash : Rule\n{\n    public override RuleInfo Info => new(\"yaml-syntax\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0004: rule id 'yaml-syntax' is the id of a built-in rule")]
    public void BadRuleFile_IsAPositionedError_NotAnException(string source, string expectedStart)
    {
        using var set = new CustomRuleLoader(cacheDirectory: null).Load([new CustomRuleSource("custom/broken.cs", source)]);

        Assert.False(set.Succeeded);
        Assert.Empty(set.Rules);
        Assert.Contains(set.Errors, e => e.ToString().StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void SecondLoad_IsServedFromTheCache()
    {
        var cache = Path.Combine(Path.GetTempPath(), "kubeplan-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var loader = new CustomRuleLoader(cache);
            using var first = loader.Load(examples.Sources);
            using var second = loader.Load(examples.Sources);

            Assert.False(first.FromCache);
            Assert.True(second.FromCache);
            Assert.Equal(first.Rules.Select(r => r.Id), second.Rules.Select(r => r.Id));
            Assert.Single(Directory.GetFiles(cache, "*.dll"));
            output.WriteLine($"compiled in {first.Elapsed.TotalMilliseconds:F0} ms, from the cache in {second.Elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
