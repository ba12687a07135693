using KubePlan.Configuration;
using KubePlan.Diagnostics;

namespace KubePlan.Core.Tests.Configuration;

public class KubePlanConfigTests
{
    private static readonly string[] Known = ["no-readiness-probe", "selector-overlap"];

    [Fact]
    public void Parse_ReadsEverySetting()
    {
        var config = KubePlanConfig.Parse(".kubeplan.yaml", """
            kubernetesVersion: "1.30"
            failOn: warning
            namespace: shop
            strictKinds: true
            nodes: cluster/nodes.yaml
            profile: strict
            rules:
              no-readiness-probe: off
              selector-overlap: error
            """, Known);
        Assert.Equal(new KubePlan.Rules.KubernetesVersion(1, 30), config.KubernetesVersion);
        Assert.Equal(Severity.Warning, config.FailOn);
        Assert.Equal("shop", config.Namespace);
        Assert.True(config.StrictKinds);
        Assert.Equal("cluster/nodes.yaml", config.Nodes!.Replace('\\', '/').TrimStart('.', '/'));
        Assert.Equal(KubePlan.Rules.RuleProfiles.Strict, config.Profile);
        Assert.Contains("no-readiness-probe", config.DisabledRules);
        Assert.Equal(Severity.Error, config.SeverityOverrides["selector-overlap"]);
    }

    [Theory]
    [InlineData("kubernetesVersion: 1.30\n", 1, 20)]      // unquoted 1.30 is the number 1.3
    [InlineData("failOn: fatal\n", 1, 9)]
    [InlineData("colour: red\n", 1, 1)]
    [InlineData("profile: paranoid\n", 1, 10)]
    [InlineData("rules:\n  no-such-rule: off\n", 2, 3)]
    [InlineData("rules:\n  selector-overlap: loud\n", 2, 21)]
    [InlineData("rules: [a]\n", 1, 8)]
    [InlineData("a: {b\n", 2, 1)]
    public void Parse_Rejects_WithPosition(string yaml, int line, int column)
    {
        var e = Assert.Throws<ConfigException>(() => KubePlanConfig.Parse("c.yaml", yaml, Known));
        Assert.StartsWith($"c.yaml:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }
}
