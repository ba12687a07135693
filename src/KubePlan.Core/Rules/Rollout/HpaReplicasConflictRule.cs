using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// An autoscaler owns spec.replicas of its target; a manifest that also sets it resets the
/// autoscaler's choice on every apply (a scale-down to the written count, then back up).
/// </summary>
public sealed class HpaReplicasConflictRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.HpaReplicasConflict,
        Severity.Warning,
        "rollout",
        "spec.replicas set on a workload that a HorizontalPodAutoscaler scales, so every apply fights the autoscaler.",
        "Remove spec.replicas from the workload's manifest and let the HorizontalPodAutoscaler own the count.");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (hpa, target) in Autoscalers.Targets(context.Manifests))
        {
            if (target.At("spec", "replicas") is { } replicas)
            {
                var min = hpa.At("spec", "minReplicas")?.Scalar?.AsInt64() ?? 1;
                var max = hpa.At("spec", "maxReplicas")?.Scalar?.AsInt64();
                var range = max is null ? $"from {min}" : $"{min}–{max}";
                yield return Report(target, replicas,
                    $"spec.replicas is set on {target.Kind} \"{target.Name}\", which HorizontalPodAutoscaler \"{hpa.Name}\" scales ({range} replicas): every apply resets the count the autoscaler chose",
                    atKey: true);
            }
        }
    }
}

/// <summary>HorizontalPodAutoscalers and the workloads they scale.</summary>
public static class Autoscalers
{
    public static IEnumerable<(Manifest Hpa, Manifest Target)> Targets(ManifestSet set)
    {
        foreach (var hpa in set.OfKind("autoscaling", "HorizontalPodAutoscaler"))
        {
            if (Target(set, hpa) is { } target)
            {
                yield return (hpa, target);
            }
        }
    }

    /// <summary>The object named by the HPA's scaleTargetRef, in the HPA's namespace.</summary>
    public static Manifest? Target(ManifestSet set, Manifest hpa)
    {
        var reference = hpa.At("spec", "scaleTargetRef");
        var kind = reference?.Get("kind")?.String;
        var name = reference?.Get("name")?.String;
        if (kind is null || name is null)
        {
            return null;
        }

        var (group, _) = KubernetesKinds.SplitApiVersion(reference?.Get("apiVersion")?.String);
        return set.Find(new ObjectKey(group, kind, hpa.Namespace, name));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManifestSet, Dictionary<Manifest, Manifest>> ByTarget = [];

    /// <summary>The autoscaler that targets a workload, if any (indexed once per set: rules ask per workload).</summary>
    public static Manifest? For(ManifestSet set, Manifest workload)
    {
        var index = ByTarget.GetValue(set, s =>
        {
            var map = new Dictionary<Manifest, Manifest>(ReferenceEqualityComparer.Instance);
            foreach (var (hpa, target) in Targets(s))
            {
                map.TryAdd(target, hpa);
            }

            return map;
        });
        return index.GetValueOrDefault(workload);
    }
}
