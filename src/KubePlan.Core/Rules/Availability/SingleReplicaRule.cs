using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules.Rollout;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Availability;

/// <summary>
/// A Deployment or StatefulSet that runs one replica while the input treats it as something that
/// must stay up: a PodDisruptionBudget selects its pods, or a Service sends traffic to them. Every
/// node drain, eviction or (for a StatefulSet) rollout then takes it down completely. Off by
/// default: many workloads run one replica on purpose. An autoscaled workload counts at its HPA's
/// minReplicas.
/// </summary>
public sealed class SingleReplicaRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SingleReplica,
        Severity.Warning,
        "availability",
        "A Deployment or StatefulSet with one replica that a PodDisruptionBudget or Service treats as highly available, so every drain or restart is an outage.",
        "Run at least two replicas (spec.replicas, or the HorizontalPodAutoscaler's minReplicas).")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("HorizontalPodAutoscaler", "PodDisruptionBudget", "Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        var guardedBy = new Dictionary<Manifest, Manifest>(ReferenceEqualityComparer.Instance);
        foreach (var guard in set.Unique)
        {
            var selector = guard.IsKind("policy", "PodDisruptionBudget") || guard.IsKind(string.Empty, "Service") ? set.SelectorOf(guard)!.Parsed : null;
            if (selector is { IsValid: true, Selector: { IsNil: false, IsEmpty: false } s })
            {
                foreach (var target in set.PodTemplates.Selected(guard.Namespace, s))
                {
                    guardedBy.TryAdd(target, guard);
                }
            }
        }

        foreach (var m in set.Unique)
        {
            if ((m.Group, m.Kind) is not (("apps", "Deployment" or "StatefulSet") or ("extensions", "Deployment")) || !guardedBy.TryGetValue(m, out var guard))
            {
                continue;
            }

            if (RolloutRisk.LowestReplicas(set, m) == 1)
            {
                var why = guard.Kind == "Service"
                    ? $"Service \"{guard.Name}\" sends traffic to it"
                    : $"PodDisruptionBudget \"{guard.Name}\" guards its availability";
                yield return Report(m, m.At("spec", "replicas") ?? m.At("spec") ?? m.Located,
                    $"{m.Kind} \"{m.Name}\" runs a single replica although {why}: every node drain, eviction or restart is an outage",
                    atKey: m.At("spec", "replicas") is null);
            }
        }
    }
}
