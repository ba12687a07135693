using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// A rolling update trusts readiness: a pod without a readiness probe counts as available as
/// soon as its containers start, so the controller removes old pods before new ones can serve.
/// Quiet on workloads that serve nothing: no container port and no Service selecting them.
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

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        HashSet<Manifest>? selectedByServices = null;
        foreach (var pod in context.PodSpecs)
        {
            var m = pod.Manifest;
            if (!IsRollingWorkload(m))
            {
                continue;
            }

            // Readiness gates traffic: a pod that declares no port and that no Service selects serves
            // nothing (a queue worker, a node agent), and a probe would guard nothing.
            var anyPorts = pod.Containers.Any(c => c.Role == ContainerRole.App && HasPorts(c));
            if (!anyPorts)
            {
                selectedByServices ??= SelectedByServices(context.Manifests);
                if (!selectedByServices.Contains(m))
                {
                    continue;
                }
            }

            // The serving (app) containers: those that declare ports, or every one when none does.
            foreach (var container in pod.Containers)
            {
                if (container.Role == ContainerRole.App && (!anyPorts || HasPorts(container)) && container.ReadinessProbe is null)
                {
                    yield return Report(m, container.NameOrSelf,
                        $"container \"{container.Name}\" of {m.Kind} \"{m.Name}\" has no readinessProbe: during a rolling update its pods count as available as soon as they start, before they can serve");
                }
            }
        }
    }

    private static bool HasPorts(ContainerView container) => container.Ports is { Sequence.Items.Count: > 0 };

    /// <summary>The workloads some Service of their namespace selects (spec.selector, a plain label map), from the run's label index.</summary>
    private static HashSet<Manifest> SelectedByServices(ManifestSet set)
    {
        var selected = new HashSet<Manifest>(ReferenceEqualityComparer.Instance);
        foreach (var service in set.Unique.Where(m => m.IsKind(string.Empty, "Service")))
        {
            var parsed = LabelSelector.ParseMap(service.At("spec", "selector"));
            if (parsed.IsValid && !parsed.Selector.IsNil && !parsed.Selector.IsEmpty)
            {
                selected.UnionWith(set.PodTemplates.Selected(service.Namespace, parsed.Selector));
            }
        }

        return selected;
    }

    private static bool IsRollingWorkload(Manifest m) =>
        m.Kind is "Deployment" or "StatefulSet" or "DaemonSet" && Workloads.StrategyType(m) == "RollingUpdate";
}
