using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// A Service whose selector selects no pod: the endpoints controller finds no pods, the Service
/// has no endpoints, and every connection to it fails. Only checked when the input holds the
/// workloads of the Service's namespace; a Service without a selector (endpoints managed by hand)
/// and an ExternalName Service are not checked.
/// </summary>
public sealed class DanglingServiceRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DanglingService,
        Severity.Error,
        "references",
        "A Service whose selector selects no pod template in its namespace, so it has no endpoints and every connection to it fails.",
        "Make the Service's selector match the labels of the pod template it fronts (spec.template.metadata.labels), in the same namespace.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var pods = context.Manifests.PodTemplates;
        foreach (var service in Services.All(context.Manifests))
        {
            if (Services.PodSelector(context.Manifests, service) is not { } selector || !pods.HasPods(service.Namespace))
            {
                continue;
            }

            if (!pods.Select(service.Namespace, selector.Selector).Any())
            {
                yield return Report(service, selector.At,
                    $"Service \"{service.Name}\" selects no pods: no pod template in namespace \"{service.Namespace}\" carries {selector.Selector}, so the Service has no endpoints and connections to it fail",
                    atKey: true);
            }
        }
    }
}
