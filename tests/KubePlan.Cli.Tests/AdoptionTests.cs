using System.Text.Json;
using KubePlan.Manifests;

namespace KubePlan.Cli.Tests;

/// <summary>
/// What a team adopting kubeplan as a CI gate does: suppress on purpose (annotation, comment, config),
/// gate strictly, baseline today's findings, write several formats in one run, read the catalogue.
/// </summary>
public sealed class AdoptionTests : IDisposable
{
    private const string Workload = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        ANNOTATIONS
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                COMMENT
                - name: web
                  image: web:1.0
                  ports: [{containerPort: 8080}]
                  resources: {requests: {cpu: 10m, memory: 16Mi}}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeplan-adopt-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Manifest(string annotations = "", string comment = "") =>
        WriteFile("web.yaml", Workload.Replace("ANNOTATIONS\n", annotations, StringComparison.Ordinal).Replace("COMMENT", comment, StringComparison.Ordinal) + "\n");

    private static (int Exit, JsonElement Report) LintJson(params string[] args)
    {
        var (exit, output, error) = TestConsole.Run(["lint", .. args, "--format", "json", "--fail-on", "warning"]);
        Assert.True(exit is 0 or 1, error);
        return (exit, JsonDocument.Parse(output).RootElement.Clone());
    }

    private static string[] Rules(JsonElement report, string list = "diagnostics") =>
        report.TryGetProperty(list, out var items) ? items.EnumerateArray().Select(d => d.GetProperty("ruleId").GetString()!).ToArray() : [];

