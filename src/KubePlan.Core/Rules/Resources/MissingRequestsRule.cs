using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Resources;

/// <summary>
/// A long-running container (app container or sidecar) without a CPU or memory request: the
/// scheduler places the pod as if it used nothing, nodes get overcommitted, and the pod is the
/// first to be evicted under memory pressure. A limit without a request counts as the request,
/// as the API server defaults it. Init containers run to completion and are not asked.
/// </summary>
public sealed class MissingRequestsRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.MissingRequests,
        Severity.Warning,
        "resources",
        "A container without a CPU or memory request, so the scheduler places it as if it used nothing.",
        "Set resources.requests.cpu and resources.requests.memory to what the container needs at steady load.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (m, spec) in Workloads.PodSpecs(context.Manifests.All))
        {
            foreach (var container in Workloads.AllContainers(spec).Where(c => c.IsLongRunning))
            {
                var resources = container.At.Get("resources");
                var missing = new[] { "cpu", "memory" }
                    .Where(r => resources?.At("requests", r) is null && resources?.At("limits", r) is null).ToList();
                if (missing.Count > 0)
                {
                    yield return Report(m, resources ?? container.NameOrSelf,
                        $"{container.Describe()} has no {string.Join(" or ", missing)} request: the scheduler places the pod as if it needed none, and it is among the first evicted when the node runs short",
                        atKey: resources is not null);
                }
            }
        }
    }
}
