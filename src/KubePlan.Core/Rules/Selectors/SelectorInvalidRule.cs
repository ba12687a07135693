using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Selectors;

/// <summary>
/// Selectors the API server rejects (<c>ValidateLabelSelector</c>, <c>ValidateNodeSelector</c>,
/// <c>ValidateLabels</c>): workload, Service, NetworkPolicy and PodDisruptionBudget selectors, and
/// the label and node selectors inside pod specs.
/// </summary>
public sealed class SelectorInvalidRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SelectorInvalid,
        Severity.Error,
        "selectors",
        "A label or node selector that the API server rejects: unknown operator, missing or extra values, invalid keys or values.",
        "Use In/NotIn with values, Exists/DoesNotExist without values, and valid label keys and values.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var manifest in context.Manifests.All)
        {
            foreach (var problem in Problems(context.Manifests, manifest))
            {
                yield return Report(manifest, problem.At, problem.Message, problem.Hint, problem.AtKey);
            }
        }
    }

    private static IEnumerable<SelectorProblem> Problems(ManifestSet set, Manifest m)
    {
        // The object's own selector (spec.selector, a CronJob's job template's, a NetworkPolicy's podSelector), parsed once per run.
        foreach (var p in set.SelectorOf(m)?.Parsed.Problems ?? [])
        {
            yield return p;
        }

        if (m.IsKind("networking.k8s.io", "NetworkPolicy") && m.At("spec") is { } spec)
        {
            foreach (var p in NetworkPolicyPeers(spec))
            {
                yield return p;
            }
        }

        if (Workloads.PodSpec(m) is { } podSpec)
        {
            foreach (var p in PodSpec(podSpec))
            {
                yield return p;
            }
        }
    }

    private static IEnumerable<SelectorProblem> Selector(Located? at) => at is null ? [] : LabelSelector.Parse(at).Problems;

    /// <summary>The pod and namespace selectors of a NetworkPolicy's ingress and egress peers.</summary>
    private static IEnumerable<SelectorProblem> NetworkPolicyPeers(Located spec)
    {
        var selectors = new List<Located?>();
        foreach (var (direction, peers) in new[] { ("ingress", "from"), ("egress", "to") })
        {
            foreach (var rule in spec.Get(direction)?.Items() ?? [])
            {
                foreach (var peer in rule.Get(peers)?.Items() ?? [])
                {
                    selectors.Add(peer.Get("podSelector"));
                    selectors.Add(peer.Get("namespaceSelector"));
                }
            }
        }

        return selectors.SelectMany(Selector);
    }

    private static IEnumerable<SelectorProblem> PodSpec(Located podSpec)
    {
        var problems = new List<SelectorProblem>();
        if (podSpec.Get("nodeSelector") is { } nodeSelector)
        {
            problems.AddRange(LabelSelector.ParseMap(nodeSelector).Problems);
        }

        var nodeAffinity = podSpec.At("affinity", "nodeAffinity");
        if (nodeAffinity?.Get("requiredDuringSchedulingIgnoredDuringExecution") is { } required)
        {
            problems.AddRange(NodeSelector.Validate(required));
        }

        foreach (var preferred in nodeAffinity?.Get("preferredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [])
        {
            if (preferred.Get("preference") is { } preference)
            {
                problems.AddRange(NodeSelector.ValidateTerm(preference));
            }
        }

        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            var affinity = podSpec.At("affinity", kind);
            var terms = (affinity?.Get("requiredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [])
                .Concat((affinity?.Get("preferredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [])
                    .Select(p => p.Get("podAffinityTerm")).OfType<Located>());
            foreach (var term in terms)
            {
                problems.AddRange(Selector(term.Get("labelSelector")));
                problems.AddRange(Selector(term.Get("namespaceSelector")));
            }
        }

        foreach (var constraint in podSpec.Get("topologySpreadConstraints")?.Items() ?? [])
        {
            problems.AddRange(Selector(constraint.Get("labelSelector")));
        }

        return problems;
    }
}
