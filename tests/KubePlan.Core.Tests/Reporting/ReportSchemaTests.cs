using KubePlan.Core.Tests.Rules;
using KubePlan.Reporting;
using KubePlan.Rules;
using NJsonSchema;

namespace KubePlan.Core.Tests.Reporting;

/// <summary>The JSON and SARIF outputs validate against their schemas.</summary>
public class ReportSchemaTests
{
    [Fact]
    public async Task Json_ValidatesAgainstReportSchema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "report.schema.json"));
        var errors = schema.Validate(ReportWriterGoldenTests.Render("json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Json_OfACleanRun_ValidatesAgainstReportSchema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "report.schema.json"));
        using var text = new StringWriter();
        new KubePlan.Reporting.JsonReportWriter().Write(RuleHarness.Lint("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"), text, new());
        Assert.Empty(schema.Validate(text.ToString()));
    }

    [Fact]
    public async Task ReportSchema_RejectsAnUnknownSeverity()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "report.schema.json"));
        var json = ReportWriterGoldenTests.Render("json").Replace("\"severity\": \"info\"", "\"severity\": \"notice\"", StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(json));
    }

    [SkippableFact]
    public async Task Sarif_ValidatesAgainstTheOfficialSarif210Schema()
    {
        // The schema is reference data beside the repository, not part of it: without it the test says "skipped".
        var path = Path.Combine(RuleHarness.RepoRoot, "..", "shared", "data", "sarif-schema-2.1.0.json");
        Skip.IfNot(File.Exists(path), "SARIF 2.1.0 schema not found at ../shared/data/sarif-schema-2.1.0.json; SARIF validation not run");

        var schema = await JsonSchema.FromFileAsync(path);
        var sarif = ReportWriterGoldenTests.Render("sarif");
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        // The validation has teeth: SARIF has no level "info".
        Assert.NotEmpty(schema.Validate(sarif.Replace("\"level\": \"note\"", "\"level\": \"info\"", StringComparison.Ordinal)));

        // With suppressions, a baseline, fingerprints and a source root (originalUriBaseIds), it stays valid.
        using var text = new StringWriter();
        new SarifReportWriter().Write(SuppressedAndBaselined(), text, new ReportOptions(SourceRoot: Path.GetTempPath()));
        errors = schema.Validate(text.ToString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains("\"suppressions\"", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"originalUriBaseIds\"", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WithSuppressedAndBaselinedFindings_ValidatesAgainstReportSchema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "report.schema.json"));
        using var text = new StringWriter();
        new JsonReportWriter().Write(SuppressedAndBaselined(), text, new());
        var json = text.ToString();
        Assert.Contains("\"suppressed\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"baselineGone\": 1", json, StringComparison.Ordinal);
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task RulesJson_ValidatesAgainstRulesSchema_AndListsEveryRule()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "rules.schema.json"));
        var json = RuleCatalogJson.Write(RuleCatalog.BuiltIn);
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.BuiltIn.Select(r => r.Id).Order(StringComparer.Ordinal), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.True(File.Exists(Path.Combine(RuleHarness.RepoRoot, r.GetProperty("doc").GetString()!))));
    }

    /// <summary>A report with one finding suppressed by a comment, one by an annotation, one baselined and one baseline entry gone.</summary>
    private static LintReport SuppressedAndBaselined()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              annotations:
                kubeplan.io/ignore: "api-deprecated"
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    # kubeplan:ignore no-readiness-probe -- probed by the mesh
                    - name: web
                      image: web:1.0
                      ports: [{containerPort: 8080}]
                      resources: {requests: {cpu: 10m, memory: 16Mi}}
                    - name: sidecar
                      image: side:1.0
                      ports: [{containerPort: 8080}]
                      resources: {requests: {cpu: 10m, memory: 16Mi}}
                    - name: third
                      image: third:1.0
                      ports: [{containerPort: 8080}]
                      resources: {requests: {cpu: 10m, memory: 16Mi}}
            """;
        var report = RuleHarness.Lint(yaml);
        var sidecar = report.Diagnostics.Single(d => d.Container == "sidecar");
        var baseline = KubePlan.Suppressions.Baseline.Parse("b.json", $$"""{"version": 1, "findings": [{"fingerprint": "{{sidecar.Fingerprint}}"}, {"fingerprint": "0123"}]}""");
        return baseline.Apply(report);
    }
}
