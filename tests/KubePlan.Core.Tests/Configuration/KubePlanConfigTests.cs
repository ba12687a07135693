using KubePlan.Configuration;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Configuration;

public class KubePlanConfigTests
{
    private static readonly string[] Known = ["no-readiness-probe", "selector-overlap"];

    [Fact]
    public void Parse_ReadsEverySetting()
    {
        var config = KubePlanConfig.Parse("repo/.kubeplan.yaml", """
            kubernetesVersion: "1.30"
            failOn: warning
            namespace: shop
            strictKinds: true
            nodes: cluster/nodes.yaml
            profile: pss-restricted
            strict: true
            include: ["k8s/**"]
            exclude: [k8s/vendor, "*.tmpl.yaml"]
            rules:
              no-readiness-probe: off
              selector-overlap: error
            ignore:
              - object: Deployment/shop/legacy-*
                container: sidecar
                rules: [no-readiness-probe]
                reason: the sidecar has no port to probe
            customRules: [rules/custom]
            """, Known);
        Assert.Equal(new KubePlan.Rules.KubernetesVersion(1, 30), config.KubernetesVersion);
        Assert.Equal(Severity.Warning, config.FailOn);
        Assert.Equal("shop", config.Namespace);
        Assert.True(config.StrictKinds);
        Assert.Equal("repo/cluster/nodes.yaml", config.Nodes!.Replace('\\', '/'));
        Assert.Equal(KubePlan.Rules.RuleProfiles.PssRestricted, config.Profile);
        Assert.True(config.Strict);
        Assert.Equal(["k8s/**"], config.Include);
        Assert.Equal(["k8s/vendor", "*.tmpl.yaml"], config.Exclude);
        Assert.Contains("no-readiness-probe", config.DisabledRules);
        Assert.Equal(Severity.Error, config.SeverityOverrides["selector-overlap"]);
        var ignore = Assert.Single(config.Ignore);
        Assert.Equal("Deployment/shop/legacy-*", ignore.Object.Text);
        Assert.Equal("sidecar", ignore.Container);
        Assert.Equal(["no-readiness-probe"], ignore.Rules);
        Assert.Equal("the sidecar has no port to probe", ignore.Reason);
        Assert.Equal(new SourcePosition(14, 5), ignore.Position);
        Assert.Equal("repo/rules/custom", Assert.Single(config.CustomRules).Replace('\\', '/'));
        Assert.Equal("repo", config.BaseDirectory);
    }

    [Fact]
    public void Parse_AnEmptyFile_IsTheDefaults()
    {
        var config = KubePlanConfig.Parse("c.yaml", "# nothing yet\n", Known);
        Assert.Null(config.Profile);
        Assert.Empty(config.Ignore);
        Assert.True(config.PathFilter.IsEmpty);
    }

