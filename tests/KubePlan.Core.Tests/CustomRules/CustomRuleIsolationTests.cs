using KubePlan.CustomRules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.CustomRules;

/// <summary>Rules that misbehave, compiled once through Roslyn like any user's rule file.</summary>
public sealed class MisbehavingRulesFixture : IDisposable
{
    public const string Source = """
        namespace Tests;

        // Reports every object, and throws on the one named "boom".
        public sealed class Throws : Rule
        {
            public override RuleInfo Info { get; } = new("test/throws", Severity.Warning, "test", "Throws.", "Fix it.");

            public override IEnumerable<Diagnostic> Check(AnalysisContext context)
            {
                foreach (var m in context.Manifests.All)
                {
                    if (m.Name == "boom")
                    {
                        throw new InvalidOperationException("no replicas on " + m.Name);
                    }

                    yield return Report(m, m.Located, "seen " + m.Name);
                }
            }
        }

        // Loops until its token is cancelled.
        public sealed class LoopsCooperatively : Rule
        {
            public override RuleInfo Info { get; } = new("test/loops-cooperatively", Severity.Warning, "test", "Loops.", "Fix it.");

            public override IEnumerable<Diagnostic> Check(AnalysisContext context)
            {
                while (true)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    Thread.Sleep(5);
                }
            }
        }

        // Loops over the objects forever without looking at the token: reading them stops it.
        public sealed class LoopsOverObjects : Rule
        {
            public override RuleInfo Info { get; } = new("test/loops-over-objects", Severity.Warning, "test", "Loops.", "Fix it.");

            public override IEnumerable<Diagnostic> Check(AnalysisContext context)
            {
                while (true)
                {
                    foreach (var m in context.Manifests.All)
                    {
                        Thread.Sleep(5);
                    }
                }
            }
        }

        // Never looks at the token or the objects: it can only be abandoned. (It sleeps rather than
        // spins, so that the abandoned thread costs the test run nothing.)
        public sealed class LoopsForever : Rule
        {
            public override RuleInfo Info { get; } = new("test/loops-forever", Severity.Warning, "test", "Loops.", "Fix it.");

            public override IEnumerable<Diagnostic> Check(AnalysisContext context)
            {
                while (true)
                {
                    Thread.Sleep(20);
                }
            }
        }

        // An id without a namespace still works.
        public sealed class Bare : Rule
        {
            public override RuleInfo Info { get; } = new("bare-rule", Severity.Error, "test", "Bare.", "Fix it.");

            public override IEnumerable<Diagnostic> Check(AnalysisContext context) =>
                context.Manifests.All.Select(m => Report(m, m.Located, "bare"));
        }
        """;

    public MisbehavingRulesFixture()
    {
        Set = new CustomRuleLoader(cacheDirectory: null).Load([new CustomRuleSource("custom/misbehaving.cs", Source)]);
        Assert.True(Set.Succeeded, string.Join("\n", Set.Errors));
    }

    public CustomRuleSet Set { get; }

    public Rule Get(string id) => Set.Rules.Single(r => r.Id == id);

    public void Dispose() => Set.Dispose();
}

