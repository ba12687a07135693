using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>Inputs found by mutating real manifests; each once made the reader throw instead of reporting.</summary>
public class YamlRobustnessTests
{
    [Fact]
    // A mutated Helm manifest on which YamlDotNet's scanner throws InvalidOperationException
    // (not a YamlException): it must become a positioned problem, not a crash.
    public void Read_ReportsTheFileThatBrokeTheScanner()
    {
        var path = Path.Combine(Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Manifests", "Robustness", "scanner-invalid-operation.yaml");
        var result = YamlStreamReader.Read(File.ReadAllText(path));
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    // Found by the fuzz harness (fuzz/KubePlan.Fuzz --replay): the tab check's scan threw
    // InvalidOperationException where the reader itself reports a syntax error.
    public void Read_ReportsTheFileThatBrokeTheTabCheck()
    {
        var path = Path.Combine(Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Manifests", "Robustness", "fuzz-tab-check-invalid-operation.yaml");
        var result = YamlStreamReader.Read(File.ReadAllText(path));
        Assert.Contains(result.Problems, p => p.Fatal && p.Kind == YamlProblemKind.Syntax);
    }

    [Fact]
    // Found by the fuzz harness under AFL++: YamlDotNet threw ArgumentException ("Global tags must be
    // valid URIs") on a malformed tag. go-yaml v2 reads "!!!!!!!A!!!!]" as a tag it cannot resolve, so
    // data is an empty string (kubectl: "data": ""), a type error for the schema, not a YAML error.
    public void Read_ReadsAMalformedTag_AsKubernetesDoes_AndKeepsTheNextDocument()
    {
        var path = Path.Combine(Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Manifests", "Robustness", "fuzz-tag-argument-exception.yaml");
        var result = new ManifestLoader().LoadText("t.yaml", File.ReadAllText(path));
        Assert.DoesNotContain(result.Problems, p => p.Kind == InputProblemKind.Syntax);
        Assert.Equal(2, result.Documents);
        var web = Assert.Single(result.Manifests, m => m.Name == "web");
        Assert.Equal(string.Empty, web.Root.GetString("data"));
        Assert.Contains(result.Manifests, m => m.Name == "other");
    }

    [Fact]
    // A JSON stream (it starts with '{') with an escaped lone surrogate: System.Text.Json refuses to
    // unescape it (InvalidOperationException), encoding/json reads it as U+FFFD (kubectl prints "\ufffd").
    public void Read_ReadsALoneSurrogateEscapeInJson_AsKubernetesDoes()
    {
        var path = Path.Combine(Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Manifests", "Robustness", "json-lone-surrogate.yaml");
        var result = new ManifestLoader().LoadText("t.yaml", File.ReadAllText(path));
        Assert.Empty(result.Problems);
        var data = Assert.IsType<YMapping>(Assert.Single(result.Manifests).Root["data"]);
        Assert.Equal(["x", "\ufffdy"], data.Entries.Select(e => e.Key.Text));
        Assert.Equal("\ufffd", data.GetString("x"));
    }
}
