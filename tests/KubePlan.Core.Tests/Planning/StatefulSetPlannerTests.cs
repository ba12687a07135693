using KubePlan.Planning;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Planning;

public class StatefulSetPlannerTests
{
    private static readonly PlanSubject Db = new("apps/v1", "StatefulSet", "default", "db");

    private static StatefulSetRolloutRequest Request(int replicas, int? from = null) => new() { Subject = Db, Replicas = replicas, FromReplicas = from };

    /// <summary>Steps as "delete 4,3 · create 3 · …".</summary>
    private static string Order(RolloutPlan plan) =>
        string.Join(" · ", plan.Steps.Select(s => $"{s.Action} {string.Join(",", s.Ordinals!)}"));

    [Theory]
    // statefulSetUpdateOrder (SEMANTICS §4.2): 5 replicas, OrderedReady.
    [InlineData(true, "2", 0, 0, "delete 4,3 · create 3 · create 4 · delete 2,1 · create 1 · create 2 · delete 0 · create 0")]
    [InlineData(false, "2", 0, 0, "delete 4 · create 4 · delete 3 · create 3 · delete 2 · create 2 · delete 1 · create 1 · delete 0 · create 0")]
    [InlineData(false, null, 2, 0, "delete 4 · create 4 · delete 3 · create 3 · delete 2 · create 2")]
    [InlineData(true, "2", 2, 0, "delete 4,3 · create 3 · create 4 · delete 2 · create 2")]
    [InlineData(true, "40%", 0, 0, "delete 4,3 · create 3 · create 4 · delete 2,1 · create 1 · create 2 · delete 0 · create 0")]
    [InlineData(true, null, 3, 0, "delete 4 · create 4 · delete 3 · create 3")]
    // partition ≥ replicas updates nothing.
    [InlineData(false, null, 5, 0, "")]
    // ordinals.start 10: pods db-10..db-14; partition 2 applies to the index, so db-12..db-14 are updated.
    [InlineData(false, null, 2, 10, "delete 14 · create 14 · delete 13 · create 13 · delete 12 · create 12")]
    [InlineData(true, "2", 0, 10, "delete 14,13 · create 13 · create 14 · delete 12,11 · create 11 · create 12 · delete 10 · create 10")]
    public void RollingUpdate_OrderedReady(bool gate, string? maxUnavailable, int partition, int start, string expected)
    {
        var plan = StatefulSetPlanner.PlanRollout(Request(5) with
        {
            MaxUnavailableGateEnabled = gate,
            MaxUnavailable = maxUnavailable is null ? null : IntOrPercent.Parse(maxUnavailable),
            Partition = partition,
            OrdinalsStart = start,
        });
        Assert.Equal(expected, Order(plan));
        if (plan.Steps.Count > 0)
        {
            Assert.Equal(5 - Math.Min(partition, 5), plan.Steps[^1].NewReplicas);
        }
    }

    [Theory]
    // statefulSetUpdateOrder, Parallel: pods are created together, deletions still wait for the budget.
    [InlineData(true, "2", "delete 4,3 · create 3,4 · delete 2,1 · create 1,2 · delete 0 · create 0")]
    [InlineData(false, null, "delete 4 · create 4 · delete 3 · create 3 · delete 2 · create 2 · delete 1 · create 1 · delete 0 · create 0")]
    public void RollingUpdate_Parallel(bool gate, string? maxUnavailable, string expected)
    {
        var plan = StatefulSetPlanner.PlanRollout(Request(5) with
        {
            PodManagementPolicy = PodManagementPolicy.Parallel,
            MaxUnavailableGateEnabled = gate,
            MaxUnavailable = maxUnavailable is null ? null : IntOrPercent.Parse(maxUnavailable),
        });
        Assert.Equal(expected, Order(plan));
    }

