using System.Globalization;
using System.Text;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>The tests that count work run alone: the counters are process-wide.</summary>
[CollectionDefinition(nameof(WorkCounting), DisableParallelization = true)]
public sealed class WorkCounting;

/// <summary>
/// Time stays linear in the input (issue 15), checked by counting work, never by timing it: the objects
/// that cross-object lookups hand to the rules (<see cref="ManifestSet"/>, <see cref="PodTemplateIndex"/>)
/// and the characters handed to the YAML parser, for an input and for one twice its size. A rule that
/// scans a namespace per object, or a reader that re-reads what precedes a piece, makes the count grow
/// fourfold where it must double. Every object sits in one namespace, where a per-namespace scan hurts most.
/// </summary>
[Collection(nameof(WorkCounting))]
public class LinearWorkTests
{
    /// <summary>One application: what a Helm chart renders, with every kind the cross-object rules pair up.</summary>
    private static string App(int i)
    {
        var text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-N, namespace: shop, labels: {app: app-N}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: app-N}}
              template:
                metadata: {labels: {app: app-N, tier: web}}
                spec:
                  serviceAccountName: app-N
                  containers:
                  - name: web
                    image: registry.example.com/app-N:1.0.0
                    ports: [{containerPort: 8080, name: http}]
                    envFrom: [{configMapRef: {name: app-N}}]
                    readinessProbe: {httpGet: {path: /ready, port: http}}
                    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: app-N, namespace: shop}
            spec:
              selector: {app: app-N}
              ports: [{port: 80, targetPort: http}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: app-N, namespace: shop}
            spec:
              minAvailable: 2
              selector: {matchLabels: {app: app-N}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: app-N, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app-N}
              minReplicas: 2
              maxReplicas: 4
              metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: gone-N, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gone-N}
              maxReplicas: 4
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: app-N, namespace: shop}
            spec:
              rules: [{host: app-N.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app-N, port: {number: 80}}}}]}}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: app-N, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: app-N}}
              ingress: [{from: [{podSelector: {matchLabels: {tier: web}}}]}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-N, namespace: shop}
            data: {LOG_LEVEL: info}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: app-N, namespace: shop}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db-N, namespace: shop}
            spec:
              serviceName: db-N
              replicas: 1
              selector: {matchLabels: {app: db-N}}
              template:
                metadata: {labels: {app: db-N}}
                spec:
                  containers: [{name: db, image: postgres:16.1, resources: {requests: {cpu: 100m, memory: 256Mi}}}]

            """;
        return text.Replace("-N", "-" + i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Stream(int apps)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < apps; i++)
        {
            builder.Append("---\n").Append(App(i));
        }

        return builder.ToString();
    }

    private static (long Visits, long Characters) Count(Action action)
    {
        WorkCounter.Reset();
        WorkCounter.Enabled = true;
        try
        {
            action();
            return (WorkCounter.Visits, WorkCounter.Characters);
        }
        finally
        {
            WorkCounter.Enabled = false;
        }
    }

    [Fact]
    public void Lint_ObjectsVisitedByCrossObjectRules_GrowLinearly()
    {
        var loader = new ManifestLoader();
        var small = loader.LoadText("apps.yaml", Stream(150));
        var large = loader.LoadText("apps.yaml", Stream(300));
        Assert.Equal(1500, small.Documents);
        var (smallVisits, _) = Count(() => Linter.Run(small, new LintOptions()));
        var (largeVisits, _) = Count(() => Linter.Run(large, new LintOptions()));

        // Twice the objects: twice the visits (a little less, for what is counted once per run). A scan of
        // the namespace per object would make it four times.
        Assert.True(smallVisits > 1500, $"only {smallVisits} visits counted");
        var growth = (double)largeVisits / smallVisits;
        Assert.True(growth <= 2.2, $"visits grew {growth:F2}x for twice the input ({smallVisits} -> {largeVisits})");
    }

    [Theory]
    [InlineData(int.MaxValue / 2)]
    [InlineData(2_000)]
    [InlineData(300)]
    public void Load_ParsesEachCharacterOnce_WholeOrInPieces(int pieceLength)
    {
        var text = Stream(200);
        LoadResult? result = null;
        var (_, characters) = Count(() => result = new ManifestLoader().LoadText("apps.yaml", text, pieceLength));

        Assert.Equal(2000, result!.Documents);
        Assert.Empty(result.Problems);
        // Everything but the --- lines is parsed, once: a piece must not re-read (or stand in for) what precedes it.
        Assert.InRange(characters, text.Length - (4 * 2000), text.Length);
    }
}
