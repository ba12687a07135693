using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>Positions and wording of the selector and scheduling rules, beyond what the fixtures pin.</summary>
public sealed class SelectorsAndSchedulingRuleTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: website
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        """;

    [Fact]
    public void SelectorMismatch_PointsAtTheSelector_AndNamesTheTemplateLabels()
    {
        var finding = Assert.Single(RuleHarness.Findings(Deployment, RuleIds.SelectorMismatch));
        Assert.Equal((6, 3), (finding.Line, finding.Column));
        Assert.Equal("/spec/selector", finding.Path);
        Assert.Contains("(app=website)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectorOverlap_IgnoresAReplicaSetOwnedByADeployment()
    {
        // kubectl get -o yaml dumps include the Deployment's own ReplicaSets; they overlap by design.
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-5d4f8
              ownerReferences:
                - apiVersion: apps/v1
                  kind: Deployment
                  name: web
                  uid: 1b2c
                  controller: true
            spec:
              selector:
                matchLabels:
                  app: web
                  pod-template-hash: 5d4f8
              template:
                metadata:
                  labels:
                    app: web
                    pod-template-hash: 5d4f8
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
            """;
        Assert.Empty(RuleHarness.Findings(yaml, RuleIds.SelectorOverlap));
    }

    [Fact]
    public void SelectorOverlap_OneFindingPerController_NamingTheOthers()
    {
        // Real-world corpus: copies of one app gave one finding per pair, and an object defined
        // twice overlapped itself ("Deployment/x and Deployment/x overlap").
        var copies = string.Join("---\n", new[] { "a", "b", "c", "a" }.Select(name => $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: {{{name}}}}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx:1.27}]}

            """));
        var findings = RuleHarness.Findings(copies, RuleIds.SelectorOverlap);
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Contains("overlaps with 2 other controllers", f.Message, StringComparison.Ordinal));
        Assert.Matches(@"^Deployment/a overlaps with 2 other controllers: Deployment/b \(test\.yaml:\d+\), Deployment/c \(test\.yaml:\d+\): ", findings[0].Message);
        Assert.Equal(3, findings.Select(f => f.Line).Distinct().Count());
    }

    [Fact]
    public void NoFeasibleNode_GroupsNodesByReason()
    {
        const string nodes = """
            apiVersion: v1
            kind: Node
            metadata: {name: gpu-1, labels: {pool: gpu}}
            spec: {taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: gpu-2, labels: {pool: gpu}}
            spec: {taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: gpu-3, labels: {pool: gpu}}
            spec: {taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]}
            """;
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: trainer
            spec:
              containers:
                - name: t
                  image: t:1
            """;
        var finding = Assert.Single(RuleHarness.Lint(pod, nodesYaml: nodes).Diagnostics, d => d.RuleId == RuleIds.NoFeasibleNode);
        Assert.Contains("3 nodes (pool=gpu): taint nvidia.com/gpu=true:NoSchedule is not tolerated", finding.Message, StringComparison.Ordinal);
        Assert.Equal(5, finding.Line);
    }

    [Fact]
    public void SchedulingRules_AreSilentWithoutAnInventory()
    {
        var diagnostics = RuleHarness.Lint(Deployment).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.RuleId is RuleIds.NoFeasibleNode or RuleIds.DaemonSetNodeGap);
    }
}
