using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// Required pod anti-affinity on the hostname topology that matches the workload's own pods allows
/// one pod per node. With maxUnavailable 0 the controller only removes an old pod once a surge pod
/// is available, and a surge pod needs a node without a pod of the workload: when every node the
/// template can land on already holds one, the surge pod stays Pending and the rollout deadlocks.
/// </summary>
public sealed class RolloutAntiAffinityDeadlockRule : Rule
{
    public const string HostnameTopologyKey = "kubernetes.io/hostname";

    public override RuleInfo Info { get; } = new(
        RuleIds.RolloutAntiAffinityDeadlock,
        Severity.Error,
        "rollout",
        "A Deployment with required one-pod-per-node anti-affinity, maxUnavailable 0 and no spare node, so the surge pod can never be scheduled and the rollout deadlocks.",
        "Allow one pod to be unavailable (maxUnavailable 1), add a node the pods can land on, or make the anti-affinity preferred instead of required.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Node", "HorizontalPodAutoscaler");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        if (!context.HasNodeInventory)
        {
            // Without an inventory the number of nodes is unknown: no guess.
            yield break;
        }

        var inventory = context.Nodes;
        foreach (var m in context.Manifests.All.Where(RolloutRisk.IsDeployment))
        {
            if (RolloutRisk.Budgets(m) is not { Replicas: > 0 } budgets || budgets.EffectiveMaxUnavailable != 0
                || Workloads.PodSpec(m) is not { } spec || SelfAntiAffinity(m, spec) is not { } topologyKey)
            {
                continue;
            }

            var landing = RolloutRisk.LandingNodes(spec, inventory);

            // A node without the hostname label is no topology domain: anti-affinity never keeps a pod off it.
            if (landing.Count == 0 || landing.Any(n => !n.Labels.ContainsKey(HostnameTopologyKey)))
            {
                continue;
            }

            var domains = landing.Select(n => n.Labels[HostnameTopologyKey]).Distinct(StringComparer.Ordinal).Count();

            // Every old pod stays until a surge pod is available, so the first surge pod needs a node
            // beyond the replicas' own; with one spare node the rollout proceeds a node at a time.
            if (domains <= budgets.Replicas)
            {
                var nodes = string.Join(", ", landing.Select(n => n.Name));
                yield return Report(m, topologyKey,
                    Invariant($"required anti-affinity allows one pod of Deployment \"{m.Name}\" per node and maxUnavailable resolves to 0: its {budgets.Replicas} replicas need {budgets.Replicas + 1} nodes during a rollout (replicas + a surge pod), but it can land on {domains} ({nodes}); the surge pod stays Pending and the rollout deadlocks"));
            }
        }
    }

    /// <summary>
    /// The topologyKey of the first required anti-affinity term on the hostname topology whose
    /// selector matches the template's own pods in the workload's namespace, or null.
    /// </summary>
    internal static Located? SelfAntiAffinity(Manifest m, Located podSpec)
    {
        var labels = Workloads.TemplateLabels(m);
        var terms = podSpec.At("affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [];
        foreach (var term in terms)
        {
            if (term.Get("topologyKey") is not { String: HostnameTopologyKey } topologyKey)
            {
                continue;
            }

            // A nil selector matches no pod; matchLabelKeys with pod-template-hash scopes the term to one revision.
            var parsed = LabelSelector.Parse(term.Get("labelSelector"));
            var perRevision = term.Get("matchLabelKeys")?.Items().Any(k => k.String == "pod-template-hash") ?? false;
            if (!parsed.IsValid || !parsed.Selector.Matches(labels) || perRevision || !CoversOwnNamespace(term, m.Namespace))
            {
                continue;
            }

            return topologyKey;
        }

        return null;
    }

    /// <summary>
    /// No namespaces and no namespaceSelector: the pod's own namespace. A listed namespace or an
    /// empty namespaceSelector (every namespace) covers it; a namespaceSelector with terms depends
    /// on namespace labels KubePlan does not see, so it only counts through the list.
    /// </summary>
    private static bool CoversOwnNamespace(Located term, string? ns)
    {
        var listed = term.Get("namespaces")?.Items().Select(i => i.String).ToList() ?? [];
        var selector = term.Get("namespaceSelector");
        if (listed.Count == 0 && selector is null or { Node: YScalar { Kind: ScalarKind.Null } })
        {
            return true;
        }

        if (listed.Contains(ns))
        {
            return true;
        }

        return selector is { Mapping: not null } s && LabelSelector.Parse(s).Selector.IsEmpty;
    }
}
