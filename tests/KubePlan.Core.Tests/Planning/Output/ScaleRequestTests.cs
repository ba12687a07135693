using KubePlan.Planning;

namespace KubePlan.Core.Tests.Planning.Output;

public class ScaleRequestTests
{
    [Theory]
    // kubectl's names for the kinds: short, singular, plural, any case
    [InlineData("deploy/web=5", "Deployment", null, "web", 5)]
    [InlineData("deployment/web=0", "Deployment", null, "web", 0)]
    [InlineData("Deployments/web=5", "Deployment", null, "web", 5)]
    [InlineData("sts/db=3", "StatefulSet", null, "db", 3)]
    [InlineData("statefulset/db=3", "StatefulSet", null, "db", 3)]
    // NAME may be namespace/name
    [InlineData("deploy/prod/web=12", "Deployment", "prod", "web", 12)]
    [InlineData(" deploy/web = 5 ", "Deployment", null, "web", 5)]
    public void Parse_Accepts(string text, string kind, string? ns, string name, int replicas) =>
        Assert.Equal(new ScaleRequest(kind, ns, name, replicas), ScaleRequest.Parse(text));

    [Theory]
    [InlineData("deploy/web", "KIND/NAME=REPLICAS")]
    [InlineData("deploy/web=-1", "non-negative integer")]
    [InlineData("deploy/web=five", "non-negative integer")]
    [InlineData("deploy/web=", "non-negative integer")]
    [InlineData("web=5", "KIND/NAME")]
    [InlineData("deploy//web=5", "KIND/NAME")]
    [InlineData("deploy/a/b/c=5", "KIND/NAME")]
    [InlineData("pod/web=5", "unknown kind")]
    [InlineData("ds/agent=5", "DaemonSet has no replicas")]
    public void Parse_Throws(string text, string message)
    {
        var e = Assert.Throws<PlanRequestException>(() => ScaleRequest.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
