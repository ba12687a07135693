using System.Text.Json.Nodes;
using KubePlan.Planning;
using KubePlan.Planning.Output;
using NJsonSchema;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class JsonPlanWriterTests
{
    private static Task<JsonSchema> Schema() =>
        JsonSchema.FromFileAsync(Path.Combine(KubePlan.Core.Tests.Rules.RuleHarness.RepoRoot, "schemas", "plan.schema.json"));

    [Fact]
    public void Write_WorkedExample_FollowsTheContract()
    {
        var json = JsonNode.Parse(Render(Report(null, Web), "json"))!;
        var plan = json["plans"]![0]!;

        Assert.Equal("Deployment", (string?)plan["object"]!["kind"]);
        Assert.Equal("shop", (string?)plan["object"]!["namespace"]);
        Assert.Equal("RollingUpdate", (string?)plan["strategy"]);
        Assert.Equal((10, 10, 3, 2), ((int)plan["parameters"]!["replicas"]!, (int)plan["parameters"]!["fromReplicas"]!, (int)plan["parameters"]!["maxSurge"]!, (int)plan["parameters"]!["maxUnavailable"]!));
        var steps = plan["steps"]!.AsArray();
        Assert.Equal("(1,8,5) (2,3,10) (3,0,10)", string.Join(" ", steps.Select(s => $"({(int)s!["step"]!},{(int)s["oldReplicas"]!},{(int)s["newReplicas"]!})")));
        Assert.Equal(10, (int)steps[0]!["durationSeconds"]!);
        Assert.Equal(20, (int)plan["totalDurationSeconds"]!);
        Assert.Equal(3, (int)plan["waves"]!);
        Assert.Equal("a rolling update of 10 replicas in 3 waves, about 20s", (string?)plan["summary"]);
        Assert.Null(steps[0]!["duration"]);
    }

    [Fact]
    public async Task Write_MatchesTheSchema_ForEveryKindAndProblem()
    {
        var schema = await Schema();
        var reports = new[]
        {
            Report(null, Web, Db, Agent, Hpa, "kind: ["),
            Report(new PlanRequest { Options = new PlanningOptions { NodeCount = 3, FromReplicas = 6 } }, Web, Db, Agent),
            Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=2"), ScaleRequest.Parse("sts/db=0")] }, Web, Db, Hpa),
            Report(null, Web.Replace("replicas: 10", "replicas: 10\n  strategy: {type: Recreate}", StringComparison.Ordinal)),
            Report(null),
            Report(new PlanRequest { Options = new PlanningOptions { Now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero) } }, Job, CronJob, Job.Replace("completions: 10", "completions: 10\n  activeDeadlineSeconds: 100", StringComparison.Ordinal)),
        };
        foreach (var report in reports)
        {
            var errors = schema.Validate(Render(report, "json"));
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.ToString())));
        }
    }

    [Fact]
    public void Write_Job_UsesNewReplicasForRunningPods_AndAddsItsFields()
    {
        var json = JsonNode.Parse(Render(Report(new PlanRequest { Options = new PlanningOptions { Now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero) } }, Job, CronJob), "json"))!;
        var job = json["plans"]![0]!;
        var steps = job["steps"]!.AsArray();

        Assert.Equal("Indexed", (string?)job["strategy"]);
        Assert.Equal(10, (int)job["parameters"]!["completions"]!);
        Assert.Equal(3, (int)job["parameters"]!["parallelism"]!);
        Assert.Equal("3 3 3 1", string.Join(" ", steps.Select(s => (int)s!["newReplicas"]!)));
        Assert.Equal("3 6 9 10", string.Join(" ", steps.Select(s => (int)s!["completionsReached"]!)));
        Assert.Equal("[9]", steps[3]!["indexes"]!.ToJsonString());
        var cron = json["plans"]![1]!;
        Assert.Equal("*/15 * * * *", (string?)cron["schedule"]!["expression"]);
        Assert.Equal("2026-03-06T12:15:00+00:00", (string?)cron["schedule"]!["nextRuns"]![0]);
        Assert.Equal("Forbid", (string?)cron["schedule"]!["concurrencyPolicy"]);
    }

    [Fact]
    public void Write_Problems_NameTheObjectAndReason()
    {
        var json = JsonNode.Parse(Render(Report(null, Agent, "kind: ["), "json"))!;

        Assert.Empty(json["plans"]!.AsArray());
        Assert.Equal("agent", (string?)json["problems"]![0]!["object"]!["name"]);
        Assert.Contains("--node-count", (string?)json["problems"]![0]!["problem"], StringComparison.Ordinal);
        Assert.Equal("test.yaml", (string?)json["inputProblems"]![0]!["file"]);
    }

    [Fact]
    public void ToNode_IsOneElementOfPlans()
    {
        var plan = Report(null, Web).Plans.Single();
        var fromReport = JsonNode.Parse(Render(Report(null, Web), "json"))!["plans"]![0]!;

        Assert.True(JsonNode.DeepEquals(fromReport, JsonPlanWriter.ToNode(plan)));
    }
}
