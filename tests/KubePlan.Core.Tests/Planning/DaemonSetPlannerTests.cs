using KubePlan.Planning;

namespace KubePlan.Core.Tests.Planning;

public class DaemonSetPlannerTests
{
    private static readonly PlanSubject Agent = new("apps/v1", "DaemonSet", "kube-system", "agent");

    private static readonly string[] FiveNodes = ["e", "c", "a", "d", "b"];

    /// <summary>Steps as "(+2/−2)": pods created / deleted per step.</summary>
    private static string Counts(RolloutPlan plan) => string.Join(" ", plan.Steps.Select(s =>
    {
        var created = s.Actions.Where(a => a.StartsWith("create", StringComparison.Ordinal)).Sum(a => a.Split(", ").Length);
        var deleted = s.Actions.Where(a => a.StartsWith("delete", StringComparison.Ordinal)).Sum(a => a.Split(", ").Length);
        return (created, deleted) switch
        {
            (> 0, > 0) => $"(+{created}/−{deleted})",
            (> 0, _) => $"(+{created})",
            _ => $"(−{deleted})",
        };
    }));

    private static string NodeOrder(RolloutPlan plan) => string.Join(" ", plan.Steps.Select(s => string.Join(",", s.Nodes!)));

    [Theory]
    // daemonSetRollout (SEMANTICS §5.3), 5 nodes.
    [InlineData(null, "2", "(−2) (+2) (−2) (+2) (−1) (+1)", "a,b a,b c,d c,d e e")]
    [InlineData("2", "0", "(+2) (+2/−2) (+1/−2) (−1)", "a,b a,b,c,d c,d,e e")]
    [InlineData(null, null, "(−1) (+1) (−1) (+1) (−1) (+1) (−1) (+1) (−1) (+1)", "a a b b c c d d e e")]
    // 40% of 5 rounds up to 2, like 2.
    [InlineData(null, "40%", "(−2) (+2) (−2) (+2) (−1) (+1)", "a,b a,b c,d c,d e e")]
    [InlineData("100%", "0", "(+5) (−5)", "a,b,c,d,e a,b,c,d,e")]
    public void RollingUpdate_FiveNodes(string? surge, string? unavailable, string expectedCounts, string expectedNodes)
    {
        var plan = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest
        {
            Subject = Agent,
            Nodes = FiveNodes,
            MaxSurge = surge is null ? null : IntOrPercent.Parse(surge),
            MaxUnavailable = unavailable is null ? null : IntOrPercent.Parse(unavailable),
        });
        Assert.Equal(expectedCounts, Counts(plan));
        Assert.Equal(expectedNodes, NodeOrder(plan));
        Assert.Equal((0, 5), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
    }

    [Fact]
    public void RollingUpdate_Budgets_HoldInEveryStep()
    {
        var surge = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest { Subject = Agent, NodeCount = 5, MaxSurge = IntOrPercent.FromInt(2), MaxUnavailable = IntOrPercent.FromInt(0) });
        Assert.All(surge.Steps, s => Assert.True(s.MaxPods <= 7));
        Assert.All(surge.Steps, s => Assert.Equal(5, s.MinAvailable));
        var unavailable = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest { Subject = Agent, NodeCount = 5, MaxUnavailable = IntOrPercent.FromInt(2) });
        Assert.All(unavailable.Steps, s => Assert.True(s.MinAvailable >= 3));
        Assert.All(unavailable.Steps, s => Assert.True(s.MaxPods <= 5));
    }

    [Fact]
    public void NodeCount_NamesNodes_InOrdinalOrder()
    {
        var plan = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest { Subject = Agent, NodeCount = 11 });
        Assert.Equal(["node-1"], plan.Steps[0].Nodes);
        Assert.Equal(["node-10"], plan.Steps[2].Nodes);
        Assert.Equal(22, plan.Steps.Count);
        Assert.Contains(plan.Notes, n => n.Contains("random", StringComparison.Ordinal));
    }

    [Fact]
    public void Durations_OnlyCreationsCost()
    {
        var plan = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest { Subject = Agent, NodeCount = 2, Timing = new PodTiming { InitialDelaySeconds = 5 } });
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(25), TimeSpan.Zero, TimeSpan.FromSeconds(25)], plan.Steps.Select(s => s.Duration));
        Assert.Equal(TimeSpan.FromSeconds(50), plan.TotalDuration);
    }

    [Theory]
    [InlineData(UpdateStrategyType.OnDelete, 5, "OnDelete")]
    [InlineData(UpdateStrategyType.RollingUpdate, 0, "nothing to do")]
    public void NoSteps(UpdateStrategyType strategy, int nodes, string verdictStart)
    {
        var plan = DaemonSetPlanner.PlanRollout(new DaemonSetRolloutRequest { Subject = Agent, NodeCount = nodes, UpdateStrategy = strategy });
        Assert.Empty(plan.Steps);
        Assert.StartsWith(verdictStart, plan.Verdict, StringComparison.Ordinal);
    }
}
