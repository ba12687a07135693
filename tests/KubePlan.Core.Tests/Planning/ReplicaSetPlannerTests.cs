using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning;

public class ReplicaSetPlannerTests
{
    private const string Rs = """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 4
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0"}]
        """;

    private const string Rc = """
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: legacy, namespace: shop}
        spec:
          replicas: 3
          template:
            metadata: {labels: {app: legacy}}
            spec:
              containers: [{name: legacy, image: "legacy:1.0"}]
        """;

    private static readonly DateTimeOffset Now = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);

    private static string Pod(string name, string node = "n1", string phase = "Running", bool ready = true, string readySince = "2026-03-06T10:00:00Z", int cost = 0, int restarts = 0, string created = "2026-03-06T09:00:00Z", string app = "web") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: shop
          uid: uid-{{name}}
          labels: {app: {{app}}}
          creationTimestamp: "{{created}}"
          annotations: {controller.kubernetes.io/pod-deletion-cost: "{{cost}}"}
        spec:
          nodeName: "{{node}}"
          containers: [{name: web, image: "web:1.0"}]
        status:
          phase: {{phase}}
          conditions: [{type: Ready, status: "{{(ready ? "True" : "False")}}", lastTransitionTime: "{{readySince}}"}]
          containerStatuses: [{name: web, restartCount: {{restarts}}}]
        """;

    private static RolloutPlan Plan(PlanRequest? request, params string[] docs) => Assert.Single(Report(request, docs).Entries).Plan!;

    private static PlanRequest Scale(string target) => new() { Scale = [ScaleRequest.Parse(target)], Options = new PlanningOptions { Now = Now } };

    [Theory]
    // replica_set.go manageReplicas only counts pods; the ReplicationController runs the same controller.
    [InlineData(Rs, "web", 4)]
    [InlineData(Rc, "legacy", 3)]
    public void TemplateChange_IsOnDelete_WithNoWaves(string yaml, string name, int replicas)
    {
        var plan = Plan(null, yaml);

        Assert.Equal("OnDelete", plan.Strategy);
        Assert.Empty(plan.Steps);
        Assert.StartsWith("OnDelete: no running pod is replaced; only pods created later (after a delete or a scale-up) get the new template", plan.Verdict, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.StartsWith("Use a Deployment instead", StringComparison.Ordinal));
        Assert.Equal(replicas, plan.Parameters.Replicas);
        Assert.Equal(name, plan.Subject.Name);
        Assert.Contains("an OnDelete update of", PlanText.Summary(plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rs/web=6", 4, 6, "create 2 pods")]
    [InlineData("replicaset/web=1", 4, 1, "delete 3 pods")]
    [InlineData("rc/legacy=5", 3, 5, "create 2 pods")]
    [InlineData("replicationcontrollers/shop/legacy=0", 3, 0, "delete 3 pods")]
    public void Scale_CreatesOrDeletesTheDifferenceInOneStep(string target, int from, int to, string action)
    {
        var plan = Plan(Scale(target), Rs, Rc);

        Assert.Equal("Scale", plan.Strategy);
        Assert.Equal(from, plan.Parameters.FromReplicas);
        Assert.Equal(to, plan.Parameters.Replicas);
        var step = Assert.Single(plan.Steps);
        Assert.StartsWith(action, step.Actions[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleDown_WithoutPods_ExplainsTheRanking() =>
        Assert.Contains(Plan(Scale("rs/web=2"), Rs).Notes, n => n.Contains("unscheduled before scheduled; Pending before Unknown before Running", StringComparison.Ordinal));

    [Theory]
    // controller_utils.go ActivePodsWithRanks.Less, one criterion per row: the first pod named goes first.
    [InlineData("node:", "a", "b")] // 1. unassigned before assigned
    [InlineData("phase:Pending", "a", "b")] // 2. Pending before Running
    [InlineData("phase:Unknown", "a", "b")] // 2. Unknown before Running
    [InlineData("ready:false", "a", "b")] // 3. not ready before ready
    [InlineData("cost:-5", "a", "b")] // 4. lower deletion cost first
    [InlineData("doubled", "a", "b")] // 5. more of the controller's pods on the node first
    [InlineData("readySince:2026-03-06T11:59:00Z", "a", "b")] // 6. more recently ready first (log2 buckets)
    [InlineData("restarts:4", "a", "b")] // 7. more restarts first
    [InlineData("created:2026-03-06T11:30:00Z", "a", "b")] // 8. newer first
    public void ScaleDown_DeletesInTheControllersRanking(string twist, string first, string second)
    {
        var key = twist.Split(':')[0];
        var value = twist.Contains(':', StringComparison.Ordinal) ? twist.Split(':', 2)[1] : string.Empty;
        var a = key switch
        {
            "node" => Pod("a", node: value),
            "phase" => Pod("a", phase: value, ready: false),
            "ready" => Pod("a", ready: false),
            "cost" => Pod("a", cost: int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            "doubled" => Pod("a", node: "n2"),
            "readySince" => Pod("a", readySince: value),
            "restarts" => Pod("a", restarts: 4),
            "created" => Pod("a", created: value),
            _ => throw new ArgumentException(twist),
        };
        // b on n1 alone, c and d elsewhere so that "doubled" puts a beside a sibling on n2.
        var b = Pod("b", node: "n1");
        var c = Pod("c", node: "n2", phase: "Running", cost: 100);
        var plan = Plan(Scale("rs/web=1"), Rs, b, a, c);

        var step = Assert.Single(plan.Steps);
        Assert.Equal($"delete 2 pods: {first}, {second}", step.Actions[0]);
    }

    [Fact]
    public void ScaleDown_CountsOnlyActivePods_OfItsSelector()
    {
        var plan = Plan(Scale("rs/web=1"), Rs, Pod("a"), Pod("b", phase: "Succeeded"), Pod("x", app: "other"), Pod("c", created: "2026-03-06T11:00:00Z"));

        Assert.Equal(2, plan.Parameters.FromReplicas);
        Assert.Equal("delete 1 pod: c", plan.Steps[0].Actions[0]);
    }
}
