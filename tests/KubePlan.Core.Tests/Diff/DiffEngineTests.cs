using KubePlan.Core.Tests.Rules;
using KubePlan.Diff;
using NJsonSchema;

namespace KubePlan.Core.Tests.Diff;

public sealed class DiffEngineTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0"}]
        """;

    private const string SecretValue = "s3cr3t-Value-That-Must-Not-Leak";

    private static readonly string[] Formats = ["text", "markdown", "json"];

    private static string Fixture(string name, string side) =>
        File.ReadAllText(Path.Combine(DiffTestSupport.FixturesRoot, name, side + ".yaml"));

    [Fact]
    public void SameInput_HasNoChanges()
    {
        var result = DiffTestSupport.Diff(Deployment, Deployment);

        Assert.Empty(result.Changes);
        Assert.Contains("no changes", DiffTestSupport.Render(result, "text"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rollout_AttachesThePlannersPlan()
    {
        var planner = new FakePlanner();
        var result = DiffTestSupport.Diff(Deployment, Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal), planner);

        var change = Assert.Single(result.Changes);
        Assert.Equal(["rollout web"], planner.Calls);
        Assert.NotNull(change.Plan);
        Assert.Contains("a rolling update in 3 waves", change.Message, StringComparison.Ordinal);
        Assert.Contains("| 1 | 8 | 5 |", DiffTestSupport.Render(result, "text"), StringComparison.Ordinal);
        Assert.Equal("RollingUpdate", DiffTestSupport.Json(result)["changes"]![0]!["plan"]!["strategy"]!.GetValue<string>());
    }

    [Fact]
    public void Rollout_WithoutPlanner_StillSaysWhatRolls()
    {
        var result = DiffTestSupport.Diff(Deployment, Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        var change = Assert.Single(result.Changes);
        Assert.Null(change.Plan);
        Assert.Equal("pod template changed (spec/containers/name=web/image): a rolling update replaces every pod (3 replicas)", change.Message);
    }

    [Fact]
    public void ReplicasOnly_IsScaleWithScalePlan()
    {
        var planner = new FakePlanner();
        var result = DiffTestSupport.Diff(Deployment, Deployment.Replace("replicas: 3", "replicas: 5", StringComparison.Ordinal), planner);

        Assert.Equal([Impact.Scale], Assert.Single(result.Changes).Impacts);
        Assert.Equal(["scale web"], planner.Calls);
    }

    [Fact]
    public void Scale_NotesTheAutoscalerThatOwnsReplicas()
    {
        var result = DiffTestSupport.Diff(Fixture("scale-owned-by-hpa", "old"), Fixture("scale-owned-by-hpa", "new"));

        var scale = result.Changes.Single(c => c.Impacts.Contains(Impact.Scale));
        Assert.Contains(scale.Notes, n => n.Contains("HorizontalPodAutoscaler web", StringComparison.Ordinal));
    }

    [Fact]
    public void AddedWorkload_IsPlannedFromNothing()
    {
        var planner = new FakePlanner();
        DiffTestSupport.Diff(string.Empty, Deployment, planner);

        Assert.Equal(["rollout web (new)"], planner.Calls);
    }

    [Fact]
    public void Rejected_SaysWhyAndTheWayOut_AndAttachesNoPlan()
    {
        var result = DiffTestSupport.Diff(Fixture("rejected-deployment-selector", "old"), Fixture("rejected-deployment-selector", "new"), new FakePlanner());

        var change = Assert.Single(result.Changes);
        var rejection = Assert.Single(change.Rejections);
        Assert.Equal("/spec/selector", rejection.Path);
        Assert.Contains("immutable", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("new name", rejection.Remedy, StringComparison.Ordinal);
        Assert.Null(change.Plan);
    }

    [Fact]
    public void Traffic_NamesWorkloadsBeforeAndAfter()
    {
        var result = DiffTestSupport.Diff(Fixture("traffic-service-selector", "old"), Fixture("traffic-service-selector", "new"));

        var traffic = result.Changes.Single(c => c.Impacts.Contains(Impact.Traffic)).Traffic!;
        Assert.Equal(["web"], traffic.Before.Select(r => r.Name));
        Assert.Equal(["web-canary"], traffic.After.Select(r => r.Name));
    }

    [Fact]
    public void ConfigNotRolled_NamesTheWorkloadsThatKeepOldContent()
    {
        var result = DiffTestSupport.Diff(Fixture("config-not-rolled", "old"), Fixture("config-not-rolled", "new"));

        var config = result.Changes.Single(c => c.Impacts.Contains(Impact.ConfigNotRolled));
        Assert.Equal(["api"], config.NotRolled.Select(r => r.Name)); // worker rolls in the same change
    }

    [Fact]
    public void MissingNamespace_IsTheDefaultNamespace()
    {
        var explicitNamespace = Deployment.Replace("metadata: {name: web}", "metadata: {name: web, namespace: default}", StringComparison.Ordinal);

        Assert.Empty(DiffTestSupport.Diff(Deployment, explicitNamespace).Changes);
    }

    [Fact]
    public void ParseProblems_OnEitherSide_AreKept()
    {
        var result = DiffTestSupport.Diff("a: [unclosed", Deployment + "\n---\nkind: [\n");

        Assert.Contains(result.Diagnostics, d => d.Side == DiffSide.Old && d.Diagnostic.File == "old.yaml");
        Assert.Contains(result.Diagnostics, d => d.Side == DiffSide.New && d.Diagnostic.File == "new.yaml");
    }

    // A Secret's values must never be printed, in any format, for any kind of change.
    [Theory]
    [InlineData("changed")]
    [InlineData("added")]
    [InlineData("removed")]
    [InlineData("immutable")]
    public void SecretValues_AppearInNoFormat(string scenario)
    {
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SecretValue));
        var before = $"""
            apiVersion: v1
            kind: Secret
            metadata: {"{name: db}"}
            {(scenario == "immutable" ? "immutable: true" : string.Empty)}
            data: {"{password: " + encoded + "}"}
            stringData: {"{token: " + SecretValue + "-old}"}
            """;
        var after = $"""
            apiVersion: v1
            kind: Secret
            metadata: {"{name: db}"}
            {(scenario == "immutable" ? "immutable: true" : string.Empty)}
            data: {"{password: " + encoded + "x, extra: " + encoded + "}"}
            stringData: {"{token: " + SecretValue + "}"}
            """;
        var (oldYaml, newYaml) = scenario switch
        {
            "added" => (string.Empty, after),
            "removed" => (before, string.Empty),
            _ => (before, after),
        };

        var result = DiffTestSupport.Diff(oldYaml, newYaml);

        Assert.NotEmpty(result.Changes);
        foreach (var format in Formats)
        {
            var output = DiffTestSupport.Render(result, format);
            Assert.DoesNotContain(SecretValue, output, StringComparison.Ordinal);
            Assert.DoesNotContain(encoded, output, StringComparison.Ordinal);
            if (format == "json" || scenario is "changed" or "immutable")
            {
                Assert.Contains(DiffJson.Redacted, output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task JsonOutput_MatchesTheSchema_ForEveryFixture()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "diff.schema.json"));
        foreach (var dir in Directory.GetDirectories(DiffTestSupport.FixturesRoot).Order(StringComparer.Ordinal))
        {
            var result = new DiffEngine(new FakePlanner()).Compare(DiffTestSupport.LoadSide(dir, "old"), DiffTestSupport.LoadSide(dir, "new"));
            var errors = schema.Validate(DiffTestSupport.Render(result, "json"));
            Assert.True(errors.Count == 0, Path.GetFileName(dir) + ": " + string.Join("; ", errors.Select(e => e.ToString())));
        }

        var broken = DiffTestSupport.Diff("a: [", "b: [");
        Assert.Empty(schema.Validate(DiffTestSupport.Render(broken, "json")));
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        var dir = Path.Combine(DiffTestSupport.FixturesRoot, "config-not-rolled");
        string Run(string format) => DiffTestSupport.Render(new DiffEngine().Compare(DiffTestSupport.LoadSide(dir, "old"), DiffTestSupport.LoadSide(dir, "new")), format);

        foreach (var format in Formats)
        {
            Assert.Equal(Run(format), Run(format));
        }
    }

    [Fact]
    public void Markdown_HasSummaryTableAndDetails()
    {
        var result = DiffTestSupport.Diff(Deployment, Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));
        var markdown = DiffTestSupport.Render(result, "markdown");

        Assert.Contains("| Object | Impact | What happens |", markdown, StringComparison.Ordinal);
        Assert.Contains("<details><summary><code>Deployment/web in default</code>: rollout</summary>", markdown, StringComparison.Ordinal);
        Assert.Contains("| `/spec/template/spec/containers/name=web/image` | `\"web:1.0\"` | `\"web:1.1\"` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsColouredOnlyWhenAsked()
    {
        var result = DiffTestSupport.Diff(Deployment, Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        Assert.DoesNotContain("\u001b[", DiffTestSupport.Render(result, "text"), StringComparison.Ordinal);
        Assert.Contains("\u001b[", DiffTestSupport.Render(result, "text", color: true), StringComparison.Ordinal);
    }
}