    [Theory]
    [InlineData("kubernetesVersion: 1.30\n", 1, 20)]      // unquoted 1.30 is the number 1.3
    [InlineData("failOn: fatal\n", 1, 9)]
    [InlineData("colour: red\n", 1, 1)]
    [InlineData("profile: paranoid\n", 1, 10)]
    [InlineData("rules:\n  no-such-rule: off\n", 2, 3)]
    [InlineData("rules:\n  selector-overlap: loud\n", 2, 21)]
    [InlineData("rules: [a]\n", 1, 8)]
    [InlineData("a: {b\n", 2, 1)]
    [InlineData("- a\n", 1, 1)]
    [InlineData("failOn: error\n---\nfailOn: info\n", 2, 1)]
    // profile: one of the five names
    [InlineData("profile: [strict]\n", 1, 10)]
    // strict: a boolean
    [InlineData("strict: maybe\n", 1, 9)]
    // include/exclude: lists of valid globs
    [InlineData("exclude: vendor\n", 1, 10)]
    [InlineData("include:\n  - k8s/**\n  - ''\n", 3, 5)]
    // ignore: entries with object and rules
    [InlineData("ignore: {object: a}\n", 1, 9)]
    [InlineData("ignore:\n  - Deployment/web\n", 2, 5)]
    [InlineData("ignore:\n  - object: Deployment/shop/web\n", 2, 5)]
    [InlineData("ignore:\n  - rules: [selector-overlap]\n", 2, 5)]
    [InlineData("ignore:\n  - object: web\n    rules: [selector-overlap]\n", 2, 13)]
    [InlineData("ignore:\n  - object: a/b/c/d\n    rules: [selector-overlap]\n", 2, 13)]
    [InlineData("ignore:\n  - object: Deployment//web\n    rules: [selector-overlap]\n", 2, 13)]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: []\n", 3, 12)]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: selector-overlap\n", 3, 12)]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: [no-such-rule]\n", 3, 13)]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: [selector-overlap]\n    because: x\n", 4, 5)]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: [selector-overlap]\n    container: ''\n", 4, 16)]
    // customRules: a list of paths
    [InlineData("customRules: rules/\n", 1, 14)]
    [InlineData("customRules: [1]\n", 1, 15)]
    public void Parse_Rejects_WithPosition(string yaml, int line, int column)
    {
        var e = Assert.Throws<ConfigException>(() => KubePlanConfig.Parse("c.yaml", yaml, Known));
        Assert.StartsWith($"c.yaml:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_ACustomRulesPathThatDoesNotExist()
    {
        using var dir = new TempDirectory();
        var file = dir.Write(".kubeplan.yaml", "customRules:\n  - rules/custom\n");
        var e = Assert.Throws<ConfigException>(() => KubePlanConfig.Load(file, Known));
        Assert.Contains(":2:5: customRules: no such file or folder: rules/custom", e.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(dir.Path, "rules", "custom"));
        Assert.Single(KubePlanConfig.Load(file, Known).CustomRules);
    }

    [Fact]
    public void Discover_FindsTheFileInAParentFolder_UpToTheRepositoryRoot()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        var deep = Directory.CreateDirectory(Path.Combine(dir.Path, "repo", "k8s", "apps")).FullName;
        Assert.Null(KubePlanConfig.Discover(deep));

        var atRoot = dir.Write("repo/.kubeplan.yaml", "failOn: warning\n");
        Assert.Equal(Path.GetFullPath(atRoot), KubePlanConfig.Discover(deep));

        // The nearest file wins.
        var nearer = dir.Write("repo/k8s/.kubeplan.yaml", "failOn: info\n");
        Assert.Equal(Path.GetFullPath(nearer), KubePlanConfig.Discover(deep));
    }

    [Fact]
    public void Discover_StopsAtTheRepositoryRoot()
    {
        using var dir = new TempDirectory();
        dir.Write(".kubeplan.yaml", "failOn: warning\n");                 // above the repository: not its settings
        Directory.CreateDirectory(Path.Combine(dir.Path, "repo", ".git"));
        var inside = Directory.CreateDirectory(Path.Combine(dir.Path, "repo", "k8s")).FullName;
        Assert.Null(KubePlanConfig.Discover(inside));
    }

    [Fact]
    public void Discover_OutsideARepository_LooksOnlyInTheFolderItself()
    {
        using var dir = new TempDirectory();
        dir.Write(".kubeplan.yaml", "failOn: warning\n");
        var below = Directory.CreateDirectory(Path.Combine(dir.Path, "k8s")).FullName;
        if (HasRepositoryAbove(dir.Path))
        {
            return;         // the temporary folder sits inside a repository; the case cannot be set up here
        }

        Assert.Null(KubePlanConfig.Discover(below));
        Assert.NotNull(KubePlanConfig.Discover(dir.Path));
    }

    private static bool HasRepositoryAbove(string path)
    {
        for (var d = new DirectoryInfo(path); d is not null; d = d.Parent)
        {
            if (Path.Exists(Path.Combine(d.FullName, ".git")))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("kubeplan-test-").FullName;

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder harms nothing.
        }
    }
}
