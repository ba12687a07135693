using System.Globalization;

namespace KubePlan.Planning;

/// <summary>A ReplicaSet or ReplicationController to plan, with the pods of the input it owns.</summary>
public sealed record ReplicaSetRequest
{
    public required PlanSubject Subject { get; init; }

    /// <summary>spec.replicas after the change.</summary>
    public required int Replicas { get; init; }

    /// <summary>The replicas before the change; null means <see cref="Replicas"/>. Pods in <see cref="Pods"/> win over it.</summary>
    public int? FromReplicas { get; init; }

    public PodTiming Timing { get; init; } = PodTiming.Default;

    /// <summary>The controller's pods found in the input (kubectl get pods -o yaml), for the deletion ranking.</summary>
    public IReadOnlyList<RankedPod> Pods { get; init; } = [];

    /// <summary>The instant the ranking compares ready and creation times with (LogarithmicScaleDown).</summary>
    public DateTimeOffset? Now { get; init; }
}

/// <summary>
/// Plans ReplicaSets and ReplicationControllers (<c>pkg/controller/replicaset/replica_set.go</c>
/// manageReplicas; the ReplicationController runs the same code). They only keep the number of pods:
/// a template change replaces no running pod, so its plan has strategy OnDelete and no waves; a
/// resize creates or deletes the difference in one pass, deleting pods in the controller's ranking.
/// </summary>
public static class ReplicaSetPlanner
{
    /// <summary>At most this many pods are created or deleted per sync (<c>BurstReplicas</c>).</summary>
    public const int BurstReplicas = 500;

    /// <summary>A pod-template change, with a resize when <see cref="ReplicaSetRequest.FromReplicas"/> differs.</summary>
    public static RolloutPlan PlanRollout(ReplicaSetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = Run(request, templateChanged: true);
        var kind = request.Subject.Kind;
        var running = plan.Parameters.FromReplicas;
        var notes = new List<string>
        {
            Invariant($"A {kind} only keeps the number of its pods (replica_set.go manageReplicas): it never compares a running pod with the template, so the {DurationText.Plural(running, "running pod keeps", "running pods keep")} the old one."),
            Invariant($"Only pods created later get the new template: a replacement for a deleted or failed pod, or a pod added by a scale-up. Deleting the old pods one at a time rolls the change by hand."),
            kind == "ReplicationController"
                ? "Use a Deployment instead: it creates a ReplicaSet per template and replaces the pods with maxSurge and maxUnavailable (kubectl rolling-update, which did this for ReplicationControllers, was removed in 1.18)."
                : "Use a Deployment instead: it creates a ReplicaSet per template and replaces the pods with maxSurge and maxUnavailable, and it can roll back.",
        };
        notes.AddRange(plan.Notes);
        var verdict = "OnDelete: no running pod is replaced; only pods created later (after a delete or a scale-up) get the new template";
        if (plan.Steps.Count > 0)
        {
            verdict += Invariant($"; the resize from {plan.Parameters.FromReplicas} to {plan.Parameters.Replicas} replicas takes {DurationText.Plural(plan.Steps.Count, "step", "steps")}");
        }

        return plan with { Strategy = "OnDelete", Notes = notes, Verdict = verdict };
    }

    /// <summary>A resize (<c>--scale rs/NAME=N</c>, <c>--scale rc/NAME=N</c>).</summary>
    public static RolloutPlan PlanScale(ReplicaSetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(request, templateChanged: false);
    }

    private static RolloutPlan Run(ReplicaSetRequest request, bool templateChanged)
    {
        var active = request.Pods.Where(p => !p.Inactive).ToList();
        var from = active.Count > 0 ? active.Count : request.FromReplicas ?? request.Replicas;
        var replicas = request.Replicas;
        if (replicas < 0 || from < 0)
        {
            throw new ArgumentException("replicas must not be negative", nameof(request));
        }

        var timing = request.Timing;
        var steps = new List<PlanStep>();
        var notes = new List<string>();
        var oldPods = templateChanged ? from : 0;
        var newPods = templateChanged ? 0 : from;
        if (replicas > from)
        {
            var add = replicas - from;
            var action = Invariant($"create {DurationText.Plural(add, "pod", "pods")}") + (templateChanged ? " from the new template" : string.Empty)
                + (add > BurstReplicas ? Invariant($" (over {(add + BurstReplicas - 1) / BurstReplicas} syncs, {BurstReplicas} per sync)") : string.Empty);
            steps.Add(new PlanStep
            {
                Step = 1,
                OldReplicas = oldPods,
                NewReplicas = newPods + add,
                Actions = [action],
                MaxPods = replicas,
                MinAvailable = from,
                MaxUnavailable = Math.Max(0, replicas - from),
                Duration = timing.TimeToAvailable,
            });
            notes.Add(Invariant($"The controller creates the missing pods in batches of 1, 2, 4, … (slowStartBatch), at most {BurstReplicas} per sync; they take about {DurationText.Format(timing.TimeToAvailable)} to become available."));
        }
        else if (replicas < from)
        {
            var remove = from - replicas;
            string action;
            if (active.Count > 0)
            {
                var victims = remove >= active.Count ? active : PodDeletionRanking.Order(active, request.Now).Take(remove).ToList();
                action = Invariant($"delete {DurationText.Plural(remove, "pod", "pods")}: {string.Join(", ", victims.Select(v => v.Name))}");
                notes.Add(remove >= active.Count
                    ? "Every pod goes, so the controller does not rank them."
                    : Invariant($"The pods to delete are the first {remove} in the controller's ranking of the {active.Count} pods in the input (replica_set.go getPodsToDelete, controller_utils.go ActivePodsWithRanks): {PodDeletionRanking.Criteria}."));
            }
            else
            {
                action = Invariant($"delete {DurationText.Plural(remove, "pod", "pods")}");
                notes.Add(Invariant($"The controller deletes the pods that rank first (replica_set.go getPodsToDelete, controller_utils.go ActivePodsWithRanks): {PodDeletionRanking.Criteria}. Add the pods (kubectl get pods -o yaml) to the input to see which ones."));
            }

            if (remove > BurstReplicas)
            {
                action += Invariant($" (over {(remove + BurstReplicas - 1) / BurstReplicas} syncs, {BurstReplicas} per sync)");
            }

            steps.Add(new PlanStep
            {
                Step = 1,
                OldReplicas = templateChanged ? replicas : 0,
                NewReplicas = templateChanged ? 0 : replicas,
                Actions = [action],
                MaxPods = from,
                MinAvailable = replicas,
                MaxUnavailable = 0,
                Duration = TimeSpan.Zero,
            });
            notes.Add(Invariant($"Deleted pods stop within their grace period ({timing.TerminationGracePeriodSeconds}s); the remaining pods serve at once."));
        }

        var total = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        var verdict = steps.Count == 0
            ? Invariant($"nothing to do: {DurationText.Plural(replicas, "replica", "replicas")} already")
            : Invariant($"resize from {from} to {replicas} replicas in 1 step, about {DurationText.Format(total)}");
        return new RolloutPlan
        {
            Subject = request.Subject,
            Strategy = "Scale",
            Parameters = new PlanParameters
            {
                Replicas = replicas,
                FromReplicas = from,
                MinReadySeconds = timing.MinReadySeconds == 0 ? null : timing.MinReadySeconds,
            },
            Steps = steps,
            Notes = notes,
            TotalDuration = total,
            Verdict = verdict,
        };
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
