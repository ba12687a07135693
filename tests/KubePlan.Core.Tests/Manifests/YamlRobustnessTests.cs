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
    // valid URIs") on a malformed tag; it is a syntax error in its document, and the next document is still read.
    public void Read_ReportsAMalformedTag_AndKeepsTheNextDocument()
    {
        var path = Path.Combine(Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Manifests", "Robustness", "fuzz-tag-argument-exception.yaml");
        var result = new ManifestLoader().LoadText("t.yaml", File.ReadAllText(path));
        Assert.Contains(result.Problems, p => p.Kind == InputProblemKind.Syntax);
        Assert.Equal(2, result.Documents);
        Assert.Contains(result.Manifests, m => m.Name == "other");
    }
}
