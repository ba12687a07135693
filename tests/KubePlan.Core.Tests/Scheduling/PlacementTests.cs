using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Scheduling;

public sealed class PlacementTests
{
    private const string ControlPlaneTaint = "[{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]";

    [Theory]
    // The scheduler's filters that manifests decide: NodeName, NodeAffinity (nodeSelector + required affinity),
    // NodeUnschedulable, TaintToleration (NoSchedule and NoExecute; PreferNoSchedule only scores).
    [InlineData("{}", "", "[]", false, null)]
    [InlineData("{nodeSelector: {disktype: ssd}}", "disktype=hdd", "[]", false, "nodeSelector disktype=ssd does not match (node has disktype=hdd)")]
    [InlineData("{nodeSelector: {disktype: ssd}}", "", "[]", false, "nodeSelector disktype=ssd does not match (node has no disktype label)")]
    [InlineData("{}", "", ControlPlaneTaint, false, "taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated")]
    [InlineData("{}", "", "[{key: a, value: b, effect: PreferNoSchedule}]", false, null)]
    [InlineData("{}", "", "[{key: a, value: b, effect: NoExecute}]", false, "taint a=b:NoExecute is not tolerated")]
    [InlineData("{tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists}]}", "", ControlPlaneTaint, false, null)]
    [InlineData("{}", "", "[]", true, "node is cordoned (spec.unschedulable) and node.kubernetes.io/unschedulable:NoSchedule is not tolerated")]
    [InlineData("{tolerations: [{key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}]}", "", "[]", true, null)]
    [InlineData("{nodeName: other}", "", "[]", false, "nodeName pins the pod to other")]
    // A pod with nodeName skips the scheduler: NoSchedule taints and cordons do not stop it, NoExecute still evicts it.
    [InlineData("{nodeName: node-1}", "", ControlPlaneTaint, true, null)]
    [InlineData("{nodeName: node-1}", "", "[{key: a, effect: NoExecute}]", false, "taint a:NoExecute is not tolerated")]
    public void Evaluate_GivesTheReason(string podSpec, string labels, string taints, bool unschedulable, string? reason)
    {
        var verdict = PodPlacement.Evaluate(Yaml.PodSpec(podSpec), Yaml.Node("node-1", labels, taints, unschedulable));
        Assert.Equal(reason is null, verdict.Fits);
        if (reason is not null)
        {
            Assert.Equal(reason, verdict.Explanation);
        }
    }

    [Theory]
    // daemon_controller_test.go TestNodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning).
    [InlineData("{}", "", "[]", false, true, true)]
    [InlineData("{nodeSelector: {disktype: ssd}}", "disktype=hdd", "[]", false, false, false)]
    [InlineData("{nodeSelector: {disktype: ssd}}", "disktype=ssd", "[]", false, true, true)]
    [InlineData("{affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: type, operator: In, values: [production]}]}]}}}}", "type=test", "[]", false, false, false)]
    [InlineData("{nodeName: other}", "", "[]", false, false, false)]
    [InlineData("{nodeName: node-1}", "", "[]", false, true, true)]
    [InlineData("{}", "", "[{key: dedicated, value: x, effect: NoSchedule}]", false, false, true)]
    [InlineData("{}", "", "[{key: dedicated, value: x, effect: NoExecute}]", false, false, false)]
    [InlineData("{tolerations: [{key: dedicated, operator: Exists, effect: NoExecute}]}", "", "[{key: dedicated, value: x, effect: NoExecute}]", false, true, true)]
    [InlineData("{}", "", "[{key: dedicated, value: x, effect: PreferNoSchedule}]", false, true, true)]
    // Auto tolerations (daemonset_util AddOrUpdateDaemonPodTolerations): cordoned, pressured, not-ready nodes still run daemon pods.
    [InlineData("{}", "", "[]", true, true, true)]
    [InlineData("{}", "", "[{key: node.kubernetes.io/unschedulable, effect: NoSchedule}]", true, true, true)]
    [InlineData("{}", "", "[{key: node.kubernetes.io/not-ready, effect: NoExecute}]", false, true, true)]
    [InlineData("{}", "", "[{key: node.kubernetes.io/unreachable, effect: NoExecute}]", false, true, true)]
    [InlineData("{}", "", "[{key: node.kubernetes.io/disk-pressure, effect: NoSchedule}, {key: node.kubernetes.io/memory-pressure, effect: NoSchedule}, {key: node.kubernetes.io/pid-pressure, effect: NoSchedule}]", false, true, true)]
    // network-unavailable is tolerated only with hostNetwork.
    [InlineData("{}", "", "[{key: node.kubernetes.io/network-unavailable, effect: NoSchedule}]", false, false, true)]
    [InlineData("{hostNetwork: true}", "", "[{key: node.kubernetes.io/network-unavailable, effect: NoSchedule}]", false, true, true)]
    public void DaemonSet_NodeShouldRunDaemonPod(string podSpec, string labels, string taints, bool unschedulable, bool shouldRun, bool shouldContinueRunning)
    {
        var verdict = DaemonSetPlacement.Evaluate(Yaml.PodSpec(podSpec), Yaml.Node("node-1", labels, taints, unschedulable));
        Assert.Equal((shouldRun, shouldContinueRunning), (verdict.ShouldRun, verdict.ShouldContinueRunning));
    }

