using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>The selector each kind declares, read once per run and shared by every rule that asks.</summary>
public class ObjectSelectorTests
{
    [Theory]
    // metav1.LabelSelector at spec.selector: workload controllers, Jobs, PodDisruptionBudgets.
    [InlineData("apps/v1", "Deployment", "spec: {selector: {matchLabels: {app: web}}}", "/spec/selector", "app=web")]
    [InlineData("extensions/v1beta1", "DaemonSet", "spec: {selector: {matchLabels: {app: web}}}", "/spec/selector", "app=web")]
    [InlineData("batch/v1", "Job", "spec: {selector: {matchExpressions: [{key: app, operator: Exists}]}}", "/spec/selector", "app")]
    [InlineData("policy/v1", "PodDisruptionBudget", "spec: {selector: {}}", "/spec/selector", "<everything>")]
    // A plain map: ReplicationController and Service.
    [InlineData("v1", "Service", "spec: {selector: {app: web}}", "/spec/selector", "app=web")]
    [InlineData("v1", "ReplicationController", "spec: {replicas: 1}", null, "<none>")]
    // Elsewhere: a CronJob's job template, a NetworkPolicy's podSelector.
    [InlineData("batch/v1", "CronJob", "spec: {jobTemplate: {spec: {selector: {matchLabels: {a: b}}}}}", "/spec/jobTemplate/spec/selector", "a=b")]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", "spec: {podSelector: {matchLabels: {app: db}}}", "/spec/podSelector", "app=db")]
    public void SelectorOf_ReadsTheKindsOwnSelector(string apiVersion, string kind, string spec, string? pointer, string selector)
    {
        var set = Set($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: x}}\n{spec}\n");
        var own = set.SelectorOf(set.All[0]);

        Assert.NotNull(own);
        Assert.Equal(pointer, own.At?.Pointer);
        Assert.Equal(selector, own.Selector.ToString());
        Assert.Same(own, set.SelectorOf(set.All[0]));
    }

    [Fact]
    public void SelectorOf_KeepsTheProblems_TheAPIServerRejects()
    {
        var set = Set("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {selector: {\"a/b/c\": web}}\n");

        var own = set.SelectorOf(set.All[0])!;

        Assert.False(own.IsValid);
        Assert.Equal("/spec/selector/a~1b~1c", Assert.Single(own.Parsed.Problems).At.Pointer);
    }

    [Fact]
    public void SelectorOf_IsNull_ForKindsWithoutOne()
    {
        var set = Set("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {selector: a}\n");

        Assert.Null(set.SelectorOf(set.All[0]));
    }

    private static ManifestSet Set(string yaml) => new(new ManifestLoader().LoadText("a.yaml", yaml).Manifests);
}
