using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules.Rollout;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Availability;

/// <summary>
/// A Deployment or StatefulSet with more than one replica and nothing that spreads its pods: no
/// pod anti-affinity and no topology spread constraint on the hostname or zone that selects its
/// own pods. The scheduler may then put every replica on one node, and losing that node loses them
/// all. Off by default: the scheduler's default spreading often suffices.
/// </summary>
public sealed class NoAntiAffinityRule : Rule
{
    private static readonly HashSet<string> SpreadKeys = new(StringComparer.Ordinal)
    {
        "kubernetes.io/hostname", "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone",
    };

    public override RuleInfo Info { get; } = new(
        RuleIds.NoAntiAffinity,
        Severity.Warning,
        "availability",
        "A multi-replica Deployment or StatefulSet with neither pod anti-affinity nor a topology spread constraint on hostname or zone, so all replicas may share one node.",
        "Add a topologySpreadConstraint (or a preferred podAntiAffinity term) on kubernetes.io/hostname or topology.kubernetes.io/zone that selects the workload's own pods.")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("HorizontalPodAutoscaler");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            if ((m.Group, m.Kind) is not (("apps", "Deployment" or "StatefulSet") or ("extensions", "Deployment"))
                || Workloads.PodSpec(m) is not { } spec || RolloutRisk.LowestReplicas(context.Manifests, m) < 2)
            {
                continue;
            }

            var labels = Workloads.TemplateLabels(m);
            if (!Spreads(spec, labels))
            {
                yield return Report(m, m.At("spec", "replicas") ?? m.At("spec") ?? m.Located,
                    $"{m.Kind} \"{m.Name}\" runs several replicas but neither pod anti-affinity nor a topology spread constraint on hostname or zone keeps them apart: one node can hold them all",
                    atKey: m.At("spec", "replicas") is null);
            }
        }
    }

    private static bool Spreads(Located spec, IReadOnlyDictionary<string, string> ownLabels)
    {
        foreach (var constraint in spec.Get("topologySpreadConstraints")?.Items() ?? [])
        {
            if (constraint.Get("topologyKey")?.String is { } key && SpreadKeys.Contains(key) && SelectsOwn(constraint.Get("labelSelector"), ownLabels))
            {
                return true;
            }
        }

        var anti = spec.At("affinity", "podAntiAffinity");
        var terms = (anti?.Get("requiredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [])
            .Concat((anti?.Get("preferredDuringSchedulingIgnoredDuringExecution")?.Items() ?? []).Select(p => p.Get("podAffinityTerm") ?? p));
        return terms.Any(t => t.Get("topologyKey")?.String is { } key && SpreadKeys.Contains(key) && SelectsOwn(t.Get("labelSelector"), ownLabels));
    }

    /// <summary>A term counts when its selector matches the workload's own pods (a term about other apps spreads nothing).</summary>
    private static bool SelectsOwn(Located? selector, IReadOnlyDictionary<string, string> ownLabels) =>
        LabelSelector.Parse(selector) is { IsValid: true } parsed && parsed.Selector.Matches(ownLabels);
}
