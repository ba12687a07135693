using KubePlan.Configuration;
using KubePlan.Core.Tests.Rules;
using KubePlan.Rules;
using KubePlan.Suppressions;

namespace KubePlan.Core.Tests.Suppressions;

/// <summary>Annotations, comments and configuration entries suppress the findings of any rule, after the rules ran.</summary>
public class SuppressionTests
{
    private static string Deployment(string annotations = "", string templateAnnotations = "", string comment = "", string commentAbove = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        {{annotations}}spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
        {{templateAnnotations}}    spec:
              containers:
        {{commentAbove}}        - name: web{{comment}}
                  image: web:1.0
                  ports: [{containerPort: 8080}]
                  resources: {requests: {cpu: 10m, memory: 16Mi} }
                - name: sidecar
                  image: side:1.0
                  ports: [{containerPort: 8080}]
                  resources: {requests: {cpu: 10m, memory: 16Mi} }

        """;

    private static (List<string> Reported, List<SuppressedFinding> Suppressed) Run(string yaml, LintOptions? options = null)
    {
        var report = RuleHarness.Lint(yaml, options);
        return (report.Diagnostics.Select(d => d.RuleId + (d.Container is null ? string.Empty : ":" + d.Container)).ToList(), report.Suppressed.ToList());
    }

    [Fact]
    public void Unsuppressed_BothContainersAreReported()
    {
        var (reported, suppressed) = Run(Deployment());
        Assert.Equal(["no-readiness-probe:web", "no-readiness-probe:sidecar"], reported);
        Assert.Empty(suppressed);
    }

    [Fact]
    public void Annotation_OnTheObject_CoversTheObjectAndItsPodTemplate_WithTheReason()
    {
        var yaml = Deployment(annotations: "  annotations:\n    kubeplan.io/ignore: \"selector-overlap, no-readiness-probe=probed by the mesh\"\n");
        var report = RuleHarness.Lint(yaml);
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.NoReadinessProbe);
        Assert.Equal(2, report.Summary.Suppressed);
        Assert.All(report.Suppressed, s => Assert.Equal((SuppressionKind.Annotation, "probed by the mesh"), (s.Kind, s.Reason)));

        // selector-overlap reported nothing on this object: that part of the annotation is stale, at the annotation's line.
        var unused = Assert.Single(report.Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression);
        Assert.Equal(7, unused.Line);
        Assert.Contains("selector-overlap", unused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotation_OnThePodTemplate_CoversTheTemplate()
    {
        var (reported, suppressed) = Run(Deployment(templateAnnotations: "      annotations:\n        kubeplan.io/ignore: no-readiness-probe\n"));
        Assert.Empty(reported);
        Assert.Equal(2, suppressed.Count);
    }

    [Theory]
    [InlineData("  # kubeplan:ignore no-readiness-probe", "")]                     // on the finding's line
    [InlineData("", "        # kubeplan:ignore selector-mismatch,no-readiness-probe -- sidecar-free soon\n")]   // the line above
    public void Comment_OnTheLineOrTheLineAbove_CoversThatFindingOnly(string comment, string above)
    {
        var report = RuleHarness.Lint(Deployment(comment: comment, commentAbove: above));
        Assert.Equal(["sidecar"], report.Diagnostics.Where(d => d.RuleId == RuleIds.NoReadinessProbe).Select(d => d.Container));
        var s = Assert.Single(report.Suppressed);
        Assert.Equal(SuppressionKind.Comment, s.Kind);
        Assert.Equal("web", s.Diagnostic.Container);
        // selector-mismatch named in the same comment suppressed nothing.
        Assert.Equal(above.Contains("selector-mismatch", StringComparison.Ordinal) ? 1 : 0, report.Diagnostics.Count(d => d.RuleId == RuleIds.UnusedSuppression));
    }

    [Fact]
    public void Comment_TwoLinesAbove_CoversNothing_AndIsReportedUnused()
    {
        var yaml = Deployment().Replace("      containers:\n", "      # kubeplan:ignore no-readiness-probe\n\n      containers:\n", StringComparison.Ordinal);
        var report = RuleHarness.Lint(yaml);
        Assert.Equal(2, report.Diagnostics.Count(d => d.RuleId == RuleIds.NoReadinessProbe));
        Assert.Equal(13, Assert.Single(report.Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression).Line);
    }

    [Fact]
    public void Comment_InsideAQuotedValue_IsNotAComment()
    {
        var yaml = Deployment().Replace("image: web:1.0", "image: \"web:1.0#kubeplan:ignore no-readiness-probe\"", StringComparison.Ordinal);
        Assert.Equal(2, RuleHarness.Lint(yaml).Diagnostics.Count(d => d.RuleId == RuleIds.NoReadinessProbe));
    }

    [Theory]
    [InlineData("Deployment/shop/web", null, 2)]
    [InlineData("Deployment/*/w*", "side*", 1)]
    [InlineData("deployment.apps/shop/web", "web", 1)]
    public void ConfigEntry_CoversMatchingObjects_AndContainers(string pattern, string? container, int expected)
    {
        var entry = new IgnoreEntry(ObjectPattern.Parse(pattern), container, [RuleIds.NoReadinessProbe], "accepted", ".kubeplan.yaml", new(3, 5));
        var report = RuleHarness.Lint(Deployment(), new LintOptions { Ignore = [entry] });
        Assert.Equal(expected, report.Suppressed.Count);
        Assert.All(report.Suppressed, s => Assert.Equal((SuppressionKind.Config, ".kubeplan.yaml", 3), (s.Kind, s.File, s.Line)));
    }

    [Fact]
    public void ConfigEntry_ThatMatchesNothing_IsReportedUnused_InTheConfigFile()
    {
        var entry = new IgnoreEntry(ObjectPattern.Parse("Deployment/prod/web"), null, [RuleIds.NoReadinessProbe], null, ".kubeplan.yaml", new(7, 5));
        var unused = Assert.Single(RuleHarness.Lint(Deployment(), new LintOptions { Ignore = [entry] }).Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression);
        Assert.Equal((".kubeplan.yaml", 7, 5), (unused.File, unused.Line, unused.Column));
    }

    [Fact]
    public void NoInlineIgnores_DropsAnnotationsAndComments_ButKeepsConfigEntries()
    {
        var yaml = Deployment(
            annotations: "  annotations:\n    kubeplan.io/ignore: no-readiness-probe\n",
            comment: "  # kubeplan:ignore no-readiness-probe");
        var entry = new IgnoreEntry(ObjectPattern.Parse("Deployment/shop/web"), "sidecar", [RuleIds.NoReadinessProbe], null, ".kubeplan.yaml", new(1, 3));
        var gate = new LintOptions { InlineIgnores = false, Ignore = [entry] };
        var report = RuleHarness.Lint(yaml, gate);
        Assert.Equal(["web"], report.Diagnostics.Where(d => d.RuleId == RuleIds.NoReadinessProbe).Select(d => d.Container));
        Assert.Equal(SuppressionKind.Config, Assert.Single(report.Suppressed).Kind);
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression);    // inline ones were not looked at

        Assert.Equal(2, RuleHarness.Lint(yaml).Summary.Suppressed);
    }

    [Fact]
    public void SuppressionOfAFindingAboutCustomRules_NamesAKnownId_AndIsNeverUnused()
    {
        // custom-rule-failed and custom-rule-bare-id are findings about the custom rules, not catalogue
        // rules; whether a rule fails can vary between runs, so their suppressions are not "unused".
        var yaml = Deployment(annotations: "  annotations:\n    kubeplan.io/ignore: \"custom-rule-failed, custom-rule-bare-id\"\n");
        var report = RuleHarness.Lint(yaml, new LintOptions().Enabling(RuleIds.UnusedSuppression));
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression);
    }

    [Fact]
    public void SuppressionOfARuleThatDidNotRun_IsNotReported_ButAnUnknownRuleIs()
    {
        var yaml = Deployment(annotations: "  annotations:\n    kubeplan.io/ignore: \"no-readiness-probe, no-such-rule\"\n");
        var minimal = RuleHarness.Lint(yaml, new LintOptions { Profile = RuleProfiles.Minimal }.Enabling(RuleIds.UnusedSuppression));
        var unused = Assert.Single(minimal.Diagnostics, d => d.RuleId == RuleIds.UnusedSuppression);
        Assert.Contains("no-such-rule, which is not a rule of this run", unused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuppressedFindings_CountForNeitherTheSummaryNorTheExitCode()
    {
        var report = RuleHarness.Lint(Deployment(annotations: "  annotations:\n    kubeplan.io/ignore: no-readiness-probe\n"));
        Assert.Equal(0, report.Summary.Warnings);
        Assert.False(report.HasFindingsAtOrAbove(KubePlan.Diagnostics.Severity.Warning));
    }

    [Fact]
    public void EveryRule_CanBeSuppressed_IncludingOnesWithoutAnObject()
    {
        // yaml-syntax has no object: a comment on its line covers it.
        var report = RuleHarness.Lint("a: {b  # kubeplan:ignore yaml-syntax\n");
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.YamlSyntax);
        Assert.Equal(RuleIds.YamlSyntax, Assert.Single(report.Suppressed).Diagnostic.RuleId);
    }
}
