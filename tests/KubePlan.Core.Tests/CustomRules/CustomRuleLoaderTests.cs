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
    public static TheoryData<string> ExampleFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixtureFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static string FixtureFolder => Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "CustomRules", "Fixtures");

    [Fact]
    public void Examples_CompileThroughRoslyn_WithNamespacedIds_AndTheirSourceFiles()
    {
        Assert.True(examples.Set.Succeeded, string.Join("\n", examples.Set.Errors));
        Assert.False(examples.Set.FromCache);
        Assert.Equal(["example/maintenance-window", "example/no-latest-tag", "example/require-team-label"], examples.Set.Rules.Select(r => r.Id));
        Assert.All(examples.Set.Rules, r => Assert.Equal("rules/custom/" + r.Id["example/".Length..] + ".cs", Path.GetRelativePath(RuleHarness.RepoRoot, r.Origin!.File).Replace('\\', '/')));
        output.WriteLine($"compiled the examples in {examples.Set.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [MemberData(nameof(ExampleFixtures))]
    public void Examples_FireExactlyOnTheExpectedLines(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(FixtureFolder, fixture)).ReplaceLineEndings("\n");
        var input = new ManifestLoader().LoadText(fixture, text);
        var report = Linter.Run(input, new LintOptions(), rules: RuleCatalog.BuiltIn.Concat(examples.Set.Rules));
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId.StartsWith("custom-rule-", StringComparison.Ordinal));
        foreach (var rule in examples.Set.Rules)
        {
            var expected = FixtureTests.ExpectedLines(text, rule.Id);
            var actual = report.Diagnostics.Where(d => d.RuleId == rule.Id).Select(d => d.Line).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{fixture}, {rule.Id}: expected lines [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public void EveryExample_HasAFiringAndANonFiringObject()
    {
        var texts = Directory.GetFiles(FixtureFolder, "*.yaml").Select(File.ReadAllText).ToList();
        foreach (var rule in examples.Set.Rules)
        {
            Assert.True(texts.Any(t => FixtureTests.ExpectedLines(t, rule.Id).Count > 0), $"{rule.Id} fires in no fixture");
        }

        Assert.Contains(texts, t => t.Contains("name: dont-fire", StringComparison.Ordinal));
    }

    [Theory]
    // A syntax error: the compiler's own file, line, column and code.
    [InlineData("public sealed class R : Rule\n{\n    public override RuleInfo Info => new(\"r\", Severity.Error, \"c\", \"S.\", \"R.\")\n}\n", "custom/broken.cs:3:79: error CS1002: ; expected")]
    // A type error in a method body.
    [InlineData("public sealed class R : Rule\n{\n    public override RuleInfo Info => new(\"a/r\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) { int n = \"x\"; return []; }\n}\n", "custom/broken.cs:5:80: error CS0029: ")]
    // Compiles, but the id is not kebab-case: the error points at the class name.
    [InlineData("public sealed class BadId : Rule\n{\n    public override RuleInfo Info => new(\"Bad_Id\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0003: rule id 'Bad_Id' must be kebab-case")]
    // Only one namespace level.
    [InlineData("public sealed class Deep : Rule\n{\n    public override RuleInfo Info => new(\"a/b/c\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0003: rule id 'a/b/c' must be kebab-case")]
    // The kubeplan namespace is the tool's own.
    [InlineData("public sealed class Ours : Rule\n{\n    public override RuleInfo Info => new(\"kubeplan/x\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0003: rule id 'kubeplan/x' uses the namespace 'kubeplan/'")]
    // Compiles, but takes a built-in rule's id.
    [InlineData("public sealed class Clash : Rule\n{\n    public override RuleInfo Info => new(\"yaml-syntax\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0004: rule id 'yaml-syntax' is the id of a built-in rule")]
    // Or the id of KubePlan's findings about custom rules.
    [InlineData("public sealed class Clash : Rule\n{\n    public override RuleInfo Info => new(\"custom-rule-failed\", Severity.Error, \"c\", \"S.\", \"R.\");\n\n    public override IEnumerable<Diagnostic> Check(AnalysisContext c) => [];\n}\n", "custom/broken.cs:1:21: error KP0004: rule id 'custom-rule-failed' is the id of a built-in rule")]
    public void BadRuleFile_IsAPositionedError_NotAnException(string source, string expectedStart)
    {
        using var set = new CustomRuleLoader(cacheDirectory: null).Load([new CustomRuleSource("custom/broken.cs", source)]);

        Assert.False(set.Succeeded);
        Assert.Empty(set.Rules);
        Assert.Contains(set.Errors, e => e.ToString().StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void SecondLoad_IsServedFromTheCache_WithTheSameRulesAndFiles()
    {
        var cache = Path.Combine(Path.GetTempPath(), "kubeplan-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var loader = new CustomRuleLoader(cache);
            using var first = loader.Load(examples.Sources);
            using var second = loader.Load(examples.Sources);

            Assert.False(first.FromCache);
            Assert.True(second.FromCache);
            Assert.Equal(first.Rules.Select(r => (r.Id, r.Origin)), second.Rules.Select(r => (r.Id, r.Origin)));
            Assert.Single(Directory.GetFiles(cache, "*.dll"));
            output.WriteLine($"compiled in {first.Elapsed.TotalMilliseconds:F0} ms, from the cache in {second.Elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void FolderWithoutRuleFiles_IsAnError_NamingTheFolder()
    {
        var empty = Directory.CreateTempSubdirectory("kubeplan-no-rules-");
        try
        {
            using var set = new CustomRuleLoader(cacheDirectory: null).Load([empty.FullName]);

            var error = Assert.Single(set.Errors);
            Assert.Equal((empty.FullName.Replace('\\', '/'), CustomRuleError.NoRules), (error.File, error.Code));
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void CacheKey_DependsOnThePaths_BecauseTheImageNamesThem()
    {
        var text = examples.Sources[0].Text;
        Assert.NotEqual(
            CustomRuleLoader.CacheKey([new CustomRuleSource("a/rule.cs", text)]),
            CustomRuleLoader.CacheKey([new CustomRuleSource("b/rule.cs", text)]));
    }
}
