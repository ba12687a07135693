using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Jobs;

/// <summary>
/// A Job that no CronJob owns and that has no ttlSecondsAfterFinished: finished Jobs and their
/// pods stay in the cluster until deleted by hand, and re-applying the same Job name fails once
/// one exists. A CronJob's Jobs are pruned by its history limits and are not asked.
/// </summary>
public sealed class JobTtlRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.JobTtl,
        Severity.Warning,
        "jobs",
        "A Job not owned by a CronJob without ttlSecondsAfterFinished, so finished Jobs and their pods pile up.",
        "Set spec.ttlSecondsAfterFinished so the TTL controller deletes the finished Job (and its pods).")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All.Where(m => m.IsKind("batch", "Job")))
        {
            if (m.At("spec") is not { Mapping: not null } spec || spec.Get("ttlSecondsAfterFinished") is not null
                || m.At("metadata", "ownerReferences")?.Items().Any(r => r.Get("kind")?.String == "CronJob") == true)
            {
                continue;
            }

            yield return Report(m, spec, $"Job \"{m.Name}\" has no ttlSecondsAfterFinished: once finished, it and its pods stay until deleted by hand", atKey: true);
        }
    }
}
