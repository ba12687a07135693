using KubePlan.Manifests;
using KubePlan.Rules.Rollout;

namespace KubePlan.Planning.Output;

/// <summary>One workload of a plan report: its plan, or why it could not be planned.</summary>
public sealed record PlanEntry(PlanSubject Subject, RolloutPlan? Plan, string? Problem);

/// <summary>An input document that could not be read, so nothing in it was planned.</summary>
public sealed record PlanInputProblem(string File, int Line, int Column, string Message);

/// <summary>What <c>kubeplan plan</c> was asked for besides the input itself.</summary>
public sealed record PlanRequest
{
    /// <summary>Resizes to plan instead of template-change rollouts; empty plans every workload's rollout.</summary>
    public IReadOnlyList<ScaleRequest> Scale { get; init; } = [];

    /// <summary>With <see cref="ScaleRequest.Namespace"/> unset, prefer this namespace (the <c>-n</c> option).</summary>
    public string? Namespace { get; init; }

    public PlanningOptions Options { get; init; } = new();
}

/// <summary>
/// The plans of one run, in input order (files sorted ordinally, documents in file order), with
/// the workloads that could not be planned and the input that could not be read.
/// </summary>
public sealed class PlanReport
{
    public PlanReport(IReadOnlyList<PlanEntry> entries, IReadOnlyList<PlanInputProblem> inputProblems)
    {
        Entries = entries;
        InputProblems = inputProblems;
    }

    public IReadOnlyList<PlanEntry> Entries { get; }

    public IReadOnlyList<PlanInputProblem> InputProblems { get; }

    public IEnumerable<RolloutPlan> Plans => Entries.Where(e => e.Plan is not null).Select(e => e.Plan!);

    /// <summary>Something in the input kept a workload (or a document) from being planned.</summary>
    public bool HasProblems => InputProblems.Count > 0 || Entries.Any(e => e.Problem is not null);

    /// <summary>
    /// Plans every Deployment, StatefulSet and DaemonSet of <paramref name="input"/> (a pod template
    /// change), or only the resizes <paramref name="request"/> names. Node objects in the input join the
    /// node inventory. A HorizontalPodAutoscaler that targets a resized workload adds a note on the bound
    /// it enforces.
    /// </summary>
    /// <exception cref="PlanRequestException">A <c>--scale</c> target matches no workload, or more than one.</exception>
    public static PlanReport Build(LoadResult input, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        var set = new ManifestSet(input.Manifests);
        var nodes = request.Options.Nodes.Concat(input.Manifests.Where(m => m.IsKind(string.Empty, "Node"))).Distinct().ToList();
        var options = request.Options with { Nodes = nodes };
        // Invalid UTF-8 costs no document (it is read as U+FFFD), so it is no reason a plan is missing.
        var problems = input.Problems
            .Where(p => p.Kind != InputProblemKind.Encoding)
            .Select(p => new PlanInputProblem(p.File.Path, p.Position.Line, p.Position.Column, p.Message))
            .ToList();

        var entries = request.Scale.Count == 0
            ? input.Manifests.Where(WorkloadPlanning.IsPlannable).Select(m => Entry(WorkloadPlanning.PlanRollout(m, options))).ToList()
            : PlanScales(set, request, options);
        return new PlanReport(entries, problems);
    }

    /// <summary>
    /// A resize of <paramref name="workload"/> (an object of <paramref name="set"/>) to <paramref name="replicas"/>,
    /// with a note on the bound the autoscaler that owns its replicas enforces, if one does.
    /// <paramref name="current"/> is the object as it runs now when that is not <paramref name="workload"/>
    /// (a diff's old side): its replicas are where the resize starts.
    /// </summary>
    public static PlanOutcome PlanScale(ManifestSet set, Manifest workload, int replicas, PlanningOptions options, Manifest? current = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var outcome = WorkloadPlanning.PlanScale(current ?? workload, replicas, options);
        if (outcome.Plan is { } plan && Autoscalers.For(set, workload) is { } hpa)
        {
            var note = AutoscalerBounds.Read(hpa).Note(replicas);
            outcome = outcome with { Plan = plan with { Notes = [note, .. plan.Notes] } };
        }

        return outcome;
    }

    private static List<PlanEntry> PlanScales(ManifestSet set, PlanRequest request, PlanningOptions options)
    {
        var entries = new List<PlanEntry>();
        var seen = new HashSet<Manifest>();
        foreach (var scale in request.Scale)
        {
            var workload = Resolve(set, scale, request.Namespace);
            if (!seen.Add(workload))
            {
                throw new PlanRequestException($"--scale names {workload.Kind}/{workload.Name} more than once");
            }

            entries.Add(Entry(PlanScale(set, workload, scale.Replicas, options)));
        }

        return entries;
    }

    private static Manifest Resolve(ManifestSet set, ScaleRequest scale, string? preferredNamespace)
    {
        var named = set.All.Where(m => m.Kind == scale.Kind && m.Group is "apps" or "extensions" && m.Name == scale.Name).ToList();
        var matches = scale.Namespace is not null
            ? named.Where(m => m.Namespace == scale.Namespace).ToList()
            : preferredNamespace is not null && named.Any(m => m.Namespace == preferredNamespace)
                ? named.Where(m => m.Namespace == preferredNamespace).ToList()
                : named;
        return matches.Count switch
        {
            0 => throw new PlanRequestException($"--scale {scale.Target}: no {scale.Kind} of that name in the input"),
            1 => matches[0],
            _ => throw new PlanRequestException(
                $"--scale {scale.Target}: {matches.Count} objects match (in namespaces {string.Join(", ", matches.Select(m => m.Namespace).Distinct().Order(StringComparer.Ordinal))}); name one as KIND/NAMESPACE/NAME"),
        };
    }

    private static PlanEntry Entry(PlanOutcome outcome) =>
        new(WorkloadPlanning.Subject(outcome.Workload), outcome.Plan, outcome.Problem);
}
