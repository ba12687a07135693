using System.Text.Json;

namespace KubePlan.Cli.Tests;

public class LintCommandTests
{
    private const string ValidConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n";
    private const string BrokenYaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n";

    [Fact]
    public void Clean_Input_ExitsZero()
    {
        var (exit, output, _) = TestConsole.RunWithInput(ValidConfigMap, "lint", "-");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Contains("1 file, 1 document: 0 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_IsAFinding_ExitsOne_WithPosition()
    {
        var (exit, output, _) = TestConsole.RunWithInput(BrokenYaml, "lint", "-");
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Matches(@"<stdin>:\d+:\d+: error yaml-syntax: ", output);
    }

    [Fact]
    public void Version_PrintsTheVersionAlone_ExitsZero()
    {
        var (exit, output, _) = TestConsole.Run("--version");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Equal(KubePlan.Reporting.ToolInfo.Version + Environment.NewLine, output);
    }

    [Fact]
    public void MissingPath_IsAUsageError()
    {
        var (exit, _, error) = TestConsole.Run("lint", "no/such/file.yaml");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("no such file or directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "fatal")]
    [InlineData("--kubernetes-version", "two")]
    [InlineData("--disable", "no-such-rule")]
    [InlineData("--no-such-option", "x")]
    public void BadOption_IsAUsageError(string option, string value)
    {
        var (exit, _, error) = TestConsole.RunWithInput(ValidConfigMap, "lint", "-", option, value);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("kubeplan: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_FollowsTheContract()
    {
        var (exit, output, _) = TestConsole.RunWithInput(BrokenYaml, "lint", "-", "--format", "json");
        Assert.Equal(ExitCodes.Findings, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("kubeplan", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal("1.36", root.GetProperty("kubernetesVersion").GetString());
        var d = root.GetProperty("diagnostics")[0];
        Assert.Equal("yaml-syntax", d.GetProperty("ruleId").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("<stdin>", d.GetProperty("file").GetString());
        Assert.True(d.GetProperty("line").GetInt32() >= 1);
        Assert.Equal(1, root.GetProperty("summary").GetProperty("documents").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void FailOn_Warning_TurnsWarningsIntoExitOne()
    {
        var twice = ValidConfigMap + "---\n" + ValidConfigMap;
        Assert.Equal(ExitCodes.Clean, TestConsole.RunWithInput(twice, "lint", "-").Exit);
        Assert.Equal(ExitCodes.Findings, TestConsole.RunWithInput(twice, "lint", "-", "--fail-on", "warning").Exit);
    }

    [Fact]
    public void Disable_SkipsTheRule()
    {
        var (exit, output, _) = TestConsole.RunWithInput(BrokenYaml, "lint", "-", "--disable", "yaml-syntax");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.DoesNotContain("yaml-syntax", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RedirectedOutput_HasNoColour()
    {
        var (_, output, _) = TestConsole.RunWithInput(BrokenYaml, "lint", "-");
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_Input_IsAFinding_NotACrash()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-test-");
        try
        {
            var path = Path.Combine(dir.FullName, "image.yaml");
            File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
            var (exit, output, _) = TestConsole.Run("lint", path);
            Assert.Equal(ExitCodes.Findings, exit);
            Assert.Contains("not text", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rules_ListsTheCatalogue_AndShowsADoc()
    {
        var (exit, output, _) = TestConsole.Run("rules");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Contains("yaml-syntax", output, StringComparison.Ordinal);
        Assert.Contains("PROFILES", output, StringComparison.Ordinal);
        Assert.Matches(@"no-readiness-probe +warning +recommended, strict ", output);
        var (docExit, doc, _) = TestConsole.Run("rules", "manifest-structure");
        Assert.Equal(ExitCodes.Clean, docExit);
        Assert.StartsWith("# manifest-structure", doc, StringComparison.Ordinal);
    }
}

public class LintProfileTests
{
    private const string NoProbe = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  ports: [{containerPort: 80}]
        """;

    [Theory]
    [InlineData(null, true)]
    [InlineData("recommended", true)]
    [InlineData("minimal", false)]
    public void Profile_ChoosesTheRules(string? profile, bool expectProbeFinding)
    {
        string[] args = profile is null ? ["lint", "-"] : ["lint", "-", "--profile", profile];
        var (exit, output, _) = TestConsole.RunWithInput(NoProbe, args);
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Equal(expectProbeFinding, output.Contains("no-readiness-probe", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownProfile_IsAUsageError()
    {
        var (exit, _, error) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--profile", "paranoid");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--profile must be minimal", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Enable_RunsARuleTheProfileLeavesOff()
    {
        var (_, output, _) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--profile", "minimal", "--enable", "no-readiness-probe");
        Assert.Contains("no-readiness-probe", output, StringComparison.Ordinal);
        var (exit, _, error) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--enable", "nope");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--enable names an unknown rule", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigProfile_AndARuleSeverity_TurnRulesOnAndOff()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-config-");
        try
        {
            var config = Path.Combine(dir.FullName, "kubeplan.yaml");
            File.WriteAllText(config, "profile: minimal\n");
            var (_, quiet, _) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--config", config);
            Assert.DoesNotContain("no-readiness-probe", quiet, StringComparison.Ordinal);
            File.WriteAllText(config, "profile: minimal\nrules:\n  no-readiness-probe: error\n");
            var (exit, loud, _) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--config", config);
            Assert.Equal(ExitCodes.Findings, exit);
            Assert.Contains("error no-readiness-probe", loud, StringComparison.Ordinal);
            var (_, cli, _) = TestConsole.RunWithInput(NoProbe, "lint", "-", "--config", config, "--profile", "recommended", "--disable", "no-readiness-probe");
            Assert.DoesNotContain("no-readiness-probe", cli, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class LintConfigTests
{
    [Fact]
    public void Config_TurnsRulesOff_AndSetsTheGate()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-config-");
        try
        {
            var config = Path.Combine(dir.FullName, "kubeplan.yaml");
            File.WriteAllText(config, "failOn: warning\nrules:\n  yaml-syntax: off\n");
            var (exit, output, _) = TestConsole.RunWithInput("a: {b\n", "lint", "-", "--config", config);
            Assert.Equal(ExitCodes.Clean, exit);
            Assert.DoesNotContain("yaml-syntax", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void BrokenConfig_IsAUsageError_WithPosition()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-config-");
        try
        {
            var config = Path.Combine(dir.FullName, "kubeplan.yaml");
            File.WriteAllText(config, "rules:\n  nope: off\n");
            var (exit, _, error) = TestConsole.RunWithInput("a: 1\n", "lint", "-", "--config", config);
            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Contains("kubeplan.yaml:2:3: unknown rule", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class LintConfigPathTests
{
    [Fact]
    public void Config_ExcludeAndInclude_PickTheFilesLinted()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-config-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "k8s", "vendor"));
            File.WriteAllText(Path.Combine(dir.FullName, "k8s", "ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n");
            File.WriteAllText(Path.Combine(dir.FullName, "k8s", "vendor", "broken.yaml"), "a: {b\n");
            File.WriteAllText(Path.Combine(dir.FullName, "k8s", "web.tmpl.yaml"), "a: {b\n");
            var config = Path.Combine(dir.FullName, ".kubeplan.yaml");
            var k8s = Path.Combine(dir.FullName, "k8s");

            File.WriteAllText(config, "exclude: [k8s/vendor, \"*.tmpl.yaml\"]\n");
            var (exit, output, _) = TestConsole.Run("lint", k8s, "--config", config);
            Assert.Equal(ExitCodes.Clean, exit);
            Assert.Contains("1 file, 1 document", output, StringComparison.Ordinal);

            // Without the config both broken files count.
            File.WriteAllText(config, "include: [\"k8s/**\"]\n");
            (exit, output, _) = TestConsole.Run("lint", k8s, "--config", config);
            Assert.Equal(ExitCodes.Findings, exit);
            Assert.Contains("3 files", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("profile: paranoid\n", "kubeplan.yaml:1:10: profile must be minimal")]
    [InlineData("ignore:\n  - object: web\n    rules: [schema]\n", "kubeplan.yaml:2:13: object \"web\" must be kind/namespace/name")]
    [InlineData("customRules: [no/such/folder]\n", "kubeplan.yaml:1:15: customRules: no such file or folder")]
    public void BrokenNewSettings_AreUsageErrors_WithPosition(string yaml, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-config-");
        try
        {
            var config = Path.Combine(dir.FullName, "kubeplan.yaml");
            File.WriteAllText(config, yaml);
            var (exit, _, error) = TestConsole.RunWithInput("a: 1\n", "lint", "-", "--config", config);
            Assert.Equal(ExitCodes.UsageError, exit);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class LintEmptyInputTests
{
    [Fact]
    public void EmptyFolder_IsClean_ButSaysSo()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-empty-");
        try
        {
            var (exit, output, error) = TestConsole.Run("lint", dir.FullName);
            Assert.Equal(ExitCodes.Clean, exit);
            Assert.Contains("0 files, 0 documents", output, StringComparison.Ordinal);
            Assert.Contains("no .yaml, .yml or .json files found", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
