using KubePlan.Diff;
using KubePlan.Manifests;
using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning;

/// <summary>
/// Canaries: a Service's endpoints are the ready pods of every workload it selects
/// (EndpointSlice controller), so each workload's share is its replicas over theirs.
/// </summary>
public class CanaryTests
{
    private static string Deployment(string name, string track, int replicas) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: search, track: {{{track}}}}}
          template:
            metadata: {labels: {app: search, track: {{{track}}}}}
            spec:
              containers: [{name: search, image: "search:1.0"}]
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: search, namespace: shop}
        spec:
          selector: {app: search}
          ports: [{port: 80}]
        """;

    private static readonly string Stable = Deployment("search-stable", "stable", 4);
    private static readonly string Canary = Deployment("search-canary", "canary", 1);

    private static RolloutPlan PlanOf(PlanReport report, string name) => report.Entries.Single(e => e.Subject.Name == name).Plan!;

    [Theory]
    // 1 canary beside 4 stable pods: 1 / 5 = 20%; the stable Deployment holds 80%.
    [InlineData("search-canary", 1, 5, 20.0)]
    [InlineData("search-stable", 4, 5, 80.0)]
    public void Plan_SaysItsShareOfTheServicesEndpoints(string name, int replicas, int total, double percent)
    {
        var plan = PlanOf(Report(null, Stable, Canary, Service), name);

        var share = Assert.Single(plan.Endpoints!);
        Assert.Equal("search", share.Service);
        Assert.Equal(replicas, share.Replicas);
        Assert.Equal(total, share.TotalReplicas);
        Assert.Equal(percent, share.Percent);
    }

    [Fact]
    public void Rollout_ShowsTheNewVersionsShareGrowing()
    {
        // The canary's rollout (1 replica, maxSurge 1, maxUnavailable 0): wave 1 adds the new pod beside the old.
        var plan = PlanOf(Report(null, Stable, Canary, Service), "search-stable");

        // 4 stable replicas, 25%/25% → surge 1, unavailable 1; the other 1 pod is the canary.
        var shares = plan.Steps.Select(s => s.NewEndpointShare!.Value).ToList();
        Assert.Equal(shares.OrderBy(v => v), shares);
        Assert.Equal(80.0, shares[^1]);
        Assert.Equal(Math.Round(100.0 * plan.Steps[0].NewReplicas / (plan.Steps[0].OldReplicas + plan.Steps[0].NewReplicas + 1), 1), shares[0]);
        Assert.Contains("new share", Render(Report(null, Stable, Canary, Service), "text"), StringComparison.Ordinal);
        Assert.Contains("\"newEndpointShare\": 80", Render(Report(null, Stable, Canary, Service), "json"), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceOverOneWorkload_AddsNothing()
    {
        var plan = PlanOf(Report(null, Stable, Service), "search-stable");

        Assert.Null(plan.Endpoints);
        Assert.All(plan.Steps, s => Assert.Null(s.NewEndpointShare));
    }

    [Fact]
    public void Diff_CanaryRollout_CarriesTheShare()
    {
        var load = new ManifestLoader().LoadText("new.yaml", string.Join("\n---\n", Stable, Canary.Replace("search:1.0", "search:1.1", StringComparison.Ordinal), Service));
        var set = new ManifestSet(load.Manifests);
        var old = new ManifestLoader().LoadText("old.yaml", Canary).Manifests[0];

        var plan = new RolloutPlannerAdapter().PlanRollout(old, set.All.Single(m => m.Name == "search-canary"), set)!;

        Assert.Equal(20.0, (double)plan.Json["endpoints"]![0]!["percent"]!);
        Assert.Contains("new share", plan.TextLines[1], StringComparison.Ordinal);
    }
}
