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

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        // Every kind with a pod spec, PodTemplate included: the API server validates them all.
        foreach (var pod in context.PodSpecsWithTemplates)
        {
            var m = pod.Manifest;
            foreach (var container in pod.Containers)
            {
                var resources = container.Resources;
                if (resources?.Get("limits") is not { } limits)
                {
                    continue;
                }

                foreach (var request in resources.Value.Get("requests")?.Entries() ?? [])
                {
                    // Only a request with a limit beside it is parsed; most have none (a CPU request without a CPU limit).
                    var name = request.KeyText!;
                    if (limits.Get(name) is { } limitAt && Quantity.Read(request) is { } requested && Quantity.Read(limitAt) is { } limit
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
