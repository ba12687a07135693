using KubePlan.Planning;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Planning;

public class BudgetTests
{
    private static IntOrPercent? P(string? s) => s is null ? null : IntOrPercent.Parse(s);

    [Theory]
    // apimachinery intstr.GetScaledValueFromIntOrPercent: integers as is, percentages ceil/floor.
    [InlineData("3", 10, true, 3)]
    [InlineData("3", 10, false, 3)]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("25%", 4, true, 1)]
    [InlineData("25%", 4, false, 1)]
    [InlineData("1%", 2, true, 1)]
    [InlineData("1%", 2, false, 0)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 7, true, 0)]
    [InlineData("39%", 10, true, 4)]
    [InlineData("39%", 10, false, 3)]
    [InlineData("50%", 0, true, 0)]
    [InlineData("33%", 2147483647, true, 708669604)]
    public void Scale_RoundsLikeTheApiMachinery(string text, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, IntOrPercent.Parse(text).Scale(total, roundUp));

    [Theory]
    // API validation: ^[0-9]+%$ for strings; anything else is malformed.
    [InlineData("")]
    [InlineData("%")]
    [InlineData("25 %")]
    [InlineData("-5%")]
    [InlineData("+5%")]
    [InlineData("2.5%")]
    [InlineData("25%%")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void TryParse_Rejects_Malformed(string text) => Assert.False(IntOrPercent.TryParse(text, out _));

    [Theory]
    [InlineData("0", 0, false)]
    [InlineData("7", 7, false)]
    [InlineData("25%", 25, true)]
    [InlineData("150%", 150, true)]
    public void TryParse_Accepts(string text, int value, bool isPercent)
    {
        Assert.True(IntOrPercent.TryParse(text, out var v));
        Assert.Equal(value, v.Value);
        Assert.Equal(isPercent, v.IsPercent);
        Assert.Equal(text, v.ToString());
    }

    [Theory]
    // TestResolveFenceposts (deployment/util): surge ceil, unavailable floor, nil → 0, both 0 → unavailable 1.
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(4, "25%", "25%", 1, 1)]
    [InlineData(3, "25%", "25%", 1, 0)]
    [InlineData(1, "25%", "25%", 1, 0)]
    [InlineData(10, "39%", "39%", 4, 3)]
    [InlineData(2, "1%", "1%", 1, 0)]
    [InlineData(10, "0", "0", 0, 1)]
    [InlineData(10, null, null, 0, 1)]
    [InlineData(10, null, "0%", 0, 1)]
    [InlineData(0, "25%", "25%", 0, 1)]
    [InlineData(5, "0", "1", 0, 1)]
    public void ResolveFenceposts(int replicas, string? surge, string? unavailable, int expectedSurge, int expectedUnavailable) =>
        Assert.Equal(new DeploymentFenceposts(expectedSurge, expectedUnavailable), DeploymentFenceposts.Resolve(P(surge), P(unavailable), replicas));

    [Theory]
    // TestMaxUnavailable: 0 for Recreate and for replicas 0; clamped to replicas.
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "0", "1", 1)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "0", "25%", 2)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "0", "20", 10)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 0, "0", "1", 0)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "0", "0", 1)]
    [InlineData(DeploymentStrategyType.Recreate, 10, "1", "1", 0)]
    public void MaxUnavailable(DeploymentStrategyType strategy, int replicas, string surge, string unavailable, int expected) =>
        Assert.Equal(expected, DeploymentFenceposts.MaxUnavailableOf(strategy, P(surge), P(unavailable), replicas));

    [Theory]
    // TestMinAvailable: replicas − MaxUnavailable; 0 for Recreate.
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "1", "1", 9)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "25%", "25%", 8)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 10, "0", "20", 0)]
    [InlineData(DeploymentStrategyType.RollingUpdate, 0, "1", "1", 0)]
    [InlineData(DeploymentStrategyType.Recreate, 10, "1", "1", 0)]
    public void MinAvailable(DeploymentStrategyType strategy, int replicas, string surge, string unavailable, int expected) =>
        Assert.Equal(expected, DeploymentFenceposts.MinAvailableOf(strategy, P(surge), P(unavailable), replicas));

    [Theory]
    // daemonSetBudgets (daemon/util SurgeCount, UnavailableCount; update.go updatedDesiredNodeCounts): both round up.
    [InlineData(5, null, "1", 0, 1)]
    [InlineData(5, null, "25%", 0, 2)]
    [InlineData(5, "25%", "0", 2, 0)]
    [InlineData(10, "0", "0", 0, 1)]
    [InlineData(0, "0", "0", 0, 0)]
    [InlineData(3, null, "1%", 0, 1)]
    [InlineData(200, "10%", "0", 20, 0)]
    public void DaemonSetBudgets_RoundUp(int nodes, string? surge, string? unavailable, int expectedSurge, int expectedUnavailable) =>
        Assert.Equal(new DaemonSetBudgets(expectedSurge, expectedUnavailable), DaemonSetBudgets.Resolve(P(surge), P(unavailable), nodes));

    [Theory]
    // statefulset getStatefulSetMaxUnavailable: floor, nil → 1, below 1 → 1.
    [InlineData(5, null, 1)]
    [InlineData(5, "2", 2)]
    [InlineData(5, "50%", 2)]
    [InlineData(5, "10%", 1)]
    [InlineData(10, "25%", 2)]
    [InlineData(0, "50%", 1)]
    public void StatefulSetMaxUnavailable(int replicas, string? value, int expected) =>
        Assert.Equal(expected, StatefulSetBudgets.MaxUnavailable(P(value), replicas));

    [Theory]
    // SEMANTICS §10: beta on in 1.35.0, off again from 1.35.4 (backport) and in 1.36, on from 1.37.
    [InlineData("1.23", false)]
    [InlineData("1.24", false)]
    [InlineData("1.34.9", false)]
    [InlineData("1.35.0", true)]
    [InlineData("v1.35.3", true)]
    [InlineData("1.35.4", false)]
    [InlineData("1.35", false)]
    [InlineData("1.36", false)]
    [InlineData("1.37.0", true)]
    [InlineData("1.38", true)]
    public void MaxUnavailableStatefulSetGate(string version, bool enabled)
    {
        var gate = FeatureGates.MaxUnavailableStatefulSet(KubernetesVersion.Parse(version));
        Assert.Equal(enabled, gate.Enabled);
        Assert.Contains("MaxUnavailableStatefulSet", gate.Note, StringComparison.Ordinal);
    }
}
