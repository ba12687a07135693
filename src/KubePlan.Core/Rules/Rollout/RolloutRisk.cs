using System.Globalization;
using KubePlan.Manifests;
using KubePlan.Planning;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Rollout;

/// <summary>A Deployment's rolling-update budgets as written and as the controller resolves them.</summary>
internal sealed record DeploymentBudgets(
    int Replicas,
    IntOrPercent? MaxSurge,
    IntOrPercent? MaxUnavailable,
    Located? MaxSurgeAt,
    Located? MaxUnavailableAt,
    DeploymentFenceposts Resolved)
{
    /// <summary><c>MaxUnavailable(d)</c>: the resolved value clamped to replicas, 0 when replicas is 0.</summary>
    public int EffectiveMaxUnavailable => DeploymentFenceposts.MaxUnavailableOf(DeploymentStrategyType.RollingUpdate, MaxSurge, MaxUnavailable, Replicas);

    /// <summary><c>MaxSurge(d)</c>.</summary>
    public int EffectiveMaxSurge => Resolved.MaxSurge;
}

/// <summary>The resources one pod asks the scheduler for.</summary>
internal readonly record struct PodRequests(decimal Cpu, decimal Memory)
{
    public bool IsEmpty => Cpu == 0 && Memory == 0;

    public static PodRequests operator +(PodRequests a, PodRequests b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory);

    public static PodRequests operator *(PodRequests a, int n) => new(a.Cpu * n, a.Memory * n);

    public static PodRequests Max(PodRequests a, PodRequests b) => new(Math.Max(a.Cpu, b.Cpu), Math.Max(a.Memory, b.Memory));
}

/// <summary>What the rollout-risk rules read from workloads: budgets, replica counts, requests, landing nodes.</summary>
internal static class RolloutRisk
{
    private static readonly IntOrPercent DefaultBudget = IntOrPercent.FromPercent(25);

    public static bool IsDeployment(Manifest m) => m.Kind == "Deployment" && m.Group is "apps" or "extensions";

    /// <summary>
    /// The budgets of a RollingUpdate Deployment with the API defaults (25%/25%); null for Recreate,
    /// an unknown strategy type or malformed values (rollout-strategy reports those).
    /// </summary>
    public static DeploymentBudgets? Budgets(Manifest deployment)
    {
        if (Workloads.StrategyType(deployment) != "RollingUpdate")
        {
            return null;
        }

        var rolling = deployment.At("spec", "strategy", "rollingUpdate");
        var surgeAt = rolling?.Get("maxSurge");
        var unavailableAt = rolling?.Get("maxUnavailable");
        var (surge, surgeError) = WorkloadPlanning.ReadIntOrPercent(surgeAt);
        var (unavailable, unavailableError) = WorkloadPlanning.ReadIntOrPercent(unavailableAt);
        if (surgeError is not null || unavailableError is not null || surge is { Value: < 0 } || unavailable is { Value: < 0 })
        {
            return null;
        }

        surge ??= DefaultBudget;
        unavailable ??= DefaultBudget;
        if (surge.Value.Value == 0 && unavailable.Value.Value == 0)
        {
            // Rejected by validation: rollout-strategy reports it.
            return null;
        }

        var replicas = WorkloadPlanning.Replicas(deployment);
        return new DeploymentBudgets(replicas, surge, unavailable, surgeAt, unavailableAt,
            DeploymentFenceposts.Resolve(surge, unavailable, replicas));
    }

    /// <summary>
    /// The replicas a workload runs at its smallest expected size: the minReplicas of the
    /// HorizontalPodAutoscaler that scales it (default 1), else spec.replicas (default 1).
    /// </summary>
    public static int LowestReplicas(ManifestSet set, Manifest workload) =>
        Autoscalers.For(set, workload) is { } hpa
            ? (int)Math.Clamp(hpa.At("spec", "minReplicas")?.Scalar?.AsInt64() ?? 1, 0, int.MaxValue)
            : WorkloadPlanning.Replicas(workload);

    /// <summary>Kinds whose pods are counted by replicas (and that a PDB or a quota sees by that count).</summary>
    public static bool IsReplicated(Manifest m) =>
        (m.Group, m.Kind) is ("apps" or "extensions", "Deployment" or "ReplicaSet") or ("apps", "StatefulSet") or ("", "ReplicationController");

    /// <summary>
    /// The requests of one pod as the scheduler sums them: every app container (a request, or the
    /// limit when only a limit is set, as the API server defaults it) plus restartable init
    /// containers (sidecars), or the largest regular init container if that is larger.
    /// </summary>
    public static PodRequests Requests(Located podSpec)
    {
        // Loops, not LINQ: LINQ over the value types Located and PodRequests is generic code compiled at run time (the tool is ReadyToRun).
        var running = default(PodRequests);
        foreach (var container in podSpec.Get("containers")?.Items() ?? [])
        {
            running += ContainerRequests(container);
        }

        var sidecars = default(PodRequests);
        var largestInit = default(PodRequests);
        foreach (var init in podSpec.Get("initContainers")?.Items() ?? [])
        {
            if (init.Get("restartPolicy")?.String == "Always")
            {
                sidecars += ContainerRequests(init);
            }
            else
            {
                largestInit = PodRequests.Max(largestInit, ContainerRequests(init));
            }
        }

        return PodRequests.Max(running + sidecars, largestInit + sidecars);
    }

    /// <summary>The nodes of the inventory that the pod template can land on (PodPlacement), in name order.</summary>
    public static IReadOnlyList<ClusterNode> LandingNodes(Located podSpec, IReadOnlyList<ClusterNode> inventory) =>
        PodPlacement.EvaluateAll(PodSchedulingSpec.Read(podSpec), inventory).Where(v => v.Fits).Select(v => v.Node).ToList();

    public static string Cpu(decimal cores) => cores.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Memory in the largest binary unit that keeps it readable: <c>1.5Gi</c>, <c>512Mi</c>.</summary>
    public static string Memory(decimal bytes)
    {
        const decimal Mi = 1024m * 1024;
        const decimal Gi = Mi * 1024;
        return bytes >= Gi ? (bytes / Gi).ToString("0.##", CultureInfo.InvariantCulture) + "Gi"
            : bytes >= Mi ? (bytes / Mi).ToString("0.##", CultureInfo.InvariantCulture) + "Mi"
            : bytes.ToString("0", CultureInfo.InvariantCulture);
    }

    private static PodRequests ContainerRequests(Located container)
    {
        var resources = container.Get("resources");
        decimal Read(string name) =>
            Validation.Quantity.Read(resources?.At("requests", name))?.ToDecimal() ?? Validation.Quantity.Read(resources?.At("limits", name))?.ToDecimal() ?? 0m;
        return new PodRequests(Math.Max(0, Read("cpu")), Math.Max(0, Read("memory")));
    }
}
