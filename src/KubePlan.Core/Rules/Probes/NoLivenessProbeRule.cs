using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Probes;

/// <summary>
/// A long-running container without a liveness probe: a process that hangs without exiting
/// (deadlock, exhausted pool) is never restarted. Off by default: a bad liveness probe does more
/// harm than none, and many processes exit on failure anyway. Jobs, CronJobs, Pods that do not
/// restart and init containers that run to completion are not asked.
/// </summary>
public sealed class NoLivenessProbeRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.NoLivenessProbe,
        Severity.Warning,
        "probes",
        "A long-running container without a liveness probe, so a process that hangs without exiting is never restarted.",
        "Add a livenessProbe that fails only when the process cannot recover by itself (not when a dependency is slow).")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            var m = pod.Manifest;
            if (!Workloads.RunsLongLived(m, pod.Spec))
            {
                continue;
            }

            foreach (var container in pod.Containers)
            {
                if (container.IsLongRunning && container.LivenessProbe is null)
                {
                    yield return Report(m, container.NameOrSelf,
                        $"{container.Describe()} of {m.Kind} \"{m.Name}\" has no livenessProbe: if its process hangs without exiting, the kubelet never restarts it");
                }
            }
        }
    }
}
