using FsCheck;
using FsCheck.Xunit;
using KubePlan.Planning;

namespace KubePlan.Core.Tests.Planning;

/// <summary>Invariants every plan must keep, for every valid input (bounded so the suite stays fast).</summary>
public class PlanPropertyTests
{
    private static readonly PlanSubject Subject = new("apps/v1", "Deployment", "default", "web");

    /// <summary>A budget: an integer up to 12, or a percentage up to 100, picked by the seed.</summary>
    private static IntOrPercent Budget(int seed) =>
        seed % 2 == 0 ? IntOrPercent.FromInt(seed / 2 % 13) : IntOrPercent.FromPercent(seed / 2 % 101);

    [Property(MaxTest = 300)]
    public void Deployment_RollingUpdate_StaysWithinBudgets_AndFinishes(NonNegativeInt r, NonNegativeInt s, NonNegativeInt u)
    {
        var replicas = r.Get % 201;
        var surge = Budget(s.Get);
        var unavailable = Budget(u.Get);
        var fence = DeploymentFenceposts.Resolve(surge, unavailable, replicas);
        var maxUnavailable = DeploymentFenceposts.MaxUnavailableOf(DeploymentStrategyType.RollingUpdate, surge, unavailable, replicas);

        var plan = DeploymentPlanner.PlanRollingUpdate(new DeploymentRolloutRequest { Subject = Subject, Replicas = replicas, MaxSurge = surge, MaxUnavailable = unavailable });

        Assert.NotEmpty(plan.Steps);
        Assert.True(plan.Steps.Count <= (2 * replicas) + 2, $"{plan.Steps.Count} waves for {replicas} replicas");
        Assert.All(plan.Steps, step => Assert.True(step.MaxPods <= replicas + fence.MaxSurge, $"{step.MaxPods} pods > {replicas} + {fence.MaxSurge}"));

        // The most pods of a wave is at least what it ends with (regression: a wave that only
        // created the new ReplicaSet reported the pods it started with).
        Assert.All(plan.Steps, step => Assert.True(step.MaxPods >= step.OldReplicas + step.NewReplicas, $"wave {step.Step}: {step.MaxPods} < {step.OldReplicas} + {step.NewReplicas}"));
        Assert.All(plan.Steps, step => Assert.True(step.MinAvailable >= replicas - maxUnavailable, $"{step.MinAvailable} available < {replicas} − {maxUnavailable}"));
        Assert.Equal((0, replicas), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
    }

    [Property(MaxTest = 300)]
    public void Deployment_RollingUpdate_WithResize_Finishes(NonNegativeInt r, NonNegativeInt f, NonNegativeInt s, NonNegativeInt u)
    {
        var replicas = r.Get % 201;
        var from = f.Get % 201;
        var surge = Budget(s.Get);
        var unavailable = Budget(u.Get);
        var fence = DeploymentFenceposts.Resolve(surge, unavailable, replicas);

        var plan = DeploymentPlanner.PlanRollingUpdate(new DeploymentRolloutRequest { Subject = Subject, Replicas = replicas, FromReplicas = from, MaxSurge = surge, MaxUnavailable = unavailable });

        Assert.Equal((0, replicas), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
        Assert.All(plan.Steps, step => Assert.True(step.MaxPods <= Math.Max(from, replicas + fence.MaxSurge)));
    }

    [Property(MaxTest = 200)]
    public void Deployment_Recreate_Finishes_WithAZeroAvailableWindow(NonNegativeInt r, NonNegativeInt f)
    {
        var replicas = (r.Get % 200) + 1;
        var from = (f.Get % 200) + 1;
        var plan = DeploymentPlanner.PlanRecreate(new DeploymentRolloutRequest { Subject = Subject, Replicas = replicas, FromReplicas = from });
        Assert.Equal((0, replicas), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
        Assert.Equal(0, plan.Steps[^1].MinAvailable);
    }

    [Property(MaxTest = 200)]
    public void StatefulSet_RollingUpdate_RespectsBudgetAndPartition(NonNegativeInt r, NonNegativeInt p, NonNegativeInt m, bool gate, bool parallel)
    {
        var replicas = r.Get % 41;
        var partition = p.Get % 45;
        var maxUnavailable = IntOrPercent.FromInt((m.Get % 6) + 1);
        var budget = gate ? StatefulSetBudgets.MaxUnavailable(maxUnavailable, replicas) : 1;

        var plan = StatefulSetPlanner.PlanRollout(new StatefulSetRolloutRequest
        {
            Subject = Subject with { Kind = "StatefulSet" },
            Replicas = replicas,
            Partition = partition,
            MaxUnavailable = maxUnavailable,
            MaxUnavailableGateEnabled = gate,
            PodManagementPolicy = parallel ? PodManagementPolicy.Parallel : PodManagementPolicy.OrderedReady,
        });

        var updated = Math.Max(0, replicas - partition);
        // One delete pass per batch of `budget` pods, highest index first.
        Assert.Equal((updated + budget - 1) / budget, plan.Steps.Count(s => s.Action == StepActions.Delete));
        Assert.All(plan.Steps, s => Assert.True(s.MinAvailable >= replicas - budget));
        Assert.All(plan.Steps, s => Assert.True(s.MaxPods <= replicas));
        Assert.All(plan.Steps.SelectMany(s => s.Ordinals!), o => Assert.InRange(o, partition, replicas - 1));
        if (plan.Steps.Count > 0)
        {
            Assert.Equal(updated, plan.Steps[^1].NewReplicas);
        }
    }

    [Property(MaxTest = 200)]
    public void StatefulSet_Scale_EndsAtTheNewSize(NonNegativeInt f, NonNegativeInt r, NonNegativeInt s, bool parallel)
    {
        var from = f.Get % 60;
        var replicas = r.Get % 60;
        var start = s.Get % 5;
        var plan = StatefulSetPlanner.PlanScale(new StatefulSetRolloutRequest
        {
            Subject = Subject with { Kind = "StatefulSet" },
            Replicas = replicas,
            FromReplicas = from,
            OrdinalsStart = start,
            PodManagementPolicy = parallel ? PodManagementPolicy.Parallel : PodManagementPolicy.OrderedReady,
        });
        var touched = plan.Steps.SelectMany(st => st.Ordinals!).ToList();
        Assert.Equal(Math.Abs(replicas - from), touched.Count);
        Assert.All(touched, o => Assert.InRange(o, start + Math.Min(from, replicas), start + Math.Max(from, replicas) - 1));
        Assert.Equal(parallel ? Math.Min(1, touched.Count) : touched.Count, plan.Steps.Count);
        if (plan.Steps.Count > 0)
        {
            Assert.Equal(replicas, plan.Steps[^1].NewReplicas);
        }
    }

    [Property(MaxTest = 200)]
    public void DaemonSet_RollingUpdate_StaysWithinBudgets_AndFinishes(NonNegativeInt n, NonNegativeInt b, bool surge)
    {
        var nodes = (n.Get % 200) + 1;
        var value = Budget(b.Get);
        var request = new DaemonSetRolloutRequest
        {
            Subject = Subject with { Kind = "DaemonSet" },
            NodeCount = nodes,
            MaxSurge = surge ? value : IntOrPercent.FromInt(0),
            MaxUnavailable = surge ? IntOrPercent.FromInt(0) : value,
        };
        var budgets = DaemonSetBudgets.Resolve(request.MaxSurge, request.MaxUnavailable, nodes);

        var plan = DaemonSetPlanner.PlanRollout(request);

        Assert.Equal((0, nodes), (plan.Steps[^1].OldReplicas, plan.Steps[^1].NewReplicas));
        Assert.All(plan.Steps, s => Assert.True(s.MaxPods <= nodes + budgets.MaxSurge));
        Assert.All(plan.Steps, s => Assert.True(s.MinAvailable >= nodes - budgets.MaxUnavailable));
        Assert.Equal(nodes, plan.Steps.SelectMany(s => s.Actions).Where(a => a.StartsWith("create", StringComparison.Ordinal)).Sum(a => a.Split(", ").Length));
    }
}
