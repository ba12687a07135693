using KubePlan.Manifests;
using KubePlan.Planning;
using KubePlan.Planning.Output;
using KubePlan.Reporting;

namespace KubePlan.Core.Tests.Planning.Output;

/// <summary>Manifests and renders shared by the plan writer tests.</summary>
internal static class PlanOutputSupport
{
    /// <summary>The worked example of SEMANTICS §2.4: 10 replicas, 25%/25% → (8,5) (3,10) (0,10).</summary>
    public const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 10
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0"}]
        """;

    public const string Db = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          replicas: 3
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "db:1.0"}]
        """;

    public const string Agent = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: shop}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: "agent:1.0"}]
        """;

    /// <summary>An Indexed Job: 10 completions, 3 at a time → waves of 3, 3, 3, 1.</summary>
    public const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: resize, namespace: shop}
        spec:
          completions: 10
          parallelism: 3
          completionMode: Indexed
          backoffLimit: 3
          template:
            spec:
              restartPolicy: Never
              containers: [{name: resize, image: "resize:1.0"}]
        """;

    public const string CronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "*/15 * * * *"
          concurrencyPolicy: Forbid
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: "report:1.0"}]
        """;

    public const string Hpa = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web-hpa, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 4
          maxReplicas: 12
        """;

    public static LoadResult Load(params string[] documents) =>
        new ManifestLoader().LoadText("test.yaml", string.Join("\n---\n", documents));

    public static PlanReport Report(PlanRequest? request, params string[] documents) =>
        PlanReport.Build(Load(documents), request ?? new PlanRequest());

    public static string Render(PlanReport report, string format, bool color = false)
    {
        using var output = new StringWriter { NewLine = "\n" };
        PlanWriters.Find(format)!.Write(report, output, new ReportOptions(color));
        return output.ToString();
    }
}
