using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.Resources;

/// <summary>
/// A resource request above its limit: the API server rejects the object
/// (ValidateResourceRequirements: "must be less than or equal to … limit"). This rule owns that
/// check; api-validation leaves it out so the mistake is one finding.
/// </summary>
public sealed class RequestsExceedLimitsRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.RequestsExceedLimits,
        Severity.Error,
        "resources",
        "A container resource request above its limit, which the API server rejects.",
        "Lower the request to at most the limit, or raise the limit.");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        // Every kind with a pod spec, PodTemplate included: the API server validates them all.
        foreach (var m in context.Manifests.All)
        {
            if (Workloads.PodSpec(m) is not { } spec)
            {
                continue;
            }

            foreach (var container in Workloads.AllContainers(spec))
            {
                var resources = container.At.Get("resources");
                var limits = resources?.Get("limits");
                foreach (var request in resources?.Get("requests")?.Entries() ?? [])
                {
                    var name = request.Key!.KeyText;
                    if (Quantity.Read(request) is { } requested && limits?.Get(name) is { } limitAt && Quantity.Read(limitAt) is { } limit
                        && requested.Sign >= 0 && requested > limit)
                    {
                        yield return Report(m, request,
                            $"{name} request {Text(request)} of {container.Describe()} is above its limit {Text(limitAt)}: the API server rejects the object (a request must be less than or equal to its limit)");
                    }
                }
            }
        }
    }

    private static string Text(Located at) => at.Node is YScalar s ? s.KeyText : "?";
}
