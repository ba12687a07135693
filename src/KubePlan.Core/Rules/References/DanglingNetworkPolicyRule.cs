using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.References;

/// <summary>
/// A NetworkPolicy whose podSelector selects no pod template of its namespace (checked when the
/// input holds that namespace's workloads): the policy isolates nothing, so the traffic it was
/// written to restrict still flows. An empty podSelector selects every pod of the namespace and
/// is fine.
/// </summary>
public sealed class DanglingNetworkPolicyRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DanglingNetworkPolicy,
        Severity.Warning,
        "references",
        "A NetworkPolicy whose podSelector selects no pod template in its namespace, so it restricts nothing.",
        "Make spec.podSelector match the labels of the pods the policy is meant for, or use {} to select every pod of the namespace.")
    {
        // Nothing fails: the policy only has no effect. Not a correctness rule, so not in the minimal profile.
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("NetworkPolicy");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        foreach (var policy in set.OfKind("networking.k8s.io", "NetworkPolicy").Where(m => !set.IsRepeat(m)))
        {
            var (at, parsed) = set.SelectorOf(policy)!;
            if (at is not { } selectorAt || !parsed.IsValid || parsed.Selector.IsNil || parsed.Selector.IsEmpty || !set.PodTemplates.HasPods(policy.Namespace))
            {
                continue;
            }

            if (!set.PodTemplates.Select(policy.Namespace, parsed.Selector).Any())
            {
                yield return Report(policy, selectorAt,
                    $"NetworkPolicy \"{policy.Name}\" selects no pods: no pod template in namespace \"{policy.Namespace}\" carries {parsed.Selector}, so the policy restricts nothing",
                    atKey: true);
            }
        }
    }
}
