using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning;

public class PausedAndHistoryTests
{
    private static RolloutPlan Plan(string yaml, PlanRequest? request = null) =>
        Assert.Single(Report(request, yaml).Entries).Plan!;

    [Fact]
    public void PausedDeployment_HasNoWaves_AndSaysHowToResume()
    {
        // deployment_controller.go syncDeployment: a paused Deployment only runs sync (scaling), never the strategy.
        var plan = Plan(Web.Replace("replicas: 10", "replicas: 10\n  paused: true", StringComparison.Ordinal));

        Assert.Empty(plan.Steps);
        Assert.True(plan.Parameters.Paused);
        Assert.Equal("paused: nothing rolls out until `kubectl rollout resume deployment/web`", plan.Verdict);
        Assert.Contains(plan.Notes, n => n.StartsWith("Once resumed: RollingUpdate of 10 replicas in 3 waves", StringComparison.Ordinal));
        Assert.Equal("a rolling update of 10 replicas: paused: nothing rolls out until `kubectl rollout resume deployment/web`", PlanText.Summary(plan));
        Assert.Contains("replicas 10, maxSurge 3, maxUnavailable 2, paused", Render(Report(null, Web.Replace("replicas: 10", "replicas: 10\n  paused: true", StringComparison.Ordinal)), "text"), StringComparison.Ordinal);
    }

    [Fact]
    public void PausedDeployment_StillScales()
    {
        var plan = Plan(Web.Replace("replicas: 10", "replicas: 10\n  paused: true", StringComparison.Ordinal), new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=12")] });

        Assert.NotEmpty(plan.Steps);
        Assert.Contains(plan.Notes, n => n.StartsWith("spec.paused: a paused Deployment still scales", StringComparison.Ordinal));
    }

    [Theory]
    // pkg/apis/apps/v1/defaults.go: revisionHistoryLimit 10; deployment/sync.go cleanupDeployment and the
    // StatefulSet/DaemonSet truncateHistory delete old revisions beyond the limit.
    [InlineData("", "revisionHistoryLimit 10 (the default): the 10 most recent old ReplicaSets (scaled to 0) are kept for `kubectl rollout undo deployment/web`")]
    [InlineData("\n  revisionHistoryLimit: 2", "revisionHistoryLimit 2: the 2 most recent old ReplicaSets (scaled to 0) are kept")]
    [InlineData("\n  revisionHistoryLimit: 0", "revisionHistoryLimit 0: no old ReplicaSets (scaled to 0) are kept once the rollout completes, so `kubectl rollout undo deployment/web` has no revision to go back to")]
    public void DeploymentPlan_SaysHowManyRevisionsAreKept(string extra, string expected) =>
        Assert.Contains(Plan(Web.Replace("replicas: 10", "replicas: 10" + extra, StringComparison.Ordinal)).Notes, n => n.StartsWith(expected, StringComparison.Ordinal));

    [Theory]
    // apps/v1beta1 defaulted a Deployment's limit to 2; extensions/v1beta1 kept every ReplicaSet.
    [InlineData("apps/v1beta1", "revisionHistoryLimit 2 (the default)")]
    [InlineData("extensions/v1beta1", "revisionHistoryLimit unset (extensions/v1beta1 keeps every revision)")]
    public void OldApiVersions_HadOtherDefaults(string apiVersion, string expected) =>
        Assert.Contains(Plan(Web.Replace("apps/v1", apiVersion, StringComparison.Ordinal)).Notes, n => n.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void StatefulSetAndDaemonSetPlans_CountControllerRevisions()
    {
        Assert.Contains(Plan(Db).Notes, n => n.StartsWith("revisionHistoryLimit 10 (the default): the 10 most recent old ControllerRevisions are kept for `kubectl rollout undo statefulset/db`", StringComparison.Ordinal));
        Assert.Contains(Plan(Agent, new PlanRequest { Options = new PlanningOptions { NodeCount = 2 } }).Notes, n => n.Contains("kubectl rollout undo daemonset/agent", StringComparison.Ordinal));
    }

    [Fact]
    public void ScalePlans_HaveNoHistoryNote() =>
        Assert.DoesNotContain(Plan(Web, new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=3")] }).Notes, n => n.StartsWith("revisionHistoryLimit", StringComparison.Ordinal));
}
