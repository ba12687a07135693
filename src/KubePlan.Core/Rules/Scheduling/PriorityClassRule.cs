using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Scheduling;

/// <summary>
/// A pod template without priorityClassName: its pods get the cluster's default priority (0
/// unless a PriorityClass is marked globalDefault), so under pressure the scheduler may preempt
/// them for less important work, or not preempt for them. Off by default: small clusters often
/// need no priorities.
/// </summary>
public sealed class PriorityClassRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PriorityClass,
        Severity.Warning,
        "scheduling",
        "A pod template without priorityClassName, so its pods get the default priority when the cluster must preempt.",
        "Set spec.priorityClassName to a PriorityClass that says how important the workload is.")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (m, spec) in Workloads.PodSpecs(context.Manifests.All))
        {
            if (spec.Get("priorityClassName") is not { String.Length: > 0 })
            {
                yield return Report(m, spec, $"{m.Kind} \"{m.Name}\" sets no priorityClassName: its pods get the default priority when the scheduler must preempt", atKey: true);
            }
        }
    }
}
