using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// The surge of a Deployment rollout (replicas + maxSurge pods at the peak) does not fit the nodes
/// its pods can land on, or the namespace's ResourceQuota: the surge pods stay Pending (or are
/// refused by quota) and the rollout stalls. Node capacity is a pooled estimate: allocatable summed
/// over the landing nodes, against the requests of the input's workloads that must land there.
/// </summary>
public sealed class RolloutCapacityRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.RolloutCapacity,
        Severity.Warning,
        "rollout",
        "The extra pods of a Deployment rollout do not fit the allocatable resources of the nodes they can land on, or the namespace's ResourceQuota, so the rollout stalls with pods Pending.",
        "Lower maxSurge (use maxUnavailable instead), lower the pods' requests, add node capacity, or raise the ResourceQuota to leave room for the surge.");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var inventory = context.Nodes;
        foreach (var m in context.Manifests.All.Where(RolloutRisk.IsDeployment))
        {
            if (RolloutRisk.Budgets(m) is not { Replicas: > 0, EffectiveMaxSurge: > 0 } budgets || Workloads.PodSpec(m) is not { } spec)
            {
                continue;
            }

            var at = budgets.MaxSurgeAt ?? m.At("spec", "strategy") ?? m.At("spec", "replicas") ?? m.At("spec") ?? m.Located;
            var atKey = budgets.MaxSurgeAt is null;
            var perPod = RolloutRisk.Requests(spec);
            var peak = budgets.Replicas + budgets.EffectiveMaxSurge;
            var what = Invariant($"a rollout of Deployment \"{m.Name}\" peaks at {peak} pods ({budgets.Replicas} replicas + {budgets.EffectiveMaxSurge} surge)");
            if (inventory.Count > 0 && NodeShortfall(context, m, spec, inventory, perPod, peak) is { } nodes)
            {
                yield return Report(m, at, $"{what}; {nodes}: the surge pods would stay Pending and the rollout stall", atKey: atKey);
            }

            foreach (var quota in context.Manifests.InNamespace(m.Namespace).Where(q => q.IsKind(string.Empty, "ResourceQuota")))
            {
                if (QuotaShortfall(context, m, quota, inventory, perPod, peak) is { } exceeded)
                {
                    yield return Report(m, at, $"{what}; with the other workloads of namespace \"{m.Namespace}\" that exceeds ResourceQuota \"{quota.Name}\": {exceeded}: the surge pods would be refused and the rollout stall", atKey: atKey);
                }
            }
        }
    }

    private static string? NodeShortfall(AnalysisContext context, Manifest deployment, Located spec, IReadOnlyList<ClusterNode> inventory, PodRequests perPod, int peak)
    {
        var landing = RolloutRisk.LandingNodes(spec, inventory);
        if (landing.Count == 0)
        {
            return null; // no-feasible-node reports that
        }

        var names = landing.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var others = default(PodRequests);
        var otherPods = 0L;
        foreach (var w in context.Manifests.All)
        {
            if (ReferenceEquals(w, deployment) || !CountsForCapacity(w) || Workloads.PodSpec(w) is not { } wSpec)
            {
                continue;
            }

            int pods;
            if (Workloads.IsDaemonSet(w))
            {
                // One daemon pod on every eligible node: exactly the ones among the landing nodes.
                pods = DaemonSetPlacement.EligibleNodes(wSpec, inventory).Count(n => names.Contains(n.Name));
            }
            else
            {
                // Simplification: only pods that must land on these nodes count; pods that can go elsewhere too do not.
                var wLanding = RolloutRisk.LandingNodes(wSpec, inventory);
                pods = wLanding.Count > 0 && wLanding.All(n => names.Contains(n.Name)) ? PodCount(context.Manifests, w) : 0;
            }

            others += RolloutRisk.Requests(wSpec) * pods;
            otherPods += pods;
        }

        var problems = new List<string>();
        if (perPod.Cpu > 0 && Sum(landing, n => n.AllocatableCpu) is { } cpu && others.Cpu + (perPod.Cpu * peak) > cpu)
        {
            problems.Add($"cpu {RolloutRisk.Cpu(others.Cpu + (perPod.Cpu * peak))} requested of {RolloutRisk.Cpu(cpu)} allocatable");
        }

        if (perPod.Memory > 0 && Sum(landing, n => n.AllocatableMemory) is { } memory && others.Memory + (perPod.Memory * peak) > memory)
        {
            problems.Add($"memory {RolloutRisk.Memory(others.Memory + (perPod.Memory * peak))} requested of {RolloutRisk.Memory(memory)} allocatable");
        }

        if (Sum(landing, n => n.AllocatablePods) is { } podCapacity && otherPods + peak > podCapacity)
        {
            problems.Add(Invariant($"{otherPods + peak} pods of {podCapacity} allowed"));
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var where = landing.Count == 1 ? Invariant($"the node it can land on ({landing[0].Name})") : Invariant($"the {landing.Count} nodes it can land on ({string.Join(", ", landing.Select(n => n.Name))})");
        return Invariant($"with the other workloads of the input on {where} that needs {string.Join(", ", problems)}");
    }

    private static string? QuotaShortfall(AnalysisContext context, Manifest deployment, Manifest quota, IReadOnlyList<ClusterNode> inventory, PodRequests perPod, int peak)
    {
        var hard = quota.At("spec", "hard");
        if (hard is null || quota.At("spec", "scopes") is not null || quota.At("spec", "scopeSelector") is not null)
        {
            return null; // scoped quotas count only some pods: not estimated
        }

        var used = perPod * peak;
        var pods = (long)peak;
        foreach (var w in context.Manifests.InNamespace(deployment.Namespace))
        {
            if (ReferenceEquals(w, deployment) || !CountsForCapacity(w) || Workloads.PodSpec(w) is not { } wSpec)
            {
                continue;
            }

            var count = Workloads.IsDaemonSet(w)
                ? inventory.Count > 0 ? DaemonSetPlacement.EligibleNodes(wSpec, inventory).Count : 0
                : PodCount(context.Manifests, w);
            used += RolloutRisk.Requests(wSpec) * count;
            pods += count;
        }

        var problems = new List<string>();
        foreach (var key in new[] { "requests.cpu", "cpu" })
        {
            if (Validation.Quantity.Read(hard.Value.Get(key))?.ToDecimal() is { } limit && perPod.Cpu > 0 && used.Cpu > limit)
            {
                problems.Add($"{key} {RolloutRisk.Cpu(used.Cpu)} of {RolloutRisk.Cpu(limit)}");
            }
        }

        foreach (var key in new[] { "requests.memory", "memory" })
        {
            if (Validation.Quantity.Read(hard.Value.Get(key))?.ToDecimal() is { } limit && perPod.Memory > 0 && used.Memory > limit)
            {
                problems.Add($"{key} {RolloutRisk.Memory(used.Memory)} of {RolloutRisk.Memory(limit)}");
            }
        }

        foreach (var key in new[] { "pods", "count/pods" })
        {
            if (Validation.Quantity.Read(hard.Value.Get(key))?.ToDecimal() is { } limit && pods > limit)
            {
                problems.Add(Invariant($"{key} {pods} of {limit}"));
            }
        }

        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    /// <summary>Long-running pods: replicated workloads, DaemonSets and bare Pods (Jobs come and go).</summary>
    private static bool CountsForCapacity(Manifest m) =>
        RolloutRisk.IsReplicated(m) || Workloads.IsDaemonSet(m) || m.IsKind(string.Empty, "Pod");

    private static int PodCount(ManifestSet set, Manifest w) => w.IsKind(string.Empty, "Pod") ? 1 : RolloutRisk.LowestReplicas(set, w);

    /// <summary>The sum over the nodes, or null when any of them does not state the value.</summary>
    private static decimal? Sum(IReadOnlyList<ClusterNode> nodes, Func<ClusterNode, decimal?> value)
    {
        var total = 0m;
        foreach (var n in nodes)
        {
            if (value(n) is not { } v)
            {
                return null;
            }

            total += v;
        }

        return total;
    }
}
