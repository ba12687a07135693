using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// A rolling update trusts readiness: a pod without a readiness probe counts as available as
/// soon as its containers start, so the controller removes old pods before new ones can serve.
/// </summary>
public sealed class NoReadinessProbeRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.NoReadinessProbe,
        Severity.Warning,
        "rollout",
        "A RollingUpdate workload whose containers have no readiness probe, so a zero-downtime rollout is not guaranteed.",
        "Add a readinessProbe that succeeds only when the container can serve traffic.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            if (!IsRollingWorkload(m) || Workloads.PodSpec(m) is not { } spec)
            {
                continue;
            }

            foreach (var container in Workloads.Containers(spec))
            {
                if (container.Mapping is not null && container.Get("readinessProbe") is null)
                {
                    var name = container.Get("name")?.String ?? "?";
                    yield return Report(m, container.Get("name") ?? container,
                        $"container \"{name}\" of {m.Kind} \"{m.Name}\" has no readinessProbe: during a rolling update its pods count as available as soon as they start, before they can serve");
                }
            }
        }
    }

    private static bool IsRollingWorkload(Manifest m) =>
        m.Kind is "Deployment" or "StatefulSet" or "DaemonSet" && Workloads.StrategyType(m) == "RollingUpdate";
}
