using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>Runs the linter over YAML text in tests.</summary>
public static class RuleHarness
{
    public static LintReport Lint(string yaml, LintOptions? options = null, string path = "test.yaml", string? nodesYaml = null)
    {
        var loader = new ManifestLoader();
        var input = loader.LoadText(path, yaml);
        var nodes = nodesYaml is null ? null : loader.LoadText("nodes.yaml", nodesYaml);
        return Linter.Run(input, options ?? new LintOptions(), nodes);
    }

    public static IReadOnlyList<Diagnostic> Findings(string yaml, string ruleId, LintOptions? options = null) =>
        Lint(yaml, options).Diagnostics.Where(d => d.RuleId == ruleId).ToList();

    /// <summary>The repository root (the folder holding KubePlan.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KubePlan.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("KubePlan.sln not found above the test assembly");
    }
}
