using System.Diagnostics;
using KubePlan.CustomRules;

namespace KubePlan.Cli.Tests;

/// <summary>
/// A repository as a team sets it up: the example rules copied into <c>policy/</c>, named by the
/// configuration file, and manifests to lint. The rules are compiled once, into a cache of this
/// fixture's own that every test (and every child process) uses.
/// </summary>
public sealed class CustomRuleRepoFixture : IDisposable
{
    public CustomRuleRepoFixture()
    {
        Root = Directory.CreateTempSubdirectory("kubeplan-custom-rules-").FullName;
        Cache = Path.Combine(Root, ".cache");
        Environment.SetEnvironmentVariable("KUBEPLAN_CACHE_DIR", Cache);
        var repo = FindRepoRoot();
        Directory.CreateDirectory(Path.Combine(Root, "policy"));
        foreach (var file in Directory.GetFiles(Path.Combine(repo, "rules", "custom"), "*.cs"))
        {
            File.Copy(file, Path.Combine(Root, "policy", Path.GetFileName(file)));
        }

        File.WriteAllText(Manifests, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: web:latest
            """);
    }

    public string Root { get; }

    public string Cache { get; }

    public string Manifests => Path.Combine(Root, "pod.yaml");

    /// <summary>Writes a configuration file in the repository and returns its path.</summary>
    public string Config(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is in the temp dir.
        }
    }

    internal static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KubePlan.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("KubePlan.sln not found above the test assembly");
    }
}

public class CustomRuleCommandTests(CustomRuleRepoFixture repo) : IClassFixture<CustomRuleRepoFixture>
{
    private const string TeamConfig = """
        customRules: [policy/]
        rules:
          example/no-latest-tag: warning
          example/require-team-label: off
        """;

    [Fact]
    public void ConfigNamedFolder_IsCompiled_AndItsRulesTakeTheConfiguredSeverities()
    {
        var config = repo.Config("team.yaml", TeamConfig);

        var (exit, output, error) = TestConsole.Run("lint", repo.Manifests, "--config", config);

        Assert.True(exit == ExitCodes.Clean, error + output);
        Assert.True(output.Contains("pod.yaml:9:14: warning example/no-latest-tag: image \"web:latest\"", StringComparison.Ordinal), output);
        Assert.DoesNotContain("example/require-team-label", output, StringComparison.Ordinal);
        Assert.DoesNotContain("custom-rule-", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCustomRules_RunsNone_AndTheConfigurationStillReads()
    {
        var config = repo.Config("team.yaml", TeamConfig);

        var (exit, output, error) = TestConsole.Run("lint", repo.Manifests, "--config", config, "--no-custom-rules", "--disable", "example/no-latest-tag");

        Assert.True(exit == ExitCodes.Clean, error + output);
        Assert.DoesNotContain("example/", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCustomRules_WithRules_IsAUsageError()
    {
        var (exit, _, error) = TestConsole.Run("lint", repo.Manifests, "--no-custom-rules", "--rules", Path.Combine(repo.Root, "policy"));

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--rules and --no-custom-rules", error, StringComparison.Ordinal);
    }

    [Theory]
    // Once the custom rules are loaded, an id that none of them has is a positioned error.
    [InlineData("customRules: [policy/]\nrules:\n  example/no-such-rule: off\n", "unknown-id.yaml:3:3: unknown rule \"example/no-such-rule\"")]
    [InlineData("customRules: [policy/]\nignore:\n  - object: Pod/default/web\n    rules: [example/nope]\n", "unknown-id.yaml:4:13: unknown rule \"example/nope\"")]
    // Without custom rules, a custom id is unknown too.
    [InlineData("rules:\n  example/no-latest-tag: off\n", "unknown-id.yaml:2:3: unknown rule \"example/no-latest-tag\"")]
    [InlineData("customRuleTimeout: soon\n", "unknown-id.yaml:1:20: customRuleTimeout must be a duration")]
    public void ConfigurationErrors_AreUsageErrors_WithPosition(string text, string expected)
    {
        var config = repo.Config("unknown-id.yaml", text);

        var (exit, _, error) = TestConsole.Run("lint", repo.Manifests, "--config", config);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CompileError_IsAUsageError_WithFileLineAndColumn()
    {
        var broken = Path.Combine(repo.Root, "broken", "rule.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, "public sealed class R : Rule\n{\n    public override RuleInfo Info => new(\"a/r\", Severity.Error, \"c\", \"S.\", \"R.\")\n}\n");

        var (exit, output, error) = TestConsole.Run("lint", repo.Manifests, "--rules", Path.GetDirectoryName(broken)!);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Empty(output);
        Assert.Contains("broken/rule.cs:3:81: error CS1002: ; expected", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("custom-rule-failed", "time budget")]
    [InlineData("custom-rule-bare-id", "namespace/name")]
    public void Rules_DescribesTheFindingsAboutCustomRules(string id, string expected)
    {
        var (exit, output, _) = TestConsole.Run("rules", id);

        Assert.Equal(ExitCodes.Clean, exit);
        Assert.StartsWith(id, output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, TestConsole.Run("rules", "custom-rule-nonsense").Exit);
    }

    [Fact]
    public void Rules_ListsCustomRules_WithTheirSourceFiles()
    {
        var config = repo.Config("team.yaml", TeamConfig);

        var (exit, output, _) = TestConsole.Run("rules", "--config", config);
        var (oneExit, one, _) = TestConsole.Run("rules", "--config", config, "example/maintenance-window");

        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Matches(@"example/no-latest-tag\s+error\s.*\[.*policy/no-latest-tag\.cs\]", output);
        Assert.Contains("schema-unknown-kind", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Clean, oneExit);
        Assert.Contains("policy/maintenance-window.cs:20:9", one, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run served from the cache, in a process of its own (this one has loaded the compiler long
    /// ago): <c>--verbose</c> reports whether any Microsoft.CodeAnalysis assembly was loaded.
    /// </summary>
    [Fact]
    public void CachedRun_DoesNotLoadTheCompiler()
    {
        var policy = Path.Combine(repo.Root, "policy");
        using (var compiled = new CustomRuleLoader(repo.Cache).Load([policy]))
        {
            Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
        }

        var (exit, output, error) = RunKubeplan("lint", repo.Manifests, "--rules", policy, "--verbose");

        Assert.True(exit == ExitCodes.Findings, error + output);
        Assert.Contains("3 custom rule(s) loaded from the cache", error, StringComparison.Ordinal);
        Assert.Contains("the C# compiler was not loaded", error, StringComparison.Ordinal);
        Assert.Contains("error example/no-latest-tag", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A rule that spins without ever looking at its token or the objects: the run reports it, and
    /// the process ends although the rule's thread never does.
    /// </summary>
    [Fact]
    public void SpinningRule_IsReported_AndTheProcessStillExits()
    {
        var spin = Path.Combine(repo.Root, "spin", "spin.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(spin)!);
        File.WriteAllText(spin, """
            public sealed class Spin : Rule
            {
                public override RuleInfo Info { get; } = new("test/spin", Severity.Warning, "test", "Spins.", "Do not.");

                public override IEnumerable<Diagnostic> Check(AnalysisContext context)
                {
                    var n = 0L;
                    while (n >= 0)
                    {
                        n = (n + 1) % 1000;
                    }

                    return [];
                }
            }
            """);
        using (var compiled = new CustomRuleLoader(repo.Cache).Load([spin]))
        {
            Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
        }

        var (exit, output, error) = RunKubeplan("lint", repo.Manifests, "--rules", spin, "--custom-rule-timeout", "300ms");

        Assert.True(exit == ExitCodes.Findings, error + output);
        Assert.Contains("error custom-rule-failed: custom rule 'test/spin' did not finish within its time budget of 300ms", output, StringComparison.Ordinal);
        Assert.Contains("was abandoned", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built tool as a user does, in a process of its own, with this fixture's cache.</summary>
    private (int Exit, string Out, string Error) RunKubeplan(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kubeplan.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBEPLAN_CACHE_DIR"] = repo.Cache;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // Not a timing assertion: a generous bound that only a hung process reaches.
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("kubeplan did not exit");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
