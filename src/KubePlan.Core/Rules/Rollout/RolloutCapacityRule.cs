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

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Node", "ResourceQuota", "HorizontalPodAutoscaler", "PriorityClass", "LimitRange");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var inventory = context.Nodes;
        var quotas = new QuotaUsage(context);
        foreach (var quota in quotas.Overcommitted())
        {
            yield return quota;
        }

        foreach (var m in context.Manifests.Unique.Where(RolloutRisk.IsDeployment))
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

            foreach (var (quota, exceeded) in quotas.SurgeShortfalls(m, spec, perPod, budgets.EffectiveMaxSurge))
            {
                yield return Report(m, at, $"{what}; with the other workloads of namespace \"{m.Namespace}\" that exceeds ResourceQuota \"{quota.Name}\": {exceeded}: the surge pods would be refused and the rollout stall", atKey: atKey);
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
        foreach (var w in context.Manifests.Unique)
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

    /// <summary>
    /// The namespaces' ResourceQuotas against the input's long-running pods, summed once per quota.
    /// Quota admission counts a pod only against quotas whose scopes match it, and refuses a pod
    /// whose creation would take the quota's used amount past hard. When the workloads of the input
    /// already exceed a quota at their replica counts, that is one finding at the quota (the input
    /// does not fit it, or holds unrelated apps that are not deployed together): the rollouts of
    /// that namespace are not reported against it again.
    /// </summary>
    private sealed class QuotaUsage
    {
        private static readonly string[] CpuKeys = ["requests.cpu", "cpu"];
        private static readonly string[] MemoryKeys = ["requests.memory", "memory"];
        private static readonly string[] PodKeys = ["pods", "count/pods"];
        private readonly RolloutCapacityRule _rule = new();
        private readonly List<QuotaState> _quotas = [];

        public QuotaUsage(AnalysisContext context)
        {
            foreach (var quota in context.Manifests.Unique.Where(q => q.IsKind(string.Empty, "ResourceQuota")))
            {
                if (quota.At("spec", "hard") is not { Mapping: not null } hard)
                {
                    continue;
                }

                var used = default(PodRequests);
                var pods = 0L;
                var modelled = true;
                foreach (var w in context.Manifests.InNamespace(quota.Namespace))
                {
                    if (!CountsForCapacity(w) || context.Manifests.IsRepeat(w) || Workloads.PodSpec(w) is not { } wSpec)
                    {
                        continue;
                    }

                    if (QuotaScopes.Counts(quota, wSpec) is not { } counts)
                    {
                        modelled = false; // a scope this check does not model: leave the quota out
                        break;
                    }

                    if (counts)
                    {
                        var count = Workloads.IsDaemonSet(w)
                            ? context.Nodes.Count > 0 ? DaemonSetPlacement.EligibleNodes(wSpec, context.Nodes).Count : 0
                            : PodCount(context.Manifests, w);
                        used += RolloutRisk.Requests(wSpec) * count;
                        pods += count;
                    }
                }

                if (modelled)
                {
                    _quotas.Add(new QuotaState(quota, hard, used, pods, Exceeded(hard, used, pods, checkCpu: true, checkMemory: true)));
                }
            }
        }

        /// <summary>One finding per quota that the input's workloads exceed before any rollout.</summary>
        public IEnumerable<Diagnostic> Overcommitted() =>
            _quotas.Where(q => q.Over is not null).Select(q => _rule.Report(q.Quota, q.Hard,
                $"the workloads of namespace \"{q.Quota.Namespace}\" in the input already exceed ResourceQuota \"{q.Quota.Name}\" at their replica counts ({q.Over}): quota admission refuses the pods past it even without a rollout",
                "Raise the quota to what the namespace's workloads request, lower their replicas or requests, or lint the apps that share this namespace together only if they are deployed together.",
                atKey: true));

        /// <summary>The quotas (not already exceeded) that the surge pods of this Deployment take past hard.</summary>
        public IEnumerable<(Manifest Quota, string Exceeded)> SurgeShortfalls(Manifest deployment, Located spec, PodRequests perPod, int surge)
        {
            foreach (var q in _quotas)
            {
                if (q.Over is null && q.Quota.Namespace == deployment.Namespace && QuotaScopes.Counts(q.Quota, spec) == true
                    && Exceeded(q.Hard, q.Used + (perPod * surge), q.Pods + surge, perPod.Cpu > 0, perPod.Memory > 0) is { } exceeded)
                {
                    yield return (q.Quota, exceeded);
                }
            }
        }

        // A class, not a tuple: a list of a value type holding Located and PodRequests is generic code compiled at run time.
        private sealed record QuotaState(Manifest Quota, Located Hard, PodRequests Used, long Pods, string? Over);

        private static string? Exceeded(Located hard, PodRequests used, long pods, bool checkCpu, bool checkMemory)
        {
            var problems = new List<string>();
            foreach (var key in checkCpu ? CpuKeys : [])
            {
                if (Validation.Quantity.Read(hard.Get(key))?.ToDecimal() is { } limit && used.Cpu > limit)
                {
                    problems.Add($"{key} {RolloutRisk.Cpu(used.Cpu)} of {RolloutRisk.Cpu(limit)}");
                }
            }

            foreach (var key in checkMemory ? MemoryKeys : [])
            {
                if (Validation.Quantity.Read(hard.Get(key))?.ToDecimal() is { } limit && used.Memory > limit)
                {
                    problems.Add($"{key} {RolloutRisk.Memory(used.Memory)} of {RolloutRisk.Memory(limit)}");
                }
            }

            foreach (var key in PodKeys)
            {
                if (Validation.Quantity.Read(hard.Get(key))?.ToDecimal() is { } limit && pods > limit)
                {
                    problems.Add(Invariant($"{key} {pods} of {limit}"));
                }
            }

            return problems.Count == 0 ? null : string.Join(", ", problems);
        }
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
