using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// Scale and update plans for StatefulSets, pass by pass as <c>stateful_set_control.go</c> acts
/// (SEMANTICS.md §4). A step is one controller pass followed by a wait: created pods become
/// Running, Ready and available, deleted pods disappear.
/// </summary>
public static class StatefulSetPlanner
{
    /// <summary>A pod-template change (plus a resize when <see cref="StatefulSetRolloutRequest.FromReplicas"/> differs).</summary>
    public static RolloutPlan PlanRollout(StatefulSetRolloutRequest request) => Run(request, templateChanged: true);

    /// <summary>A resize without a template change.</summary>
    public static RolloutPlan PlanScale(StatefulSetRolloutRequest request) => Run(request, templateChanged: false);

    private sealed class Pod
    {
        public bool Exists;
        public bool Updated;
        public bool Healthy;
        public bool Terminating;
    }

    private static RolloutPlan Run(StatefulSetRolloutRequest request, bool templateChanged)
    {
        var replicas = request.Replicas;
        var from = request.FromReplicas ?? replicas;
        if (replicas < 0 || from < 0 || request.Partition < 0 || request.OrdinalsStart < 0)
        {
            throw new ArgumentException("replicas, partition and ordinals.start must not be negative", nameof(request));
        }

        var name = request.Subject.Name;
        var start = request.OrdinalsStart;
        var monotonic = request.PodManagementPolicy == PodManagementPolicy.OrderedReady;
        var rolling = request.UpdateStrategy == UpdateStrategyType.RollingUpdate;
        var gate = request.MaxUnavailableGateEnabled;
        var maxUnavailable = StatefulSetBudgets.MaxUnavailable(request.MaxUnavailable, replicas);
        var timing = request.Timing;

        var pods = new Pod[Math.Max(from, replicas)];
        for (var i = 0; i < pods.Length; i++)
        {
            pods[i] = new Pod { Exists = i < from, Healthy = i < from, Updated = !templateChanged };
        }

        var steps = new List<PlanStep>();
        var maxSteps = (2L * pods.Length) + 4;
        while (steps.Count < maxSteps)
        {
            var created = new List<int>();
            var deleted = new List<int>();
            var actions = new List<string>();
            var livePodsAtStart = pods.Count(p => p.Exists);
            Sync();
            if (created.Count == 0 && deleted.Count == 0)
            {
                break;
            }

            var live = pods.Where(p => p.Exists && !p.Terminating).ToList();
            var minAvailable = live.Count(p => p.Healthy);
            var replaced = deleted.Any(i => i < replicas);
            var deleteWait = deleted.Count > 0 && (monotonic || replaced) ? timing.TimeToTerminate : TimeSpan.Zero;
            var createWait = created.Count > 0 ? timing.TimeToAvailable : TimeSpan.Zero;
            steps.Add(new PlanStep
            {
                Step = steps.Count + 1,
                OldReplicas = live.Count(p => !p.Updated),
                NewReplicas = live.Count(p => p.Updated),
                Actions = actions,
                MaxPods = Math.Max(livePodsAtStart, livePodsAtStart - deleted.Count + created.Count),
                MinAvailable = minAvailable,
                MaxUnavailable = Math.Max(0, replicas - minAvailable),
                Action = created.Count > 0 && deleted.Count > 0 ? StepActions.Update : created.Count > 0 ? StepActions.Create : StepActions.Delete,
                Ordinals = [.. created.Concat(deleted).Select(i => i + start)],
                Duration = createWait > deleteWait ? createWait : deleteWait,
            });

            // Between passes: created pods become available, deleted pods are gone.
            foreach (var p in pods)
            {
                if (p.Terminating)
                {
                    p.Exists = false;
                    p.Terminating = false;
                    p.Healthy = false;
                }
                else if (p.Exists)
                {
                    p.Healthy = true;
                }
            }

            void Sync()
            {
                // processReplica, ascending: create what is missing; OrderedReady waits after each create.
                for (var i = 0; i < replicas; i++)
                {
                    var pod = pods[i];
                    if (!pod.Exists)
                    {
                        pod.Exists = true;
                        pod.Healthy = false;
                        pod.Updated = !templateChanged || !rolling || i >= request.Partition;
                        created.Add(i);
                        actions.Add(Invariant($"create pod {name}-{i + start}{(pod.Updated ? (templateChanged ? " at the update revision" : "") : " at the current revision (below the partition)")}"));
                        if (monotonic)
                        {
                            return;
                        }
                    }
                    else if (monotonic && (!pod.Healthy || pod.Terminating))
                    {
                        return;
                    }
                }

                // processCondemned, descending: OrderedReady deletes one per pass.
                for (var i = pods.Length - 1; i >= replicas; i--)
                {
                    var pod = pods[i];
                    if (!pod.Exists || pod.Terminating)
                    {
                        continue;
                    }

                    Delete(i, "scale-down");
                    if (monotonic)
                    {
                        return;
                    }
                }

                if (!rolling || !templateChanged)
                {
                    return;
                }

                if (!gate)
                {
                    // One pod at a time, highest index first, down to the partition.
                    for (var i = replicas - 1; i >= request.Partition; i--)
                    {
                        var pod = pods[i];
                        if (!pod.Updated && !pod.Terminating)
                        {
                            Delete(i, "outdated revision");
                            return;
                        }

                        if (!pod.Healthy || pod.Terminating)
                        {
                            return;
                        }
                    }

                    return;
                }

                // MaxUnavailableStatefulSet: unavailable in-range pods (below the partition too) use the budget.
                var unavailable = 0;
                for (var i = 0; i < replicas; i++)
                {
                    if (!pods[i].Healthy || pods[i].Terminating)
                    {
                        unavailable++;
                    }
                }

                var budget = maxUnavailable - unavailable;
                for (var i = replicas - 1; i >= request.Partition && budget > 0; i--)
                {
                    if (!pods[i].Updated && !pods[i].Terminating)
                    {
                        Delete(i, "outdated revision");
                        budget--;
                    }
                }
            }

            void Delete(int index, string why)
            {
                pods[index].Terminating = true;
                deleted.Add(index);
                actions.Add(Invariant($"delete pod {name}-{index + start} ({why})"));
            }
        }

        return Build(request, templateChanged, from, maxUnavailable, steps);
    }

