using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Resources;

/// <summary>
/// A long-running container without a memory limit: a leak grows until the node runs out of
/// memory and the kernel kills processes of other pods too. CPU limits are left alone on
/// purpose: they throttle, and many teams rightly run without them.
/// </summary>
public sealed class MissingLimitsRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.MissingLimits,
        Severity.Warning,
        "resources",
        "A container without a memory limit, so a leak can exhaust the node's memory.",
        "Set resources.limits.memory (at or above the memory request).")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                var resources = container.Resources;
                if (container.IsLongRunning && resources?.Get("limits")?.Get("memory") is null)
                {
                    yield return Report(pod.Manifest, resources?.Get("limits") ?? resources ?? container.NameOrSelf,
                        $"{container.Describe()} has no memory limit: a leak grows until the node runs out of memory and the kernel kills processes of other pods too",
                        atKey: resources is not null);
                }
            }
        }
    }
}
