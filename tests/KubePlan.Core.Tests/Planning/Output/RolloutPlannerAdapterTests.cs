using KubePlan.Diff;
using KubePlan.Manifests;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class RolloutPlannerAdapterTests
{
    private static readonly RolloutPlannerAdapter Adapter = new();

    private static (Manifest Workload, ManifestSet Set) Side(params string[] documents)
    {
        var load = Load(documents);
        return (load.Manifests[0], new ManifestSet(load.Manifests));
    }

    [Fact]
    public void PlanRollout_SameReplicas_IsTheWorkedExample()
    {
        var (old, _) = Side(Web);
        var (@new, set) = Side(Web.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        var plan = Adapter.PlanRollout(old, @new, set);

        Assert.NotNull(plan);
        Assert.Equal(3, plan.Waves);
        Assert.Equal("a rolling update of 10 replicas in 3 waves, about 20s", plan.Summary);
        Assert.Equal("replicas 10, maxSurge 3, maxUnavailable 2", plan.TextLines[0]);
        Assert.StartsWith("wave  old  new", plan.TextLines[1], StringComparison.Ordinal);
        Assert.Equal(5, plan.TextLines.Count);
        Assert.DoesNotContain(plan.TextLines, l => l.Contains('\u001b', StringComparison.Ordinal));
        Assert.Equal(3, plan.Json["steps"]!.AsArray().Count);
        Assert.Contains("| wave | actions |", plan.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanRollout_ReplicasChangeToo_StartsFromTheOldCount()
    {
        var (old, _) = Side(Web.Replace("replicas: 10", "replicas: 6", StringComparison.Ordinal));
        var (@new, set) = Side(Web.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        var plan = Adapter.PlanRollout(old, @new, set)!;

        Assert.Equal(6, (int)plan.Json["parameters"]!["fromReplicas"]!);
        Assert.StartsWith("resize:", (string?)plan.Json["steps"]![0]!["actions"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public void PlanRollout_NewWorkload_StartsFromNoPods()
    {
        var (@new, set) = Side(Web);

        Assert.Equal(0, (int)Adapter.PlanRollout(null, @new, set)!.Json["parameters"]!["fromReplicas"]!);
    }

    [Fact]
    public void PlanRollout_DaemonSet_UsesTheNodesOfTheNewSide()
    {
        var (@new, set) = Side(Agent, "apiVersion: v1\nkind: Node\nmetadata: {name: n1}");
        var (alone, bare) = Side(Agent);

        Assert.Equal(1, (int)Adapter.PlanRollout(null, @new, set)!.Json["parameters"]!["replicas"]!);
        Assert.Null(Adapter.PlanRollout(null, alone, bare));
    }

    [Fact]
    public void PlanScale_ResizesFromOldToNew_WithTheAutoscalerBound()
    {
        var (old, _) = Side(Web);
        var (@new, set) = Side(Web.Replace("replicas: 10", "replicas: 20", StringComparison.Ordinal), Hpa);

        var plan = Adapter.PlanScale(old, @new, set)!;

        Assert.StartsWith("a resize from 10 to 20 replicas in 1 wave, about ", plan.Summary, StringComparison.Ordinal);
        Assert.Contains("scales it back down to 12", (string?)plan.Json["notes"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public void PlanRollout_NotAWorkload_IsNull()
    {
        var (hpa, set) = Side(Hpa);

        Assert.Null(Adapter.PlanRollout(null, hpa, set));
    }
}
