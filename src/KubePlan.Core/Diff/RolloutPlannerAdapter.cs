using KubePlan.Manifests;
using KubePlan.Planning;
using KubePlan.Planning.Output;
using KubePlan.Reporting;

namespace KubePlan.Diff;

/// <summary>
/// The diff's rollout planner: plans a change with <see cref="WorkloadPlanning"/> and renders the
/// plan with the plan writers (JSON node, text table without colour, Markdown). Node objects of the
/// new side are the inventory for DaemonSets; a workload that cannot be planned gets no plan.
/// </summary>
public sealed class RolloutPlannerAdapter(PlanningOptions? options = null) : IRolloutPlanner
{
    private readonly PlanningOptions _options = options ?? new PlanningOptions();

    /// <inheritdoc />
    public PlanAttachment? PlanRollout(Manifest? oldObject, Manifest newObject, ManifestSet newSet)
    {
        ArgumentNullException.ThrowIfNull(newObject);
        if (!WorkloadPlanning.IsPlannable(newObject))
        {
            return null;
        }

        // A new workload starts from no pods; a changed one from the replicas it had.
        int? from = oldObject is null ? 0 : WorkloadPlanning.Replicas(oldObject);
        if (from == WorkloadPlanning.Replicas(newObject))
        {
            from = null;
        }

        var options = Options(newSet) with { FromReplicas = from };
        var outcome = PlanReport.WithEndpoints(WorkloadPlanning.PlanRollout(newObject, options), newSet, options);
        return outcome.Plan is { } plan ? Attach(plan) : null;
    }

    /// <inheritdoc />
    public PlanAttachment? PlanScale(Manifest oldObject, Manifest newObject, ManifestSet newSet)
    {
        ArgumentNullException.ThrowIfNull(oldObject);
        ArgumentNullException.ThrowIfNull(newObject);
        ArgumentNullException.ThrowIfNull(newSet);
        if (!WorkloadPlanning.IsPlannable(newObject) || newObject.Kind == "DaemonSet")
        {
            return null;
        }

        // The resize starts from the old object's replicas; HPA notes come from the new side.
        var outcome = PlanReport.WithEndpoints(PlanReport.PlanScale(newSet, newObject, WorkloadPlanning.Replicas(newObject), Options(newSet), current: oldObject), newSet, Options(newSet));
        return outcome.Plan is { } plan ? Attach(plan) : null;
    }

    /// <summary>Renders a plan the way the diff report shows it.</summary>
    public static PlanAttachment Attach(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string> { PlanText.Parameters(plan) };
        lines.AddRange(TextPlanWriter.TableLines(plan, new Ansi(false)));
        return new PlanAttachment(
            JsonPlanWriter.ToNode(plan),
            lines,
            MarkdownPlanWriter.Body(plan),
            plan.Steps.Count,
            PlanText.Summary(plan));
    }

    private PlanningOptions Options(ManifestSet set) =>
        _options with { Nodes = _options.Nodes.Concat(set.All.Where(m => m.IsKind(string.Empty, "Node"))).ToList() };
}