    public static TheoryData<string> Kinds() => ["annotation", "comment", "config"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachSuppression_Works_AndOnlyConfigSurvivesNoInlineIgnores(string kind)
    {
        var config = WriteFile("kubeplan.yaml", kind == "config"
            ? "ignore:\n  - object: Deployment/shop/web\n    container: web\n    rules: [no-readiness-probe]\n    reason: probed by the mesh\n"
            : "failOn: warning\n");
        var manifest = kind switch
        {
            "annotation" => Manifest(annotations: "  annotations:\n    kubeplan.io/ignore: \"no-readiness-probe=probed by the mesh\"\n"),
            "comment" => Manifest(comment: "# kubeplan:ignore no-readiness-probe -- probed by the mesh"),
            _ => Manifest(),
        };

        var (exit, report) = LintJson(manifest, "--config", config);
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Empty(Rules(report));
        var suppressed = Assert.Single(report.GetProperty("suppressed").EnumerateArray());
        Assert.Equal(kind, suppressed.GetProperty("suppression").GetProperty("kind").GetString());
        Assert.Equal("probed by the mesh", suppressed.GetProperty("suppression").GetProperty("reason").GetString());
        Assert.Equal(1, report.GetProperty("summary").GetProperty("suppressed").GetInt32());

        // A mandatory gate: inline suppressions no longer count; the configuration's still does.
        foreach (var gate in new[] { new[] { "--no-inline-ignores" }, [] })
        {
            var gateConfig = gate.Length > 0 ? config : WriteFile("strict.yaml", File.ReadAllText(config).Replace("failOn: warning\n", string.Empty, StringComparison.Ordinal) + "strict: true\n");
            var (gateExit, gated) = LintJson([manifest, "--config", gateConfig, .. gate]);
            if (kind == "config")
            {
                Assert.Equal(ExitCodes.Clean, gateExit);
                Assert.Empty(Rules(gated));
            }
            else
            {
                Assert.Equal(ExitCodes.Findings, gateExit);
                Assert.Equal(["no-readiness-probe"], Rules(gated));
                Assert.Empty(Rules(gated, "suppressed"));
            }
        }
    }

    [Fact]
    public void TextSummary_CountsSuppressed()
    {
        var manifest = Manifest(comment: "# kubeplan:ignore no-readiness-probe");
        var (exit, output, _) = TestConsole.Run("lint", manifest, "--fail-on", "warning");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Contains("0 warnings, 0 infos; 1 suppressed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_WritePassNewFindingFailsFixedFindingGone()
    {
        var manifest = Manifest();
        var baseline = Path.Combine(_dir.FullName, "ci", "kubeplan-baseline.json");

        // Write: today's finding is recorded, the run passes.
        var (exit, _, error) = TestConsole.Run("lint", manifest, "--fail-on", "warning", "--write-baseline", baseline);
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Contains("wrote 1 findings to the baseline", error, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\":\"no-readiness-probe\"", File.ReadAllText(baseline), StringComparison.Ordinal);

        // Pass: nothing new.
        var (passExit, passed) = LintJson(manifest, "--baseline", baseline);
        Assert.Equal(ExitCodes.Clean, passExit);
        Assert.Equal(1, passed.GetProperty("summary").GetProperty("baselined").GetInt32());

        // A new finding fails, and is the only one reported.
        File.WriteAllText(manifest, File.ReadAllText(manifest) + "        - name: sidecar\n          image: side:1.0\n          ports: [{containerPort: 8080}]\n          resources: {requests: {cpu: 10m, memory: 16Mi}}\n");
        var (failExit, failed) = LintJson(manifest, "--baseline", baseline);
        Assert.Equal(ExitCodes.Findings, failExit);
        Assert.Equal("sidecar", Assert.Single(failed.GetProperty("diagnostics").EnumerateArray()).GetProperty("container").GetString());

        // The baselined finding fixed: reported gone; the text summary says so too.
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("image: web:1.0\n", "image: web:1.0\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}\n", StringComparison.Ordinal));
        var (_, text, _) = TestConsole.Run("lint", manifest, "--baseline", baseline);
        Assert.Contains("1 warning, 0 infos; 0 in the baseline, 1 of its findings gone", text, StringComparison.Ordinal);
        var (_, gone) = LintJson(manifest, "--baseline", baseline);
        Assert.Equal(0, gone.GetProperty("summary").GetProperty("baselined").GetInt32());
        Assert.Equal(1, gone.GetProperty("summary").GetProperty("baselineGone").GetInt32());
    }

    [Theory]
    [InlineData(null, "no such baseline file")]
    [InlineData("{\"version\": 1, \"findings\": [", "not a baseline file: the JSON does not parse")]
    [InlineData("{\"findings\": []}", "not a baseline file: it needs \"version\"")]
    public void Baseline_MissingOrCorrupt_IsAUsageError_SayingWhy(string? text, string expected)
    {
        var path = text is null ? Path.Combine(_dir.FullName, "missing.json") : WriteFile("baseline.json", text);
        var (exit, _, error) = TestConsole.Run("lint", Manifest(), "--baseline", path, "--format", "sarif");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralOutputs_InOneRun()
    {
        var manifest = Manifest();
        var sarif = Path.Combine(_dir.FullName, "out", "kubeplan.sarif");
        var junit = Path.Combine(_dir.FullName, "out", "kubeplan.xml");
        var (exit, output, _) = TestConsole.Run("lint", manifest, "--fail-on", "warning", "--output", $"sarif={sarif}", "-o", $"junit={junit}");
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("warning no-readiness-probe", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(sarif));
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Matches("^[0-9a-f]{32}$", result.GetProperty("partialFingerprints").GetProperty("kubeplanFindingHash/v1").GetString());
        Assert.Contains("<testsuites", File.ReadAllText(junit), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("nope=out.txt")]
    [InlineData("sarif=")]
    public void Output_Malformed_IsAUsageError(string value)
    {
        var (exit, _, error) = TestConsole.Run("lint", Manifest(), "--output", value);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("kubeplan: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_UrisAreRelativeToTheRepositoryRoot_WithTheirBase()
    {
        // A file inside this repository, named by its absolute path: the uri is relative to the repository root.
        var fixture = Path.Combine(FindRepoRoot(), "tests", "KubePlan.Core.Tests", "Fixtures", "no-readiness-probe", "fires-rolling-workloads.yaml");
        var (_, output, _) = TestConsole.Run("lint", fixture, "--format", "sarif");
        using var doc = JsonDocument.Parse(output);
        var run = doc.RootElement.GetProperty("runs")[0];
        var root = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", root, StringComparison.Ordinal);
        var location = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        var uri = location.GetProperty("uri").GetString()!;
        Assert.Equal("tests/KubePlan.Core.Tests/Fixtures/no-readiness-probe/fires-rolling-workloads.yaml", uri);
        Assert.True(File.Exists(new Uri(new Uri(root), uri).LocalPath), $"{root} + {uri} is not the linted file");
    }

    [Fact]
    public void RulesJson_ListsEveryRule_WithItsProfilesAndDoc()
    {
        var (exit, output, _) = TestConsole.Run("rules", "--format", "json");
        Assert.Equal(ExitCodes.Clean, exit);
        using var doc = JsonDocument.Parse(output);
        var rule = doc.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "unused-suppression");
        Assert.Equal("info", rule.GetProperty("defaultSeverity").GetString());
        Assert.Equal(["recommended", "strict"], rule.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("rules/unused-suppression.md", rule.GetProperty("doc").GetString());
        Assert.Equal(ExitCodes.UsageError, TestConsole.Run("rules", "--format", "xml").Exit);
    }

    /// <summary>The pre-commit hook's entry line, run as pre-commit runs it: the entry, then the staged YAML files.</summary>
    [Fact]
    public void PreCommitHook_EntryLine_LintsTheFiles()
    {
        var root = FindRepoRoot();
        var hooks = YamlStreamReader.Read(File.ReadAllText(Path.Combine(root, ".pre-commit-hooks.yaml")));
        var hook = Assert.IsType<YMapping>(Assert.IsType<YSequence>(hooks.Documents[0].Root).Items[0]);
        Assert.Equal("kubeplan-lint", hook.GetString("id"));
        Assert.Equal("yaml", Assert.IsType<YSequence>(hook["types"]).Items.Cast<YScalar>().Single().Text);
        var entry = hook.GetString("entry")!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kubeplan", entry[0]);

        var clean = WriteFile("clean.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        Assert.Equal(ExitCodes.Clean, TestConsole.Run([.. entry[1..], clean]).Exit);
        var broken = WriteFile("broken.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n");
        var (exit, output, _) = TestConsole.Run([.. entry[1..], clean, broken]);
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("broken.yaml:", output, StringComparison.Ordinal);
    }

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
