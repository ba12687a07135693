using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>The run's index of pod-running objects by namespace and template label, and the repeat-free view.</summary>
public class PodTemplateIndexTests
{
    private const string Input = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web, tier: front}}
            spec: {containers: [{name: web, image: web:1}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web, tier: front}}
            spec: {containers: [{name: web, image: web:1}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: report, tier: back}}
                spec: {restartPolicy: OnFailure, containers: [{name: r, image: r:1}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: other, labels: {app: web}}
        spec: {containers: [{name: d, image: d:1}]}
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: tpl, namespace: shop}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: t, image: t:1}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        """;

    private static ManifestSet Set() => new(new ManifestLoader().LoadText("a.yaml", Input).Manifests);

    private static LabelSelector Selector(params (string Key, SelectorOperator Op, string[] Values)[] requirements) =>
        LabelSelector.Of(requirements.Select(r => new LabelRequirement(r.Key, r.Op, r.Values)));

    [Fact]
    public void Unique_DropsTheSecondDefinitionOfAnIdentity()
    {
        var set = Set();
        Assert.Equal(6, set.All.Count);
        Assert.Equal(5, set.Unique.Count);
        Assert.True(set.IsRepeat(set.All[1]));
        Assert.False(set.IsRepeat(set.All[0]));
    }

    [Fact]
    public void InNamespace_HoldsThePodRunningObjectsOnce_WithoutPodTemplates()
    {
        var names = Set().PodTemplates.InNamespace("shop").Select(m => m.Kind + "/" + m.Name);
        Assert.Equal(["Deployment/web", "CronJob/report"], names);
    }

    [Theory]
    [InlineData("app", SelectorOperator.Equals, new[] { "web" }, "Deployment/web")]
    [InlineData("tier", SelectorOperator.In, new[] { "front", "back" }, "Deployment/web CronJob/report")]
    [InlineData("tier", SelectorOperator.NotIn, new[] { "front" }, "CronJob/report")]
    [InlineData("app", SelectorOperator.Exists, new string[0], "Deployment/web CronJob/report")]
    [InlineData("app", SelectorOperator.Equals, new[] { "nothing" }, "")]
    public void Selected_MatchesTemplateLabels_InTheNamespaceOnly(string key, SelectorOperator op, string[] values, string expected)
    {
        var selected = Set().PodTemplates.Selected("shop", Selector((key, op, values)));
        Assert.Equal(expected, string.Join(" ", selected.Select(m => m.Kind + "/" + m.Name)));
    }

    [Fact]
    public void Selected_EmptySelectsEverything_NilNothing()
    {
        var index = Set().PodTemplates;
        Assert.Equal(2, index.Selected("shop", LabelSelector.Everything).Count);
        Assert.Empty(index.Selected("shop", LabelSelector.Nothing));
        Assert.Single(index.Selected("other", Selector(("app", SelectorOperator.Equals, ["web"]))));
    }
}
