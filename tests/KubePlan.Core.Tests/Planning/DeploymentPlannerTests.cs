using KubePlan.Planning;

namespace KubePlan.Core.Tests.Planning;

public class DeploymentPlannerTests
{
    private static readonly PlanSubject Web = new("apps/v1", "Deployment", "default", "web");

    private static DeploymentRolloutRequest Request(int replicas, string surge, string unavailable, int? from = null) => new()
    {
        Subject = Web,
        Replicas = replicas,
        FromReplicas = from,
        MaxSurge = IntOrPercent.Parse(surge),
        MaxUnavailable = IntOrPercent.Parse(unavailable),
    };

    private static string Waves(RolloutPlan plan) =>
        string.Join(" ", plan.Steps.Select(s => $"({s.OldReplicas},{s.NewReplicas})"));

    [Theory]
    // rollingUpdateWalkthrough (SEMANTICS §2.4): 10 replicas, 25%/25% → three waves.
    [InlineData(10, "25%", "25%", "(8,5) (3,10) (0,10)")]
    // maxSurge 0 / maxUnavailable 1: every wave takes one old pod away and adds one new pod.
    [InlineData(4, "0", "1", "(3,1) (2,2) (1,3) (0,4)")]
    // maxSurge 1 / maxUnavailable 0: one new pod first, then one old pod out per wave.
    [InlineData(3, "1", "0", "(3,1) (2,2) (1,3) (0,3)")]
    [InlineData(1, "25%", "25%", "(1,1) (0,1)")]
    [InlineData(3, "25%", "25%", "(3,1) (2,2) (1,3) (0,3)")]
    [InlineData(4, "25%", "25%", "(3,2) (1,4) (0,4)")]
    [InlineData(10, "100%", "0", "(10,10) (0,10)")]
    [InlineData(10, "0", "100%", "(0,10)")]
    public void RollingUpdate_Waves(int replicas, string surge, string unavailable, string expected) =>
        Assert.Equal(expected, Waves(DeploymentPlanner.PlanRollingUpdate(Request(replicas, surge, unavailable))));