    private static RolloutPlan Build(StatefulSetRolloutRequest request, bool templateChanged, int from, int maxUnavailable, List<PlanStep> steps)
    {
        var timing = request.Timing;
        var rolling = request.UpdateStrategy == UpdateStrategyType.RollingUpdate;
        var notes = new List<string>();
        if (templateChanged && !rolling)
        {
            notes.Add("updateStrategy OnDelete: the controller never replaces a running pod; each pod moves to the new template only when someone deletes it.");
        }

        if (templateChanged && rolling)
        {
            if (request.MaxUnavailableGateEnabled)
            {
                notes.Add(Invariant($"maxUnavailable {request.MaxUnavailable?.ToString() ?? "unset"} resolves to {maxUnavailable}: up to {maxUnavailable} pods are replaced at once, highest ordinal first; unavailable pods anywhere in range, below the partition too, use the budget."));
                if (request.PodManagementPolicy == PodManagementPolicy.Parallel)
                {
                    notes.Add("From 1.37, a Parallel StatefulSet deletes all unavailable outdated pods at once, beyond maxUnavailable; this plan assumes every pod becomes ready, so it does not arise.");
                }
            }
            else
            {
                notes.Add(request.MaxUnavailable is null
                    ? "Pods are replaced one at a time, highest ordinal first."
                    : "maxUnavailable is ignored while the MaxUnavailableStatefulSet gate is off: pods are replaced one at a time, highest ordinal first.");
            }

            if (request.Partition > 0)
            {
                notes.Add(Invariant($"partition {request.Partition}: pods with index (ordinal − {request.OrdinalsStart}) below {request.Partition} stay on the current revision."));
            }
        }

        if (request.GateNote is { } gateNote)
        {
            notes.Add(gateNote);
        }

        notes.Add(request.PodManagementPolicy == PodManagementPolicy.OrderedReady
            ? Invariant($"OrderedReady: each step waits for its pod to be Running and Ready for minReadySeconds (about {DurationText.Format(timing.TimeToAvailable)}) or, after a delete, to be gone (up to {timing.TerminationGracePeriodSeconds}s).")
            : "Parallel: pods are created and deleted without waiting for each other; a replaced pod is recreated once the old one is gone.");

        var total = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        var replicas = request.Replicas;
        string verdict;
        if (steps.Count == 0)
        {
            verdict = templateChanged && !rolling
                ? "OnDelete: no pod changes until pods are deleted by hand"
                : "nothing to do";
        }
        else
        {
            var what = templateChanged && rolling
                ? Invariant($"RollingUpdate of {DurationText.Plural(replicas, "replica", "replicas")}")
                : Invariant($"resize from {from} to {replicas} replicas");
            verdict = Invariant($"{what} in {DurationText.Plural(steps.Count, "step", "steps")}: at least {steps.Min(s => s.MinAvailable)} available, about {DurationText.Format(total)}");
        }

        return new RolloutPlan
        {
            Subject = request.Subject,
            Strategy = templateChanged ? request.UpdateStrategy.ToString() : "Scale",
            Parameters = new PlanParameters
            {
                Replicas = replicas,
                FromReplicas = from,
                MaxUnavailable = templateChanged && rolling && request.MaxUnavailableGateEnabled ? maxUnavailable : null,
                Partition = templateChanged && rolling ? request.Partition : null,
                OrdinalsStart = request.OrdinalsStart == 0 ? null : request.OrdinalsStart,
                PodManagementPolicy = request.PodManagementPolicy.ToString(),
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
