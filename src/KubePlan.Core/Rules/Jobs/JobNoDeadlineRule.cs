using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Jobs;

/// <summary>
/// A Job (or a CronJob's job template) without activeDeadlineSeconds. backoffLimit (default 6)
/// bounds how often failed pods are retried, but nothing bounds a pod that hangs: the Job runs
/// until someone notices. Off by default: the right deadline depends on the work. A pod-level
/// activeDeadlineSeconds in the template bounds each pod and is accepted too.
/// </summary>
public sealed class JobNoDeadlineRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.JobNoDeadline,
        Severity.Warning,
        "jobs",
        "A Job or CronJob without activeDeadlineSeconds, so a hung run is never stopped.",
        "Set spec.activeDeadlineSeconds (for a CronJob, spec.jobTemplate.spec.activeDeadlineSeconds) to the longest a run may take.")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            var jobSpec = (m.Group, m.Kind) switch
            {
                ("batch", "Job") => m.At("spec"),
                ("batch", "CronJob") => m.At("spec", "jobTemplate", "spec"),
                _ => null,
            };
            if (jobSpec is not { Mapping: not null } spec || spec.Get("activeDeadlineSeconds") is not null
                || spec.At("template", "spec", "activeDeadlineSeconds") is not null)
            {
                continue;
            }

            var backoff = spec.Get("backoffLimit")?.Scalar?.AsInt64() ?? 6;
            yield return Report(m, spec, $"{m.Kind} \"{m.Name}\" has no activeDeadlineSeconds: backoffLimit ({backoff}) bounds retries of failed pods, but a pod that hangs runs until someone deletes it", atKey: true);
        }
    }
}
