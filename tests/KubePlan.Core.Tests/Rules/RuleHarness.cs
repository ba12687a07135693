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
        return Linter.Run(input, options ?? OptionsFor(yaml), nodes);
    }

    public static IReadOnlyList<Diagnostic> Findings(string yaml, string ruleId, LintOptions? options = null) =>
        Lint(yaml, (options ?? OptionsFor(yaml)).Enabling(ruleId)).Diagnostics.Where(d => d.RuleId == ruleId).ToList();

    /// <summary>
    /// Options a fixture or doc example asks for in a comment line such as
    /// <c># kubeplan lint --kubernetes-version 1.24 --strict-kinds</c> (also <c>--profile P</c>, <c>--enable RULE</c>).
    /// </summary>
    public static LintOptions OptionsFor(string yaml)
    {
        var options = new LintOptions();
        foreach (var line in yaml.Split('\n').Where(l => l.TrimStart().StartsWith("# kubeplan lint", StringComparison.Ordinal)))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                if (words[i] == "--kubernetes-version" && i + 1 < words.Length)
                {
                    options = options with { KubernetesVersion = KubernetesVersion.Parse(words[i + 1]) };
                }
                else if (words[i] == "--profile" && i + 1 < words.Length && RuleProfileNames.TryParse(words[i + 1], out var profile))
                {
                    options = options with { Profile = profile };
                }
                else if (words[i] == "--enable" && i + 1 < words.Length)
                {
                    options = options.Enabling(words[i + 1]);
                }
                else if (words[i] == "--strict-kinds")
                {
                    options = options with { StrictKinds = true };
                }
            }
        }

        return options;
    }

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
