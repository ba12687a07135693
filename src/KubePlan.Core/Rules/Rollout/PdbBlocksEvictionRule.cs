using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Planning;
using KubePlan.Scheduling;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// A PodDisruptionBudget that allows no disruption: the eviction API refuses every eviction of its
/// pods, so node drains (upgrades, autoscaler scale-down) hang. The arithmetic is the disruption
/// controller's (<c>disruption.go</c> getExpectedPodCount): percentages of minAvailable and
/// maxUnavailable both round up against the expected pod count.
/// </summary>
public sealed class PdbBlocksEvictionRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PdbBlocksEviction,
        Severity.Warning,
        "rollout",
        "A PodDisruptionBudget that allows no disruption of the workloads it selects, so every eviction and node drain is refused.",
        "Allow at least one disruption: set minAvailable below the replica count (or maxUnavailable to 1 or more), or run more replicas.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("PodDisruptionBudget", "HorizontalPodAutoscaler");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pdb in context.Manifests.OfKind("policy", "PodDisruptionBudget"))
        {
            if (Evaluate(context.Manifests, pdb) is { } verdict && verdict.Allowed <= 0)
            {
                var selected = string.Join(", ", verdict.Workloads.Select(w => Invariant($"{w.Workload.Kind} \"{w.Workload.Name}\" at {w.Replicas}")));
                yield return Report(pdb, verdict.At,
                    Invariant($"PodDisruptionBudget \"{pdb.Name}\" allows no disruption: {verdict.Field} {verdict.Written} of {verdict.Expected} expected pods ({selected}) leaves no pod to evict, so node drains wait forever"));
            }
        }
    }

    /// <summary>
    /// The replicated workloads of the namespace whose pod template the selector matches, in input order,
    /// repeated definitions included. One index lookup per PDB; a full scan of the namespace only when the
    /// input defines some identity twice (the index holds each identity once).
    /// </summary>
    private static IEnumerable<Manifest> Selected(ManifestSet set, string? ns, LabelSelector selector) =>
        ns is null ? []
        : set.HasRepeats ? set.InNamespace(ns).Where(m => RolloutRisk.IsReplicated(m) && selector.Matches(Workloads.TemplateLabels(m)))
        : set.PodTemplates.Selected(ns, selector).Where(RolloutRisk.IsReplicated);

    /// <summary>
    /// The disruptions a PDB allows when every selected pod is healthy, or null when it selects no
    /// workload of the input (its pods may come from elsewhere) or cannot be read.
    /// </summary>
    internal static PdbVerdict? Evaluate(ManifestSet set, Manifest pdb)
    {
        var spec = pdb.At("spec");
        var parsed = set.SelectorOf(pdb)!.Parsed;
        if (!parsed.IsValid || (pdb.Version == "v1beta1" && parsed.Selector.IsEmpty))
        {
            // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod of the namespace".
            return null;
        }

        var workloads = Selected(set, pdb.Namespace, parsed.Selector)
            .Select(m => new SelectedWorkload(m, RolloutRisk.LowestReplicas(set, m)))
            .ToList();
        var expected = workloads.Sum(w => (long)w.Replicas);
        if (workloads.Count == 0 || expected is 0 or > int.MaxValue)
        {
            return null;
        }

        // maxUnavailable wins when both are set (the API rejects that, the controller reads it first).
        var (field, at) = spec?.Get("maxUnavailable") is { Node: not YScalar { Kind: ScalarKind.Null } } max ? ("maxUnavailable", max)
            : spec?.Get("minAvailable") is { Node: not YScalar { Kind: ScalarKind.Null } } min ? ("minAvailable", min)
            : (null, default(Located));
        if (field is null)
        {
            return null;
        }

        var (written, error) = WorkloadPlanning.ReadIntOrPercent(at);
        if (error is not null || written is not { } value)
        {
            return null;
        }

        var allowed = Allowed(field == "maxUnavailable", value, (int)expected);
        return new PdbVerdict(field, value, at, (int)expected, allowed, workloads);
    }

    /// <summary>
    /// disruptionsAllowed with every expected pod healthy: maxUnavailable → expected − max(0, expected − ⌈max⌉);
    /// minAvailable → expected − ⌈min⌉ (an integer minAvailable counts the pods that exist, here the replicas).
    /// </summary>
    internal static int Allowed(bool isMaxUnavailable, IntOrPercent value, int expected)
    {
        var scaled = value.Scale(expected, roundUp: true);
        var desiredHealthy = isMaxUnavailable ? Math.Max(0, expected - scaled) : scaled;
        return expected - desiredHealthy;
    }
}

/// <summary>A workload a PDB selects and the replicas it is expected to run at least.</summary>
internal sealed record SelectedWorkload(Manifest Workload, int Replicas);

/// <summary>The disruptions a PDB allows and what that follows from.</summary>
internal sealed record PdbVerdict(string Field, IntOrPercent Written, Located At, int Expected, int Allowed, IReadOnlyList<SelectedWorkload> Workloads);
