using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class PlanReportTests
{
    [Fact]
    public void Build_PlansEveryWorkload_InInputOrder_AndListsTheUnplannable()
    {
        var report = Report(null, Web, Hpa, Db, Agent);

        Assert.Equal(["Deployment/web", "StatefulSet/db", "DaemonSet/agent"], report.Entries.Select(e => e.Subject.Kind + "/" + e.Subject.Name));
        Assert.NotNull(report.Entries[0].Plan);
        Assert.NotNull(report.Entries[1].Plan);
        Assert.Null(report.Entries[2].Plan);
        Assert.Contains("--node-count", report.Entries[2].Problem, StringComparison.Ordinal);
        Assert.True(report.HasProblems);
    }

    [Fact]
    public void Build_DaemonSet_UsesNodeCount() =>
        Assert.False(Report(new PlanRequest { Options = new PlanningOptions { NodeCount = 4 } }, Agent).HasProblems);

    [Fact]
    public void Build_DaemonSet_UsesNodeObjectsOfTheInput()
    {
        const string nodes = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n2}";

        var plan = Report(null, Agent, nodes).Entries.Single().Plan;

        Assert.NotNull(plan);
        Assert.Equal(2, plan.Parameters.Replicas);
    }

    [Fact]
    public void Build_UnreadableDocument_IsAnInputProblem()
    {
        var report = Report(null, Web, "kind: [");

        Assert.Single(report.InputProblems);
        Assert.True(report.HasProblems);
    }

    [Fact]
    public void Build_Scale_PlansOnlyTheNamedWorkloads()
    {
        var report = Report(new PlanRequest { Scale = [ScaleRequest.Parse("sts/db=5")] }, Web, Db);

        var plan = Assert.Single(report.Plans);
        Assert.Equal("db", plan.Subject.Name);
        Assert.Equal("Scale", plan.Strategy);
        Assert.Equal((3, 5), (plan.Parameters.FromReplicas, plan.Parameters.Replicas));
    }

    [Theory]
    // A name that matches nothing, in any namespace or the one given, is the caller's mistake.
    [InlineData("deploy/nope=3", "no Deployment")]
    [InlineData("deploy/prod/web=3", "no Deployment")]
    [InlineData("sts/web=3", "no StatefulSet")]
    public void Build_Scale_UnknownTarget_Throws(string scale, string message)
    {
        var e = Assert.Throws<PlanRequestException>(() => Report(new PlanRequest { Scale = [ScaleRequest.Parse(scale)] }, Web, Db));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Scale_SameWorkloadTwice_Throws() =>
        Assert.Throws<PlanRequestException>(() => Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=3"), ScaleRequest.Parse("deployment/shop/web=4")] }, Web));

    [Fact]
    public void Build_Scale_SameNameInTwoNamespaces_NeedsTheNamespace()
    {
        var other = Web.Replace("namespace: shop", "namespace: prod", StringComparison.Ordinal);

        Assert.Throws<PlanRequestException>(() => Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=3")] }, Web, other));
        Assert.Equal("prod", Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/prod/web=3")] }, Web, other).Plans.Single().Subject.Namespace);
        Assert.Equal("prod", Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=3")], Namespace = "prod" }, Web, other).Plans.Single().Subject.Namespace);
    }

    [Theory]
    // HPA 4–12 (spec.minReplicas / spec.maxReplicas): the autoscaler pulls a manual resize back into range.
    [InlineData(2, "below its minReplicas, so the autoscaler scales it back up to 4")]
    [InlineData(20, "above its maxReplicas, so the autoscaler scales it back down to 12")]
    [InlineData(8, "within its bounds")]
    public void Build_Scale_NotesTheBoundTheAutoscalerEnforces(int replicas, string expected)
    {
        var plan = Report(new PlanRequest { Scale = [ScaleRequest.Parse($"deploy/web={replicas}")] }, Web, Hpa).Plans.Single();

        Assert.StartsWith("HorizontalPodAutoscaler web-hpa", plan.Notes[0], StringComparison.Ordinal);
        Assert.Contains(expected, plan.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Scale_WithoutAutoscaler_HasNoAutoscalerNote() =>
        Assert.DoesNotContain(Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=2")] }, Web).Plans.Single().Notes, n => n.Contains("HorizontalPodAutoscaler", StringComparison.Ordinal));

    [Theory]
    // minReplicas defaults to 1; maxReplicas is required by the API but may be missing from a draft.
    [InlineData(0, 1, 5, 1)]
    [InlineData(3, 1, 5, 3)]
    [InlineData(9, 1, 5, 5)]
    [InlineData(9, 2, null, 9)]
    public void AutoscalerBounds_Enforced(int replicas, int min, int? max, int expected) =>
        Assert.Equal(expected, new AutoscalerBounds("hpa", min, max).Enforced(replicas));
}
