using KubePlan.Planning;
using KubePlan.Rules;
using KubePlan.Rules.Rollout;

namespace KubePlan.Core.Tests.Rules.Rollout;

public class RolloutRiskTests
{
    private static string Deployment(string name, int? replicas, string strategy, string labels = "{app: web}", string podSpec = "") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
        {{(replicas is null ? string.Empty : $"  replicas: {replicas}")}}
          strategy: {{strategy}}
          selector:
            matchLabels: {{labels}}
          template:
            metadata:
              labels: {{labels}}
            spec:
        {{podSpec}}
              containers:
                - name: web
                  image: web:1
        """;

    private static string Pdb(string budget, string selector = "{app: web}") => $$"""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
        spec:
          {{budget}}
          selector:
            matchLabels: {{selector}}
        """;

    private static int Count(string yaml, string ruleId) => RuleHarness.Findings(yaml, ruleId).Count;

    // ---- pdb-blocks-eviction -------------------------------------------------------------------

    [Theory]
    // disruption.go getExpectedPodCount: maxUnavailable → desiredHealthy = expected − ⌈max⌉ (clamped at 0);
    // GetScaledValueFromIntOrPercent(..., roundUp=true) for percentages.
    [InlineData(true, "0", 3, 0)]
    [InlineData(true, "1", 3, 1)]
    [InlineData(true, "5", 3, 3)]
    [InlineData(true, "0%", 3, 0)]
    [InlineData(true, "10%", 3, 1)]
    [InlineData(true, "34%", 3, 2)]
    [InlineData(true, "100%", 3, 3)]
    // minAvailable integer: desiredHealthy is the number itself (expected = the pods that exist).
    [InlineData(false, "2", 3, 1)]
    [InlineData(false, "3", 3, 0)]
    [InlineData(false, "4", 3, -1)]
    [InlineData(false, "1", 1, 0)]
    // minAvailable percentage: rounded UP against the controllers' scale, so 90% of 3 is 3, 50% of 3 is 2.
    [InlineData(false, "90%", 3, 0)]
    [InlineData(false, "50%", 3, 1)]
    [InlineData(false, "66%", 3, 1)]
    [InlineData(false, "67%", 3, 0)]
    [InlineData(false, "100%", 10, 0)]
    [InlineData(false, "1%", 10, 9)]
    public void PdbAllowed_FollowsTheDisruptionController(bool isMaxUnavailable, string value, int expected, int allowed) =>
        Assert.Equal(allowed, PdbBlocksEvictionRule.Allowed(isMaxUnavailable, IntOrPercent.Parse(value), expected));

    [Theory]
    // The realistic pairing does not fire: 3 replicas, PDB minAvailable 2 (or maxUnavailable 1).
    [InlineData(3, "minAvailable: 2", 0)]
    [InlineData(3, "maxUnavailable: 1", 0)]
    [InlineData(3, "minAvailable: 50%", 0)]
    // Budgets that leave nothing to evict.
    [InlineData(3, "minAvailable: 3", 1)]
    [InlineData(1, "minAvailable: 1", 1)]
    [InlineData(3, "maxUnavailable: 0", 1)]
    [InlineData(3, "minAvailable: 100%", 1)]
    [InlineData(3, "maxUnavailable: 0%", 1)]
    // A budget that cannot be read is left to api-validation.
    [InlineData(3, "minAvailable: -1", 0)]
    public void Pdb_FiresOnlyWhenNoDisruptionIsAllowed(int replicas, string budget, int findings) =>
        Assert.Equal(findings, Count(Deployment("web", replicas, "{}") + "\n---\n" + Pdb(budget), RuleIds.PdbBlocksEviction));

    [Fact]
    public void Pdb_SumsEveryWorkloadItSelects()
    {
        // Two Deployments share the label: 2 + 1 expected pods, minAvailable 2 leaves one disruption.
        var yaml = Deployment("a", 2, "{}", "{app: web, v: a}") + "\n---\n" + Deployment("b", 1, "{}", "{app: web, v: b}") + "\n---\n" + Pdb("minAvailable: 2");
        Assert.Equal(0, Count(yaml, RuleIds.PdbBlocksEviction));
    }

    [Fact]
    public void Pdb_UsesTheAutoscalerMinimum_ForAnAutoscaledWorkload()
    {
        const string Hpa = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 10
            """;
        Assert.Equal(1, Count(Deployment("web", null, "{}") + "\n---\n" + Hpa + "\n---\n" + Pdb("minAvailable: 2"), RuleIds.PdbBlocksEviction));
        Assert.Equal(0, Count(Deployment("web", null, "{}") + "\n---\n" + Hpa + "\n---\n" + Pdb("minAvailable: 1"), RuleIds.PdbBlocksEviction));
    }

    [Fact]
    public void Pdb_SelectingNoWorkloadOfTheInput_DoesNotFire() =>
        Assert.Equal(0, Count(Deployment("web", 3, "{}") + "\n---\n" + Pdb("maxUnavailable: 0", "{app: other}"), RuleIds.PdbBlocksEviction));

    [Fact]
    public void Pdb_FindingPointsAtTheBudgetField()
    {
        var yaml = Deployment("web", 2, "{}") + "\n---\n" + Pdb("minAvailable: 2");
        var finding = Assert.Single(RuleHarness.Findings(yaml, RuleIds.PdbBlocksEviction));
        Assert.Equal("/spec/minAvailable", finding.Path);
    }

    // ---- rollout-all-unavailable -----------------------------------------------------------------

    [Theory]
    // deployment_util.go MaxUnavailable(d): ResolveFenceposts (unavailable rounds down; 0/0 → 1), clamped to replicas.
    [InlineData(1, "{rollingUpdate: {maxUnavailable: 1}}", 1)]
    [InlineData(1, "{rollingUpdate: {maxUnavailable: 100%}}", 1)]
    [InlineData(1, "{rollingUpdate: {maxSurge: 0}}", 1)]
    [InlineData(1, "{rollingUpdate: {maxSurge: 0, maxUnavailable: 25%}}", 1)]
    [InlineData(4, "{rollingUpdate: {maxSurge: 1, maxUnavailable: 100%}}", 1)]
    [InlineData(4, "{rollingUpdate: {maxUnavailable: 4}}", 1)]
    [InlineData(4, "{rollingUpdate: {maxUnavailable: 10}}", 1)]
    // Defaults 25%/25% never take everything down: 1 replica → surge 1, unavailable 0.
    [InlineData(1, "{}", 0)]
    [InlineData(2, "{rollingUpdate: {maxUnavailable: 1}}", 0)]
    [InlineData(4, "{rollingUpdate: {maxUnavailable: 99%}}", 0)]
    [InlineData(10, "{rollingUpdate: {maxSurge: 0, maxUnavailable: 0%}}", 0)]
    // MaxUnavailable(d) is 0 when replicas is 0; Recreate is downtime by design.
    [InlineData(0, "{rollingUpdate: {maxUnavailable: 100%}}", 0)]
    [InlineData(1, "{type: Recreate}", 0)]
    public void AllUnavailable_Deployment(int replicas, string strategy, int findings) =>
        Assert.Equal(findings, Count(Deployment("web", replicas, strategy), RuleIds.RolloutAllUnavailable));

    [Theory]
    // update.go updatedDesiredNodeCounts: DaemonSet maxUnavailable rounds UP against the nodes it runs on.
    [InlineData("{rollingUpdate: {maxUnavailable: 100%}}", null, 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 50%}}", null, 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 100%, maxSurge: 1}}", null, 0)]
    [InlineData("{type: OnDelete}", null, 0)]
    // With an inventory of 2 nodes: 51% rounds up to 2 = every node; an integer 2 is every node too.
    [InlineData("{rollingUpdate: {maxUnavailable: 51%}}", 2, 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 2}}", 2, 1)]
    [InlineData("{rollingUpdate: {maxUnavailable: 1}}", 2, 0)]
    [InlineData("{rollingUpdate: {maxUnavailable: 50%}}", 2, 0)]
    public void AllUnavailable_DaemonSet(string strategy, int? nodes, int findings)
    {
        var yaml = $$"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              updateStrategy: {{strategy}}
              selector:
                matchLabels: {app: agent}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  containers:
                    - name: agent
                      image: agent:1
            """;
        for (var i = 0; i < (nodes ?? 0); i++)
        {
            yaml += $"\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\n";
        }

        Assert.Equal(findings, Count(yaml, RuleIds.RolloutAllUnavailable));
    }

    [Theory]
    // stateful_set_utils.go getStatefulSetMaxUnavailable (rounds down, at least 1), only with the gate on (1.37).
    [InlineData("1.37", 3, "3", 1)]
    [InlineData("1.37", 3, "100%", 1)]
    [InlineData("1.37", 3, "2", 0)]
    [InlineData("1.37", 3, "99%", 0)]
    // One replica goes down on every update whatever the field says: not this rule's finding.
    [InlineData("1.37", 1, "1", 0)]
    // Gate off in 1.36: the field is ignored and pods update one at a time.
    [InlineData("1.36", 3, "3", 0)]
    public void AllUnavailable_StatefulSet(string version, int replicas, string maxUnavailable, int findings)
    {
        var yaml = $$"""
            # kubeplan lint --kubernetes-version {{version}}
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              replicas: {{replicas}}
              serviceName: db
              updateStrategy:
                rollingUpdate: {maxUnavailable: {{maxUnavailable}}}
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                    - name: db
                      image: db:1
            """;
        Assert.Equal(findings, Count(yaml, RuleIds.RolloutAllUnavailable));
    }

    // ---- progress-deadline-risk ------------------------------------------------------------------

    private static string Timed(string deadline, string minReady, string probe) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 4
          {{deadline}}
          {{minReady}}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: web:1
                  {{probe}}
        """;

    [Theory]
    // A wave waits startup (10 s) + readiness (initialDelay + period × successThreshold) + minReadySeconds;
    // SetDefaults_Deployment: progressDeadlineSeconds 600.
    [InlineData("", "", "readinessProbe: {tcpSocket: {port: 80}}", 0)]
    [InlineData("", "", "readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 580}", 0)]
    [InlineData("", "", "readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 581}", 1)]
    [InlineData("", "", "readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 60, successThreshold: 10}", 1)]
    [InlineData("", "minReadySeconds: 590", "", 0)]
    [InlineData("", "minReadySeconds: 591", "", 1)]
    [InlineData("progressDeadlineSeconds: 30", "", "readinessProbe: {tcpSocket: {port: 80}}", 0)]
    [InlineData("progressDeadlineSeconds: 19", "", "readinessProbe: {tcpSocket: {port: 80}}", 1)]
    [InlineData("progressDeadlineSeconds: 900", "minReadySeconds: 600", "", 0)]
    // deployment_util.go HasProgressDeadline: MaxInt32 disables the deadline.
    [InlineData("progressDeadlineSeconds: 2147483647", "minReadySeconds: 3600", "", 0)]
    // minReadySeconds ≥ the deadline is rejected by ValidateDeploymentSpec; api-validation reports it.
    [InlineData("", "minReadySeconds: 600", "", 0)]
    public void ProgressDeadline_WaveAgainstDeadline(string deadline, string minReady, string probe, int findings) =>
        Assert.Equal(findings, Count(Timed(deadline, minReady, probe), RuleIds.ProgressDeadlineRisk));

    [Theory]
    [InlineData("progressDeadlineSeconds: 19", "", "readinessProbe: {tcpSocket: {port: 80}}", "/spec/progressDeadlineSeconds")]
    [InlineData("", "minReadySeconds: 590", "readinessProbe: {tcpSocket: {port: 80}}", "/spec/minReadySeconds")]
    [InlineData("", "minReadySeconds: 5", "readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 600}", "/spec/template/spec/containers/0/readinessProbe")]
    public void ProgressDeadline_PointsAtWhatToChange(string deadline, string minReady, string probe, string path)
    {
        var finding = Assert.Single(RuleHarness.Findings(Timed(deadline, minReady, probe), RuleIds.ProgressDeadlineRisk));
        Assert.Equal(path, finding.Path);
    }

    // ---- rollout-anti-affinity-deadlock ----------------------------------------------------------

    private static string Nodes(int count)
    {
        var yaml = string.Empty;
        for (var i = 0; i < count; i++)
        {
            yaml += $"\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\n  labels: {{kubernetes.io/hostname: node-{i}}}\n";
        }

        return yaml;
    }

    private const string OnePerNode = """
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    - labelSelector: {matchLabels: {app: web}}
                      topologyKey: kubernetes.io/hostname
        """;

    [Theory]
    // rolling.go reconcileOldReplicaSets: with MaxUnavailable(d) = 0, maxScaledDown = allPods − replicas − unavailable new
    // pods, so no old pod goes until a surge pod is available; the surge pod needs a node free of the Deployment's pods.
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", 3, 1)]
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", 2, 1)]
    [InlineData(3, "{maxSurge: 2, maxUnavailable: 0}", 3, 1)]
    // 25%/25% of 3 replicas: surge 1, unavailable rounds down to 0 (TestResolveFenceposts).
    [InlineData(3, "{}", 3, 1)]
    // One spare node: the first surge pod lands, an old pod goes, its node frees up.
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", 4, 0)]
    [InlineData(3, "{maxSurge: 2, maxUnavailable: 0}", 4, 0)]
    // 25% of 4 replicas rounds down to 1 unavailable: an old pod goes first.
    [InlineData(4, "{}", 4, 0)]
    [InlineData(3, "{maxSurge: 0, maxUnavailable: 1}", 3, 0)]
    // No inventory: no guess.
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", 0, 0)]
    public void AntiAffinityDeadlock_NodesAgainstReplicas(int replicas, string rolling, int nodes, int findings) =>
        Assert.Equal(findings, Count(Deployment("web", replicas, $"{{rollingUpdate: {rolling}}}", podSpec: OnePerNode) + Nodes(nodes), RuleIds.RolloutAntiAffinityDeadlock));

    [Theory]
    // Terms that do not hold the Deployment's own pods one per node.
    [InlineData("topologyKey: topology.kubernetes.io/zone", "{matchLabels: {app: web}}", "")]
    [InlineData("topologyKey: kubernetes.io/hostname", "{matchLabels: {app: other}}", "")]
    [InlineData("topologyKey: kubernetes.io/hostname", "{matchLabels: {app: web}}", "matchLabelKeys: [pod-template-hash]")]
    [InlineData("topologyKey: kubernetes.io/hostname", "{matchLabels: {app: web}}", "namespaces: [other]")]
    [InlineData("topologyKey: kubernetes.io/hostname", "null", "")]
    public void AntiAffinityDeadlock_IgnoresTermsThatDoNotMatchOwnPods(string topology, string selector, string extra)
    {
        var podSpec = $$"""
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector: {{selector}}
                          {{topology}}
                          {{extra}}
            """;
        Assert.Equal(0, Count(Deployment("web", 3, "{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", podSpec: podSpec) + Nodes(3), RuleIds.RolloutAntiAffinityDeadlock));
    }

    [Fact]
    public void AntiAffinityDeadlock_EmptyNamespaceSelector_CoversOwnNamespace()
    {
        const string PodSpec = """
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector: {matchLabels: {app: web}}
                          namespaceSelector: {}
                          topologyKey: kubernetes.io/hostname
            """;
        Assert.Equal(1, Count(Deployment("web", 3, "{rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}", podSpec: PodSpec) + Nodes(3), RuleIds.RolloutAntiAffinityDeadlock));
    }

    // ---- rollout-capacity ------------------------------------------------------------------------

    private static string Sized(int replicas, string rolling, string requests, string ns = "default") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {{ns}}
        spec:
          replicas: {{replicas}}
          strategy: {rollingUpdate: {{rolling}}}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: web:1
                  resources: {requests: {{requests}}}
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
        status:
          allocatable: {cpu: "4", memory: 8Gi, pods: "6"}
        """;

    [Theory]
    // Peak = replicas + MaxSurge(d), surge rounding up (TestResolveFenceposts): 25% of 3 → 1.
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", "{cpu: \"1\"}", 0)]
    [InlineData(4, "{maxSurge: 1, maxUnavailable: 0}", "{cpu: \"1\"}", 1)]
    [InlineData(3, "{}", "{cpu: 1500m}", 1)]
    [InlineData(3, "{maxSurge: 0, maxUnavailable: 1}", "{cpu: 1500m}", 0)]
    // Memory and pod count: 4 × 2Gi = 8Gi fits; 5 × 2Gi does not; 6 pods allowed, 3 + 25% of 6 replicas → 7+ do not.
    [InlineData(3, "{maxSurge: 1, maxUnavailable: 0}", "{memory: 2Gi}", 0)]
    [InlineData(4, "{maxSurge: 1, maxUnavailable: 0}", "{memory: 2Gi}", 1)]
    [InlineData(6, "{maxSurge: 1, maxUnavailable: 0}", "{cpu: 10m}", 1)]
    // No requests: only the pod count is checked (5 of 6).
    [InlineData(4, "{maxSurge: 1, maxUnavailable: 0}", "{}", 0)]
    public void Capacity_PeakAgainstAllocatable(int replicas, string rolling, string requests, int findings) =>
        Assert.Equal(findings, Count(Sized(replicas, rolling, requests), RuleIds.RolloutCapacity));

    // A limit without a request defaults the request (SetDefaults_Pod).
    [Fact]
    public void Capacity_LimitStandsInForAMissingRequest()
    {
        var yaml = Sized(4, "{maxSurge: 1, maxUnavailable: 0}", "{}").Replace("resources: {requests: {}}", "resources: {limits: {cpu: \"1\"}}", StringComparison.Ordinal);
        Assert.Equal(1, Count(yaml, RuleIds.RolloutCapacity));
    }

    [Theory]
    // Quota: the namespace's workloads at their replicas plus the surge; a scoped quota counts only
    // the pods its scopes match (quota evaluator podMatchesScopeFunc).
    [InlineData("{requests.cpu: \"4\"}", "", 1)]
    [InlineData("{requests.cpu: \"5\"}", "", 0)]
    [InlineData("{cpu: 4500m}", "", 1)]
    [InlineData("{count/pods: \"5\"}", "", 0)]
    [InlineData("{pods: \"4\"}", "", 1)]
    [InlineData("{pods: \"4\"}", "scopes: [BestEffort]", 0)]
    [InlineData("{pods: \"4\"}", "scopes: [NotBestEffort, NotTerminating]", 1)]
    [InlineData("{pods: \"4\"}", "scopes: [Terminating]", 0)]
    [InlineData("{pods: \"4\"}", "scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]}", 0)]
    [InlineData("{pods: \"4\"}", "scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: DoesNotExist}]}", 1)]
    public void Capacity_PeakAgainstQuota(string hard, string scopes, int findings)
    {
        var quota = $$"""
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: team
              namespace: team
            spec:
              hard: {{hard}}
              {{scopes}}
            """;
        var deployment = Sized(4, "{maxSurge: 1, maxUnavailable: 0}", "{cpu: \"1\"}", "team");
        deployment = deployment[..deployment.IndexOf("---", StringComparison.Ordinal)];
        Assert.Equal(findings, Count(deployment + "---\n" + quota, RuleIds.RolloutCapacity));
    }

    // Regression (real-world corpus): one sample's quota in "default" was applied to every object
    // of the namespace. When the input's workloads exceed the quota before any rollout, that is
    // one finding at the quota, not one per Deployment.
    [Fact]
    public void Capacity_QuotaAlreadyExceeded_IsOneFindingAtTheQuota()
    {
        const string quota = """
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: sample
              namespace: team
            spec:
              hard: {pods: "3"}
            """;
        var deployments = string.Join("---\n", new[] { "a", "b", "c" }.Select(name =>
        {
            var d = Sized(4, "{maxSurge: 1, maxUnavailable: 0}", "{cpu: \"1\"}", "team").Replace("name: web", "name: " + name, StringComparison.Ordinal);
            return d[..d.IndexOf("---", StringComparison.Ordinal)];
        }));
        var findings = RuleHarness.Findings(deployments + "---\n" + quota, RuleIds.RolloutCapacity);
        var finding = Assert.Single(findings);
        Assert.Equal("ResourceQuota", finding.Object!.Kind);
        Assert.Contains("pods 12 of 3", finding.Message, StringComparison.Ordinal);
    }
}
