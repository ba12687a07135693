using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>Which rules a run selects: the profile, then the configuration's per-rule choices.</summary>
public class RuleProfileTests
{
    /// <summary>A rule that reports once per object, declared on the given profiles.</summary>
    private sealed class EveryObjectRule(string id, RuleProfiles profiles) : Rule
    {
        public override RuleInfo Info { get; } = new(id, Severity.Warning, "test", "Reports every object.", "Nothing to fix.") { Profiles = profiles };

        public override IEnumerable<Diagnostic> Check(AnalysisContext context) =>
            context.Manifests.All.Select(m => Report(m, m.Located, "seen"));
    }

    private static readonly Rule Correctness = new EveryObjectRule("t-correctness", RuleProfiles.All);
    private static readonly Rule Practice = new EveryObjectRule("t-practice", RuleProfiles.Recommended | RuleProfiles.Strict);
    private static readonly Rule Opinion = new EveryObjectRule("t-opinion", RuleProfiles.Strict);
    private static readonly Rule Baseline = new EveryObjectRule("t-baseline", RuleProfiles.Recommended | RuleProfiles.Strict | RuleProfiles.PssBaseline | RuleProfiles.PssRestricted);
    private static readonly Rule Restricted = new EveryObjectRule("t-restricted", RuleProfiles.Strict | RuleProfiles.PssRestricted);

    private static string Ran(LintOptions options)
    {
        var input = new ManifestLoader().LoadText("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        var report = Linter.Run(input, options, rules: [Correctness, Practice, Opinion, Baseline, Restricted]);
        return string.Join(" ", report.Diagnostics.Select(d => d.RuleId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(RuleProfiles.Minimal, "t-correctness")]
    [InlineData(RuleProfiles.Recommended, "t-baseline t-correctness t-practice")]
    [InlineData(RuleProfiles.Strict, "t-baseline t-correctness t-opinion t-practice t-restricted")]
    [InlineData(RuleProfiles.PssBaseline, "t-baseline t-correctness")]
    [InlineData(RuleProfiles.PssRestricted, "t-baseline t-correctness t-restricted")]
    public void Profile_SelectsTheRulesThatNameIt(RuleProfiles profile, string expected) =>
        Assert.Equal(expected, Ran(new LintOptions { Profile = profile }));

    [Fact]
    public void DefaultProfile_IsRecommended() =>
        Assert.Equal("t-baseline t-correctness t-practice", Ran(new LintOptions()));

    [Fact]
    public void ASeverityFromTheConfiguration_TurnsAnOffRuleOn_AtThatSeverity()
    {
        var options = new LintOptions { SeverityOverrides = new Dictionary<string, Severity> { ["t-opinion"] = Severity.Error } };
        Assert.Equal("t-baseline t-correctness t-opinion t-practice", Ran(options));
        var input = new ManifestLoader().LoadText("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        var finding = Linter.Run(input, options, rules: [Opinion]).Diagnostics.Single();
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void Enabling_TurnsAnOffRuleOn_AndDisablingWinsOverEverything()
    {
        Assert.Equal("t-correctness t-opinion", Ran(new LintOptions { Profile = RuleProfiles.Minimal }.Enabling("t-opinion")));
        var off = new LintOptions
        {
            Profile = RuleProfiles.Strict,
            DisabledRules = new HashSet<string> { "t-correctness", "t-opinion" },
            SeverityOverrides = new Dictionary<string, Severity> { ["t-opinion"] = Severity.Error },
        };
        Assert.Equal("t-baseline t-practice t-restricted", Ran(off));
    }

    [Fact]
    public void EveryBuiltInRule_RunsInStrict_AndMinimalRulesRunEverywhere()
    {
        foreach (var rule in RuleCatalog.BuiltIn)
        {
            Assert.True(rule.Info.Profiles.HasFlag(RuleProfiles.Strict), $"{rule.Id}: strict is the widest profile and runs every rule");
            Assert.True(!rule.Info.Profiles.HasFlag(RuleProfiles.Minimal) || rule.Info.Profiles == RuleProfiles.All,
                $"{rule.Id}: a rule in minimal is a correctness rule and belongs to every profile");
        }
    }

    [Theory]
    [InlineData("minimal", RuleProfiles.Minimal)]
    [InlineData("recommended", RuleProfiles.Recommended)]
    [InlineData("strict", RuleProfiles.Strict)]
    [InlineData("pss-baseline", RuleProfiles.PssBaseline)]
    [InlineData("pss-restricted", RuleProfiles.PssRestricted)]
    public void ProfileNames_RoundTrip(string name, RuleProfiles profile)
    {
        Assert.True(RuleProfileNames.TryParse(name, out var parsed));
        Assert.Equal(profile, parsed);
        Assert.Equal(name, parsed.ToName());
    }

    [Theory]
    [InlineData("Strict")]
    [InlineData("all")]
    [InlineData("")]
    public void ProfileNames_RejectOthers(string name) => Assert.False(RuleProfileNames.TryParse(name, out _));

    [Theory]
    [InlineData(RuleProfiles.All, "all")]
    [InlineData(RuleProfiles.Recommended | RuleProfiles.Strict, "recommended, strict")]
    [InlineData(RuleProfiles.Strict | RuleProfiles.PssRestricted, "strict, pss-restricted")]
    public void Describe_NamesTheProfiles(RuleProfiles profiles, string expected) =>
        Assert.Equal(expected, RuleProfileNames.Describe(profiles));
}