    [Fact]
    public void AutoTolerations_ReplaceAMatchingUserToleration()
    {
        // AddOrUpdateTolerationInPodSpec: same key, operator, value and effect is replaced, so tolerationSeconds is dropped.
        var user = new Toleration("node.kubernetes.io/not-ready", Toleration.OperatorExists, string.Empty, TaintEffects.NoExecute, 300);
        var result = DaemonSetPlacement.WithAutoTolerations([user], hostNetwork: false);
        Assert.Equal(6, result.Count);
        Assert.Null(result[0].TolerationSeconds);
        Assert.Equal(7, DaemonSetPlacement.WithAutoTolerations([], hostNetwork: true).Count);
    }

    [Fact]
    public void EligibleNodes_AreTheNodesWhereTheDaemonShouldRun()
    {
        var nodes = new[] { Yaml.Node("a"), Yaml.Node("b", taints: ControlPlaneTaint), Yaml.Node("c", unschedulable: true) };
        var eligible = DaemonSetPlacement.EligibleNodes(Yaml.PodSpec("{}"), nodes);
        Assert.Equal(["a", "c"], eligible.Select(n => n.Name));
    }

    [Theory]
    // resource.Quantity suffixes: binary, decimal, exponent.
    [InlineData("4", 4)]
    [InlineData("3800m", 3.8)]
    [InlineData("16Gi", 17179869184)]
    [InlineData("16393176Ki", 16786612224)]
    [InlineData("1k", 1000)]
    [InlineData("1e3", 1000)]
    [InlineData("0.5", 0.5)]
    public void Quantity_Parses(string text, double expected)
    {
        Assert.True(KubePlan.Validation.Quantity.TryParse(text, out var q));
        Assert.Equal((decimal)expected, q.ToDecimal());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1Xi")]
    public void Quantity_RejectsNonQuantities(string text) => Assert.False(KubePlan.Validation.Quantity.TryParse(text, out _));

    [Fact]
    public void NodeGroups_NameAGroupByTheLabelOnlyItShares()
    {
        var gpu1 = Yaml.Node("gpu-1", "pool=gpu");
        var gpu2 = Yaml.Node("gpu-2", "pool=gpu");
        var gpu3 = Yaml.Node("gpu-3", "pool=gpu");
        var worker = Yaml.Node("worker-1", "pool=general");
        var groups = NodeGroups.Group([(gpu1, "taint t"), (gpu2, "taint t"), (gpu3, "taint t"), (worker, "selector s")], [gpu1, gpu2, gpu3, worker]);
        Assert.Equal(["3 nodes (pool=gpu): taint t", "worker-1: selector s"], groups.Select(g => g.ToString()));
    }
}
