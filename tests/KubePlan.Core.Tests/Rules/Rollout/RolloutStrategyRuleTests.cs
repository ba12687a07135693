using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules.Rollout;

public class RolloutStrategyRuleTests
{
    private static string Deployment(string strategy) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          strategy: {{strategy}}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: web:1
        """;

    private static string DaemonSet(string strategy) => $$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          selector:
            matchLabels: {app: agent}
          updateStrategy: {{strategy}}
          template:
            metadata:
              labels: {app: agent}
            spec:
              containers:
                - name: agent
                  image: agent:1
        """;

    private static string StatefulSet(string strategy) => $$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          serviceName: db
          selector:
            matchLabels: {app: db}
          updateStrategy: {{strategy}}
          template:
            metadata:
              labels: {app: db}
            spec:
              containers:
                - name: db
                  image: db:1
        """;

    [Theory]
    // TestValidateDeployment: valid strategies (defaults are 25%/25%; maxSurge has no upper bound).
    [InlineData("{}", 0)]
    [InlineData("{type: RollingUpdate}", 0)]
    [InlineData("{type: Recreate}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 0}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 0}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 0, maxUnavailable: 100%}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 500%, maxUnavailable: 0%}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}", 0)]
    // TestValidateDeployment: "may not be 0 when `maxSurge` is 0".
    [InlineData("{rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: 0%, maxUnavailable: 0%}}", 1)]
    // ValidatePositiveIntOrPercent: negative ints and malformed percent strings.
    [InlineData("{rollingUpdate: {maxSurge: -1}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: -1}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: '25'}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: 1.5%}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: -1%}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: '%'}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: 25 %}}", 1)]
    // IsNotMoreThan100Percent: maxUnavailable only.
    [InlineData("{rollingUpdate: {maxUnavailable: 101%}}", 1)]
    // ValidateDeploymentStrategy: Recreate forbids rollingUpdate; unknown types are not supported.
    [InlineData("{type: Recreate, rollingUpdate: {maxSurge: 1}}", 1)]
    [InlineData("{type: Recreate, rollingUpdate: null}", 0)]
    [InlineData("{type: Canary}", 1)]
    public void Deployment_Strategy(string strategy, int findings) =>
        Assert.Equal(findings, RuleHarness.Findings(Deployment(strategy), RuleIds.RolloutStrategy).Count);

    [Theory]
    // TestValidateDaemonSetUpdateStrategy / TestValidateDaemonSet: valid (defaults: maxUnavailable 1, maxSurge 0).
    [InlineData("{}", 0)]
    [InlineData("{type: RollingUpdate}", 0)]
    [InlineData("{type: OnDelete}", 0)]
    [InlineData("{type: OnDelete, rollingUpdate: {maxUnavailable: 1}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 2}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 100%}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", 0)]
    [InlineData("{rollingUpdate: {maxSurge: 100%, maxUnavailable: 0%}}", 0)]
    // Exactly one of maxSurge and maxUnavailable is non-zero.
    [InlineData("{rollingUpdate: {maxSurge: 1}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 0}}", 1)]
    [InlineData("{rollingUpdate: {maxSurge: 0, maxUnavailable: 0%}}", 1)]
    // Both fields are at most 100% and well-formed.
    [InlineData("{rollingUpdate: {maxSurge: 101%, maxUnavailable: 0}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 101%}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: -1}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: '1'}}", 1)]
    // Unknown type.
    [InlineData("{type: Surge}", 1)]
    public void DaemonSet_UpdateStrategy(string strategy, int findings) =>
        Assert.Equal(findings, RuleHarness.Findings(DaemonSet(strategy), RuleIds.RolloutStrategy).Count);

    [Theory]
    // TestValidateStatefulSet: update strategies, at 1.36 (MaxUnavailableStatefulSet off: maxUnavailable dropped).
    [InlineData("{}", 0)]
    [InlineData("{type: OnDelete}", 0)]
    [InlineData("{type: RollingUpdate}", 0)]
    [InlineData("{type: RollingUpdate, rollingUpdate: {partition: 0}}", 0)]
    [InlineData("{type: RollingUpdate, rollingUpdate: {partition: 5}}", 0)]
    [InlineData("{type: RollingUpdate, rollingUpdate: {maxUnavailable: 0}}", 0)]
    [InlineData("{type: RollingUpdate, rollingUpdate: {partition: -1}}", 1)]
    [InlineData("{type: OnDelete, rollingUpdate: {partition: 0}}", 1)]
    [InlineData("{type: Recreate}", 1)]
    public void StatefulSet_UpdateStrategy(string strategy, int findings) =>
        Assert.Equal(findings, RuleHarness.Findings(StatefulSet(strategy), RuleIds.RolloutStrategy).Count);

    [Theory]
    // TestValidateStatefulSet with MaxUnavailableStatefulSet on (1.37): maxUnavailable ≠ 0, ≤ 100%, int or percent.
    [InlineData("{rollingUpdate: {maxUnavailable: 1}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 100%}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 0}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 0%}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 101%}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: -1}}", 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 50}}", 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: '50'}}", 1)]
    public void StatefulSet_MaxUnavailable_WhenGateIsOn(string strategy, int findings)
    {
        var options = new LintOptions { KubernetesVersion = new KubernetesVersion(1, 37) };
        Assert.Equal(findings, RuleHarness.Findings(StatefulSet(strategy), RuleIds.RolloutStrategy, options).Count);
    }

    [Fact]
    public void Finding_PointsAtTheOffendingValue()
    {
        var yaml = Deployment("\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0");
        var finding = Assert.Single(RuleHarness.Findings(yaml, RuleIds.RolloutStrategy));
        Assert.Equal("/spec/strategy/rollingUpdate/maxUnavailable", finding.Path);
        Assert.Equal(11, finding.Line);
    }
}