public class CustomRuleIsolationTests(MisbehavingRulesFixture rules) : IClassFixture<MisbehavingRulesFixture>
{
    private const string Input = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: first
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: boom
          namespace: shop
        spec:
          replicas: -1
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: last
        """;

    private static readonly LintOptions Short = new() { CustomRuleTimeout = TimeSpan.FromMilliseconds(200) };

    private static LintReport Lint(LintOptions options, params Rule[] custom) =>
        Linter.Run(new ManifestLoader().LoadText("in.yaml", Input), options, rules: RuleCatalog.BuiltIn.Concat(custom));

    [Fact]
    public void ThrowingRule_IsOneFinding_NamingRuleObjectAndMessage_AndTheOtherFindingsStay()
    {
        var report = Lint(new LintOptions(), rules.Get("test/throws"), rules.Get("bare-rule"));

        var failure = Assert.Single(report.Diagnostics, d => d.RuleId == CustomRuleFindings.Failed);
        Assert.Equal(Severity.Error, failure.Severity);
        Assert.Equal(("in.yaml", 6), (failure.File, failure.Line));
        Assert.Equal("boom", failure.Object?.Name);
        Assert.Contains("'test/throws'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment/boom in namespace shop", failure.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: no replicas on boom", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", failure.Message, StringComparison.Ordinal);

        // What the rule found before it threw, the built-in rules' findings and the other custom rule's are all there.
        Assert.Equal([1], report.Diagnostics.Where(d => d.RuleId == "test/throws").Select(d => d.Line));
        Assert.Contains(report.Diagnostics, d => d.RuleId == RuleIds.ApiValidation || d.RuleId == RuleIds.Schema);
        Assert.Equal(3, report.Diagnostics.Count(d => d.RuleId == "bare-rule"));
    }

    [Fact]
    public void ThrowingRule_WithVerbose_CarriesTheStackTrace_WithTheRuleFileAndLine()
    {
        var report = Lint(new LintOptions { Verbose = true }, rules.Get("test/throws"));

        var failure = Assert.Single(report.Diagnostics, d => d.RuleId == CustomRuleFindings.Failed);
        Assert.Contains("custom/misbehaving.cs:line 14", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Checks its token: stopped.
    [InlineData("test/loops-cooperatively", "was stopped")]
    // Reads the objects: stopped at the next object, which the finding names.
    [InlineData("test/loops-over-objects", "was stopped")]
    // Neither: abandoned, and the run still ends.
    [InlineData("test/loops-forever", "was abandoned")]
    public void LoopingRule_IsStoppedByItsBudget_AndReportedTheSameWay(string id, string outcome)
    {
        // Only the looping rule runs with the short budget, so that no other rule can overrun on a busy machine.
        var report = Lint(Short, rules.Get(id));

        var failure = Assert.Single(report.Diagnostics, d => d.RuleId == CustomRuleFindings.Failed);
        Assert.Contains($"custom rule '{id}' did not finish within its time budget of 200ms", failure.Message, StringComparison.Ordinal);
        Assert.Contains(outcome, failure.Message, StringComparison.Ordinal);
        Assert.Contains(report.Diagnostics, d => d.RuleId == RuleIds.ApiValidation || d.RuleId == RuleIds.Schema);
        if (id == "test/loops-over-objects")
        {
            Assert.NotNull(failure.Object);
        }
    }

    [Fact]
    public void BareId_KeepsWorking_WithAnInfoAtTheIdSuggestingANamespace()
    {
        var report = Lint(new LintOptions(), rules.Get("bare-rule"));

        Assert.Equal(3, report.Diagnostics.Count(d => d.RuleId == "bare-rule"));
        var info = Assert.Single(report.Diagnostics, d => d.RuleId == CustomRuleFindings.BareId);
        Assert.Equal(Severity.Info, info.Severity);
        Assert.Equal(("custom/misbehaving.cs", 72, 50), (info.File, info.Line, info.Column));
        Assert.Contains("acme/bare-rule", info.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void SeverityAndOff_ApplyToCustomRules_AndToTheFindingsAboutThem()
    {
        var options = new LintOptions
        {
            SeverityOverrides = new Dictionary<string, Severity>(StringComparer.Ordinal) { ["bare-rule"] = Severity.Warning, [CustomRuleFindings.Failed] = Severity.Warning },
            DisabledRules = new HashSet<string>(StringComparer.Ordinal) { CustomRuleFindings.BareId },
        };
        var report = Lint(options, rules.Get("bare-rule"), rules.Get("test/throws"));

        Assert.All(report.Diagnostics.Where(d => d.RuleId == "bare-rule"), d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.Equal(Severity.Warning, Assert.Single(report.Diagnostics, d => d.RuleId == CustomRuleFindings.Failed).Severity);
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == CustomRuleFindings.BareId);

        var off = Lint(new LintOptions { DisabledRules = new HashSet<string>(StringComparer.Ordinal) { "bare-rule", "test/throws" } }, rules.Get("bare-rule"), rules.Get("test/throws"));
        Assert.DoesNotContain(off.Diagnostics, d => d.RuleId.Contains("rule", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_WithCustomFindings_ValidatesAgainstTheReportSchema()
    {
        var report = Lint(new LintOptions(), rules.Get("test/throws"), rules.Get("bare-rule"));
        Assert.Contains(report.Diagnostics, d => d.RuleId == CustomRuleFindings.BareId);
        using var text = new StringWriter();
        new KubePlan.Reporting.JsonReportWriter().Write(report, text, new());

        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(KubePlan.Core.Tests.Rules.RuleHarness.RepoRoot, "schemas", "report.schema.json"));
        var errors = schema.Validate(text.ToString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void BuiltInRules_SeeNoToken_AndTheRealObjectList()
    {
        var context = new AnalysisContext(new ManifestLoader().LoadText("in.yaml", Input), [], new LintOptions());

        Assert.Equal(CancellationToken.None, context.CancellationToken);
        Assert.IsType<List<Manifest>>(context.Manifests.All);
    }
}
