using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// A StatefulSet's serviceName is the governing Service that gives its pods stable DNS names
/// (<c>&lt;pod&gt;.&lt;serviceName&gt;.&lt;namespace&gt;.svc</c>). Cluster DNS publishes those records only for a
/// headless Service (<c>clusterIP: None</c>) whose selector selects the pods. A serviceName naming no
/// Service of the namespace (checked when the input holds Services there) leaves the pods without
/// those names (an error); a Service that is not headless, or that does not select the
/// StatefulSet's pods, publishes no per-pod records (a warning: a client that only uses the
/// Service's own name still works).
/// </summary>
public sealed class StatefulSetServiceRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.StatefulSetService,
        Severity.Error,
        "references",
        "A StatefulSet whose serviceName names no Service in the input, or a Service that is not headless (clusterIP: None) or does not select its pods, so the pods get no stable DNS names.",
        "Add a headless Service (clusterIP: None) named as spec.serviceName whose selector matches the StatefulSet's pod labels.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        foreach (var sts in set.OfKind("apps", "StatefulSet").Where(m => !set.IsRepeat(m)))
        {
            if (sts.At("spec", "serviceName") is not { String: { Length: > 0 } name } at || !set.HoldsKind(string.Empty, "Service", sts.Namespace))
            {
                continue;
            }

            if (Services.Find(set, sts.Namespace, name) is not { } service)
            {
                yield return Report(sts, at,
                    $"serviceName \"{name}\" of StatefulSet \"{sts.Name}\" names no Service in namespace \"{sts.Namespace}\" of the input: its pods get no stable DNS names ({sts.Name}-0.{name})");
                continue;
            }

            if (!Services.IsHeadless(service))
            {
                yield return Report(sts, at,
                    $"Service \"{name}\", the serviceName of StatefulSet \"{sts.Name}\", is not headless (clusterIP: None): cluster DNS publishes no per-pod names ({sts.Name}-0.{name}) for it",
                    "Make the governing Service headless (spec.clusterIP: None); keep a separate ClusterIP Service for clients that want one address.",
                    severity: Severity.Warning);
            }
            else if (Services.PodSelector(set, service) is { } selector && PodTemplateIndex.Match(selector.Selector, sts) == SelectorMatch.No)
            {
                yield return Report(sts, at,
                    $"headless Service \"{name}\", the serviceName of StatefulSet \"{sts.Name}\", does not select its pods ({selector.Selector}): cluster DNS publishes no per-pod names for them",
                    "Make the Service's selector match the StatefulSet's pod template labels.",
                    severity: Severity.Warning);
            }
        }
    }
}
