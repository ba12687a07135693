using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.References;

/// <summary>
/// A PodDisruptionBudget that protects nothing, or one that shares pods with another. A budget
/// whose selector selects no pod template of its namespace (checked when the input holds that
/// namespace's workloads) leaves the workload it was meant for unprotected (a warning). Two
/// budgets selecting the same pods break evictions: the eviction API refuses to evict a pod
/// covered by more than one PodDisruptionBudget ("This pod has more than one PodDisruptionBudget,
/// which the eviction subresource does not support", <c>pkg/registry/core/pod/storage/eviction.go</c>),
/// so every node drain stalls on those pods (an error). In policy/v1 an empty selector selects every
/// pod of the namespace; in policy/v1beta1 it selected none.
/// </summary>
public sealed class DanglingPdbRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DanglingPdb,
        Severity.Error,
        "references",
        "A PodDisruptionBudget that selects no pods, or two that select the same pods, which makes the eviction API refuse every eviction of those pods.",
        "Give each workload exactly one PodDisruptionBudget whose selector matches its pod template's labels.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("PodDisruptionBudget");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        var pods = set.PodTemplates;
        var budgets = new List<Budget>();
        var byWorkload = new Dictionary<Manifest, List<Budget>>(ReferenceEqualityComparer.Instance);
        foreach (var pdb in set.OfKind("policy", "PodDisruptionBudget").Where(m => !set.IsRepeat(m)))
        {
            var (at, parsed) = set.SelectorOf(pdb)!;
            if (!parsed.IsValid || !pods.HasPods(pdb.Namespace))
            {
                continue;
            }

            var selector = pdb.Version == "v1beta1" && parsed.Selector.IsEmpty ? LabelSelector.Nothing : parsed.Selector;
            var selected = pods.Select(pdb.Namespace, selector).ToList();
            var budget = new Budget(pdb, at ?? pdb.At("spec") ?? pdb.Located, selector, selected);
            budgets.Add(budget);
            foreach (var workload in selected.Where(s => s.Match is SelectorMatch.Yes or SelectorMatch.Some))
            {
                if (!byWorkload.TryGetValue(workload.Workload, out var list))
                {
                    byWorkload[workload.Workload] = list = [];
                }

                list.Add(budget);
            }
        }

        foreach (var budget in budgets)
        {
            if (budget.Selected.Count == 0)
            {
                var why = budget.Pdb.Version == "v1beta1" && budget.Selector.IsNil && budget.At.Mapping is not null
                    ? "in policy/v1beta1 an empty selector selects no pods" : $"no pod template in namespace \"{budget.Pdb.Namespace}\" carries {budget.Selector}";
                yield return Report(budget.Pdb, budget.At,
                    $"PodDisruptionBudget \"{budget.Pdb.Name}\" selects no pods ({why}): it protects nothing from voluntary disruptions",
                    severity: Severity.Warning, atKey: true);
                continue;
            }

            // Two budgets share pods when both select a workload and one of them selects all its pods (budgets on
            // distinct StatefulSet pod names select distinct pods).
            var shared = budget.Selected.Where(s => s.Match is SelectorMatch.Yes or SelectorMatch.Some)
                .SelectMany(s => byWorkload[s.Workload]
                    .Where(other => !ReferenceEquals(other, budget) && (s.Match == SelectorMatch.Yes || other.MatchOf(s.Workload) == SelectorMatch.Yes))
                    .Select(other => (Other: other, s.Workload)))
                .ToList();
            if (shared.Count > 0)
            {
                var others = string.Join(", ", shared.GroupBy(s => s.Other).Select(g =>
                    $"\"{g.Key.Pdb.Name}\" ({string.Join(", ", g.Select(s => s.Workload.Kind + "/" + s.Workload.Name).Distinct())})"));
                yield return Report(budget.Pdb, budget.At,
                    $"PodDisruptionBudget \"{budget.Pdb.Name}\" selects the same pods as PodDisruptionBudget {others}: the eviction API refuses to evict a pod covered by more than one budget, so node drains stall on those pods",
                    atKey: true);
            }
        }
    }

    private sealed record Budget(Manifest Pdb, Located At, LabelSelector Selector, IReadOnlyList<SelectedPods> Selected)
    {
        public SelectorMatch MatchOf(Manifest workload) => Selected.FirstOrDefault(s => ReferenceEquals(s.Workload, workload))?.Match ?? SelectorMatch.No;
    }
}
