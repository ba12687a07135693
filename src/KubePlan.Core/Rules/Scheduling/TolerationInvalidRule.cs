using KubePlan.Manifests;
using KubePlan.Diagnostics;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Scheduling;

/// <summary>Tolerations the API server rejects (<c>ValidateTolerations</c>).</summary>
public sealed class TolerationInvalidRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.TolerationInvalid,
        Severity.Error,
        "scheduling",
        "A toleration that the API server rejects: a value with Exists, an unknown operator or effect, tolerationSeconds without NoExecute, or an invalid key or value.",
        "Write tolerations as key, operator (Equal or Exists), value (only with Equal) and effect (NoSchedule, PreferNoSchedule or NoExecute).");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var manifest in context.Manifests.All)
        {
            if (Workloads.PodSpec(manifest)?.Get("tolerations") is not { } tolerations)
            {
                continue;
            }

            foreach (var problem in Toleration.Validate(tolerations))
            {
                yield return Report(manifest, problem.At, problem.Message, problem.Hint, problem.AtKey);
            }
        }
    }
}