    [Fact]
    public void RollingUpdate_WorkedExample_StepsCarryTheirBudgets()
    {
        // rollingUpdateWalkthrough: wave 1 = syncs 1–2 (13 pods, 8 available); wave 2 = syncs 3–4; wave 3 = sync 5.
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(10, "25%", "25%"));
        Assert.Equal(
            ["create ReplicaSet web-new with 3 pods", "scale old ReplicaSet web-old 10 → 8", "scale new ReplicaSet web-new 3 → 5"],
            plan.Steps[0].Actions);
        Assert.Equal(["scale old ReplicaSet web-old 8 → 3", "scale new ReplicaSet web-new 5 → 10"], plan.Steps[1].Actions);
        Assert.Equal(["scale old ReplicaSet web-old 3 → 0"], plan.Steps[2].Actions);
        Assert.Equal([13, 13, 13], plan.Steps.Select(s => s.MaxPods)); // wave 3 starts with 3 old + 10 new
        Assert.Equal([8, 8, 10], plan.Steps.Select(s => s.MinAvailable));
        Assert.Equal([2, 2, 0], plan.Steps.Select(s => s.MaxUnavailable));
        Assert.Equal(3, plan.Parameters.MaxSurge);
        Assert.Equal(2, plan.Parameters.MaxUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(20), plan.Steps[0].Duration);
        Assert.Equal(TimeSpan.Zero, plan.Steps[2].Duration);
        Assert.Equal(TimeSpan.FromSeconds(40), plan.TotalDuration);
    }

    [Fact]
    public void RollingUpdate_MaxSurge0_AlternatesOldDownNewUp()
    {
        // rollingUpdateWalkthrough: first sync creates the new ReplicaSet at 0 and scales old 10 → 9.
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(10, "0", "1"));
        Assert.Equal(10, plan.Steps.Count);
        Assert.Equal(["create ReplicaSet web-new with 0 pods", "scale old ReplicaSet web-old 10 → 9", "scale new ReplicaSet web-new 0 → 1"], plan.Steps[0].Actions);
        Assert.All(plan.Steps.Skip(1), s => Assert.Equal(2, s.Actions.Count));
        Assert.All(plan.Steps.Skip(1), s => Assert.StartsWith("scale old", s.Actions[0], StringComparison.Ordinal));
        Assert.All(plan.Steps, s => Assert.Equal(10, s.MaxPods));
        Assert.All(plan.Steps, s => Assert.Equal(9, s.MinAvailable));
    }

    [Fact]
    public void RollingUpdate_MaxSurge1_AlternatesNewUpOldDown()
    {
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(10, "1", "0"));
        Assert.Equal(11, plan.Steps.Count);
        Assert.Equal(["create ReplicaSet web-new with 1 pod"], plan.Steps[0].Actions);
        Assert.All(plan.Steps.Skip(1).Take(9), s =>
        {
            Assert.StartsWith("scale old", s.Actions[0], StringComparison.Ordinal);
            Assert.StartsWith("scale new", s.Actions[1], StringComparison.Ordinal);
        });
        Assert.Equal(["scale old ReplicaSet web-old 1 → 0"], plan.Steps[^1].Actions);
        Assert.All(plan.Steps, s => Assert.True(s.MaxPods <= 11));
        Assert.All(plan.Steps, s => Assert.Equal(10, s.MinAvailable));
    }

    [Theory]
    // Scaling event first, then the rollout (syncDeployment dispatch, SEMANTICS §2.3).
    [InlineData(20, 10, "resize: scale old ReplicaSet web-old 10 → 20")]
    [InlineData(5, 10, "resize: scale old ReplicaSet web-old 10 → 5")]
    public void RollingUpdate_FromReplicas_ScalesFirst(int replicas, int from, string firstAction)
    {
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(replicas, "25%", "25%", from));
        Assert.Equal(firstAction, plan.Steps[0].Actions[0]);
        Assert.Equal(from, plan.Parameters.FromReplicas);
        Assert.Equal((0, replicas), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
    }

    [Fact]
    public void RollingUpdate_UnavailableOldPods_AreCleanedUpFirst()
    {
        // cleanupUnhealthyReplicas (rolling.go): 3 of 10 old pods unavailable; the budget of 2 goes to them.
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(10, "25%", "25%") with
        {
            OldReplicaSets = [new ReplicaSetState("web-v1", 10) { AvailableReplicas = 7, DesiredReplicasAnnotation = 10 }],
        });
        Assert.Equal(
            ["create ReplicaSet web-new with 3 pods", "scale old ReplicaSet web-v1 10 → 8 (unavailable pods)", "scale new ReplicaSet web-new 3 → 5"],
            plan.Steps[0].Actions);
        Assert.Equal(7, plan.Steps[0].MinAvailable);
        Assert.Equal((0, 10), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
    }

    [Fact]
    public void Recreate_DeletesWaitsThenCreates()
    {
        var plan = DeploymentPlanner.PlanRecreate(Request(10, "25%", "25%") with { Strategy = DeploymentStrategyType.Recreate });
        Assert.Equal("(0,0) (0,10)", Waves(plan));
        Assert.Equal(["scale old ReplicaSet web-old 10 → 0", "wait until every old pod has terminated"], plan.Steps[0].Actions);
        Assert.Equal(["create ReplicaSet web-new with 10 pods"], plan.Steps[1].Actions);
        Assert.Equal([0, 0], plan.Steps.Select(s => s.MinAvailable));
        Assert.Equal(TimeSpan.FromSeconds(30), plan.Steps[0].Duration);
        Assert.Equal(TimeSpan.FromSeconds(20), plan.Steps[1].Duration);
        Assert.Contains(plan.Notes, n => n.Contains("about 50s", StringComparison.Ordinal));
        Assert.Null(plan.Parameters.MaxSurge);
    }

    [Theory]
    // TestScale "7 → 10" (sync_test.go, maxSurge 0): v1 2, v2 3, v3 2 (newest) annotated 7 → v1 3, v2 4, v3 3.
    [InlineData(10, 0, new[] { 2, 3, 2 }, new[] { 7, 7, 7 }, new[] { 3, 4, 3 })]
    // KEP-3973: 20/30/60 (oldest first) at max 110 → 130 gives 24/35/71.
    [InlineData(120, 10, new[] { 20, 30, 60 }, new[] { 110, 110, 110 }, new[] { 24, 35, 71 })]
    // TestScale "proportional scaling: 5 → 10" style: one ReplicaSet without annotation falls back to status.replicas.
    [InlineData(20, 0, new[] { 5, 5 }, new[] { 0, 0 }, new[] { 10, 10 })]
    // scale down 10 → 5: larger first, older first on ties; the leftover −1 goes to the largest.
    [InlineData(5, 0, new[] { 4, 3, 3 }, new[] { 10, 10, 10 }, new[] { 1, 2, 2 })]
    // scale to 0: every ReplicaSet goes to 0.
    [InlineData(0, 0, new[] { 4, 6 }, new[] { 10, 10 }, new[] { 0, 0 })]
    public void ProportionalScaling_Scale(int replicas, int maxSurge, int[] sizes, int[] maxAnnotations, int[] expected)
    {
        var sets = sizes.Select((s, i) => new ReplicaSetState($"v{i + 1}", s)
        {
            MaxReplicasAnnotation = maxAnnotations[i] == 0 ? null : maxAnnotations[i],
        }).ToList();
        Assert.Equal(expected, ProportionalScaling.Scale(replicas, maxSurge, DeploymentStrategyType.RollingUpdate, sets, newIndex: sizes.Length - 1));
    }

    [Fact]
    public void ProportionalScaling_RoundsHalfAwayFromZero()
    {
        // 1 × 5 / 2 = 2.5 → 3 (Go math.Round), not 2 (banker's rounding).
        var sets = new[] { new ReplicaSetState("a", 1) { MaxReplicasAnnotation = 2 }, new ReplicaSetState("b", 1) { MaxReplicasAnnotation = 2 } };
        Assert.Equal([2, 3], ProportionalScaling.Scale(5, 0, DeploymentStrategyType.RollingUpdate, sets, newIndex: 1));
    }

    [Fact]
    public void Scale_SingleReplicaSet_OneWave()
    {
        var plan = DeploymentPlanner.PlanScale(Request(20, "25%", "25%", from: 10));
        Assert.Equal("Scale", plan.Strategy);
        Assert.Equal("(0,20)", Waves(plan));
        Assert.Equal(["resize: scale new ReplicaSet web-current 10 → 20"], plan.Steps[0].Actions);
        Assert.Equal(10, plan.Steps[0].MinAvailable);
    }

    [Fact]
    public void Scale_MidRollout_IsProportionalThenTheRolloutContinues()
    {
        // KEP-3973 numbers: old 20 and 30, new 60, annotated for 100 replicas with maxSurge 10.
        var request = Request(120, "10", "0") with
        {
            OldReplicaSets =
            [
                new ReplicaSetState("web-v1", 20) { DesiredReplicasAnnotation = 100, MaxReplicasAnnotation = 110 },
                new ReplicaSetState("web-v2", 30) { DesiredReplicasAnnotation = 100, MaxReplicasAnnotation = 110 },
            ],
            NewReplicaSet = new ReplicaSetState("web-v3", 60) { DesiredReplicasAnnotation = 100, MaxReplicasAnnotation = 110 },
        };
        var plan = DeploymentPlanner.PlanScale(request);
        Assert.Equal(
            ["resize: scale new ReplicaSet web-v3 60 → 71", "resize: scale old ReplicaSet web-v2 30 → 35", "resize: scale old ReplicaSet web-v1 20 → 24"],
            plan.Steps[0].Actions.Take(3));
        Assert.Equal((0, 120), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
        Assert.All(plan.Steps, s => Assert.True(s.MaxPods <= 130));
    }

    [Fact]
    public void Scale_NothingToDo()
    {
        var plan = DeploymentPlanner.PlanScale(Request(3, "25%", "25%", from: 3));
        Assert.Empty(plan.Steps);
        Assert.StartsWith("nothing to do", plan.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Serializes_ToThePlanContractShape()
    {
        var plan = DeploymentPlanner.PlanRollingUpdate(Request(10, "25%", "25%"));
        var json = System.Text.Json.JsonSerializer.Serialize(plan, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Contains("\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"namespace\":\"default\",\"name\":\"web\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"parameters\":{\"replicas\":10,\"fromReplicas\":10,\"maxSurge\":3,\"maxUnavailable\":2}", json, StringComparison.Ordinal);
        Assert.Contains("{\"step\":1,\"oldReplicas\":8,\"newReplicas\":5,\"actions\":[", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ordinals\"", json, StringComparison.Ordinal);
    }
}

public class DeploymentPlannerWaveCountTests
{
    // rolling.go: with maxUnavailable 0 the first sync only creates the new ReplicaSet at the
    // surge (4 + 1 = 5 pods); reconcileOldReplicaSets can remove nothing until it is available.
    [Fact]
    public void FirstWave_CountsThePodsTheNewReplicaSetAdds()
    {
        var plan = KubePlan.Planning.DeploymentPlanner.PlanRollout(new KubePlan.Planning.DeploymentRolloutRequest
        {
            Subject = new KubePlan.Planning.PlanSubject("apps/v1", "Deployment", "default", "web"),
            Replicas = 4,
            MaxSurge = KubePlan.Planning.IntOrPercent.FromPercent(25),
            MaxUnavailable = KubePlan.Planning.IntOrPercent.FromInt(0),
        });
        var first = plan.Steps[0];
        Assert.Equal((4, 1, 5, 4), (first.OldReplicas, first.NewReplicas, first.MaxPods, first.MinAvailable));
    }
}

public class DeploymentScaleDurationTests
{
    // sync.go scale: a scale-up creates pods that must become available, so the wave takes
    // the pods' time to availability (regression: the resize was counted as instant).
    [Theory]
    [InlineData(10, 20, 20)]
    [InlineData(10, 4, 0)]
    public void Resize_TakesTheNewPodsTimeToAvailability(int from, int to, int seconds)
    {
        var plan = KubePlan.Planning.DeploymentPlanner.PlanScale(new KubePlan.Planning.DeploymentRolloutRequest
        {
            Subject = new KubePlan.Planning.PlanSubject("apps/v1", "Deployment", "default", "web"),
            Replicas = to,
            FromReplicas = from,
        });
        Assert.Equal(TimeSpan.FromSeconds(seconds), plan.TotalDuration);
    }
}
