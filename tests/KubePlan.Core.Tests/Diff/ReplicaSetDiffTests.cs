using KubePlan.Diff;

namespace KubePlan.Core.Tests.Diff;

/// <summary>A ReplicaSet or ReplicationController in a diff: a template change replaces no pod; a resize is planned.</summary>
public sealed class ReplicaSetDiffTests
{
    private const string Rc = """
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: legacy}
        spec:
          replicas: 3
          template:
            metadata: {labels: {app: legacy}}
            spec:
              containers: [{name: legacy, image: "legacy:1.0"}]
        """;

    private static readonly RolloutPlannerAdapter Planner = new();

    [Fact]
    public void TemplateChange_IsAnUpdate_WithTheOnDeletePlan()
    {
        var change = Assert.Single(DiffTestSupport.Diff(Rc, Rc.Replace("legacy:1.0", "legacy:1.1", StringComparison.Ordinal), Planner).Changes);

        Assert.Equal([Impact.Update], change.Impacts);
        Assert.Equal("OnDelete", (string?)change.Plan!.Json["strategy"]);
        Assert.Contains("no running pod is replaced; only pods created later get the new template", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplicasChange_IsAScaleWithItsPlan()
    {
        var change = Assert.Single(DiffTestSupport.Diff(Rc, Rc.Replace("replicas: 3", "replicas: 5", StringComparison.Ordinal), Planner).Changes);

        Assert.Equal([Impact.Scale], change.Impacts);
        Assert.Equal("create 2 pods", (string?)change.Plan!.Json["steps"]![0]!["actions"]![0]);
    }
}
