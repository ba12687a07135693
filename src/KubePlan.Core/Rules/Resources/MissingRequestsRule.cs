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

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                if (!container.IsLongRunning)
                {
                    continue;
                }

                var resources = container.Resources;
                var requests = resources?.Get("requests");
                var limits = resources?.Get("limits");
                var missing = (Missing(requests, limits, "cpu"), Missing(requests, limits, "memory")) switch
                {
                    (true, true) => "cpu or memory",
                    (true, false) => "cpu",
                    (false, true) => "memory",
                    _ => null,
                };
                if (missing is not null)
                {
                    yield return Report(pod.Manifest, resources ?? container.NameOrSelf,
                        $"{container.Describe()} has no {missing} request: the scheduler places the pod as if it needed none, and it is among the first evicted when the node runs short",
                        atKey: resources is not null);
                }
            }
        }
    }

    /// <summary>Neither a request nor a limit (which the API server copies into the request) for the resource.</summary>
    private static bool Missing(Located? requests, Located? limits, string resource) =>
        requests?.Get(resource) is null && limits?.Get(resource) is null;
}
