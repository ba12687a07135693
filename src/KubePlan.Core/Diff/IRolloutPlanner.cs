using System.Text.Json.Nodes;
using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>
/// A rollout plan rendered for the diff report: the plan's JSON (the <c>plan</c> object of the
/// diff contract), its table as text lines, its Markdown, the number of waves and a one-line summary.
/// </summary>
public sealed record PlanAttachment(JsonNode Json, IReadOnlyList<string> TextLines, string Markdown, int Waves, string Summary);

/// <summary>
/// What the diff needs from the rollout planner. The diff engine works without one (no plan is
/// attached; the message still says what rolls).
/// </summary>
public interface IRolloutPlanner
{
    /// <summary>The plan for a pod template change, or for a new workload when <paramref name="oldObject"/> is null; null when there is nothing to plan.</summary>
    PlanAttachment? PlanRollout(Manifest? oldObject, Manifest newObject, ManifestSet newSet);

    /// <summary>The plan for a change of replicas alone.</summary>
    PlanAttachment? PlanScale(Manifest oldObject, Manifest newObject, ManifestSet newSet);
}