    [Theory]
    // statefulSetScaleOrder (SEMANTICS §4.2): OrderedReady one ordinal per step; Parallel all at once.
    [InlineData(PodManagementPolicy.OrderedReady, 0, 3, 0, "create 0 · create 1 · create 2")]
    [InlineData(PodManagementPolicy.OrderedReady, 5, 2, 0, "delete 4 · delete 3 · delete 2")]
    [InlineData(PodManagementPolicy.OrderedReady, 2, 4, 5, "create 7 · create 8")]
    [InlineData(PodManagementPolicy.OrderedReady, 4, 2, 5, "delete 8 · delete 7")]
    [InlineData(PodManagementPolicy.Parallel, 0, 3, 0, "create 0,1,2")]
    [InlineData(PodManagementPolicy.Parallel, 5, 2, 0, "delete 4,3,2")]
    [InlineData(PodManagementPolicy.OrderedReady, 3, 3, 0, "")]
    public void Scale(PodManagementPolicy policy, int from, int to, int start, string expected)
    {
        var plan = StatefulSetPlanner.PlanScale(Request(to, from) with { PodManagementPolicy = policy, OrdinalsStart = start });
        Assert.Equal(expected, Order(plan));
        Assert.Equal("Scale", plan.Strategy);
    }

    [Fact]
    public void Scale_OrderedReady_Durations()
    {
        var timing = new PodTiming { MinReadySeconds = 5 };
        var up = StatefulSetPlanner.PlanScale(Request(3, 0) with { Timing = timing });
        Assert.All(up.Steps, s => Assert.Equal(TimeSpan.FromSeconds(25), s.Duration));
        var down = StatefulSetPlanner.PlanScale(Request(1, 3) with { Timing = timing });
        Assert.All(down.Steps, s => Assert.Equal(TimeSpan.FromSeconds(30), s.Duration));
        var parallelDown = StatefulSetPlanner.PlanScale(Request(1, 3) with { Timing = timing, PodManagementPolicy = PodManagementPolicy.Parallel });
        Assert.Equal(TimeSpan.Zero, parallelDown.TotalDuration);
    }

    [Fact]
    public void RollingUpdate_WithScaleUp_ScalesFirstAtTheUpdateRevision()
    {
        // Scaling precedes updating; missing pods at index ≥ partition are created at the update revision.
        var plan = StatefulSetPlanner.PlanRollout(Request(4, 2));
        Assert.Equal("create 2 · create 3 · delete 1 · create 1 · delete 0 · create 0", Order(plan));
    }

    [Fact]
    public void RollingUpdate_WithScaleDown_DeletesCondemnedFirst()
    {
        var plan = StatefulSetPlanner.PlanRollout(Request(2, 4));
        Assert.Equal("delete 3 · delete 2 · delete 1 · create 1 · delete 0 · create 0", Order(plan));
    }

    [Fact]
    public void OnDelete_NoStepsAndANote()
    {
        var plan = StatefulSetPlanner.PlanRollout(Request(5) with { UpdateStrategy = UpdateStrategyType.OnDelete });
        Assert.Empty(plan.Steps);
        Assert.Equal("OnDelete", plan.Strategy);
        Assert.Contains(plan.Notes, n => n.Contains("OnDelete", StringComparison.Ordinal));
    }

    [Fact]
    public void GateOff_IgnoresMaxUnavailable_AndSaysSo()
    {
        var gate = FeatureGates.MaxUnavailableStatefulSet(KubernetesVersion.Parse("1.36"));
        var plan = StatefulSetPlanner.PlanRollout(Request(3) with
        {
            MaxUnavailable = IntOrPercent.FromInt(2),
            MaxUnavailableGateEnabled = gate.Enabled,
            GateNote = gate.Note,
        });
        Assert.Equal(6, plan.Steps.Count);
        Assert.Contains(plan.Notes, n => n.StartsWith("maxUnavailable is ignored", StringComparison.Ordinal));
        Assert.Contains(gate.Note, plan.Notes);
        Assert.Null(plan.Parameters.MaxUnavailable);
    }
}
