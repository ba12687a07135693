using KubePlan.Core.Tests.Rules;
using NJsonSchema;
using Xunit.Abstractions;

namespace KubePlan.Core.Tests.Reporting;

/// <summary>The JSON and SARIF outputs validate against their schemas.</summary>
public class ReportSchemaTests(ITestOutputHelper output)
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

    [Fact]
    public async Task Sarif_ValidatesAgainstTheOfficialSarif210Schema()
    {
        // The schema is reference data beside the repository, not part of it.
        var path = Path.Combine(RuleHarness.RepoRoot, "..", "shared", "data", "sarif-schema-2.1.0.json");
        if (!File.Exists(path))
        {
            output.WriteLine($"SARIF schema not found at ../shared/data/sarif-schema-2.1.0.json; validation not run.");
            return;
        }

        var schema = await JsonSchema.FromFileAsync(path);
        var sarif = ReportWriterGoldenTests.Render("sarif");
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        // The validation has teeth: SARIF has no level "info".
        Assert.NotEmpty(schema.Validate(sarif.Replace("\"level\": \"note\"", "\"level\": \"info\"", StringComparison.Ordinal)));
    }
}
