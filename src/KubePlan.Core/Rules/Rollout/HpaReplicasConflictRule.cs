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

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("HorizontalPodAutoscaler");

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
