using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// Rolling-update plans for DaemonSets as <c>daemon/update.go</c> rollingUpdate acts
/// (SEMANTICS.md §5.3). A step is one controller pass, then a wait: new pods become available,
/// deleted pods are gone. Every eligible node starts with one available pod of the old revision.
/// </summary>
public static class DaemonSetPlanner
{
    public static RolloutPlan PlanRollout(DaemonSetRolloutRequest request)
    {
        var nodes = (request.Nodes ?? Enumerable.Range(1, Math.Max(0, request.NodeCount)).Select(i => Invariant($"node-{i}")).ToList())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var budgets = DaemonSetBudgets.Resolve(request.MaxSurge ?? IntOrPercent.FromInt(0), request.MaxUnavailable ?? IntOrPercent.FromInt(1), nodes.Length);
        var timing = request.Timing;
        var rolling = request.UpdateStrategy == UpdateStrategyType.RollingUpdate;

        var n = nodes.Length;
        var hasOld = new bool[n];
        var hasNew = new bool[n];
        var newAvailable = new bool[n];
        Array.Fill(hasOld, true);

        var steps = new List<PlanStep>();
        while (rolling && steps.Count < (3L * n) + 4)
        {
            var podsAtStart = Count(hasOld) + Count(hasNew);
            var created = new List<int>();
            var deleted = new List<int>();
            Sync(created, deleted);
            if (created.Count == 0 && deleted.Count == 0)
            {
                break;
            }

            foreach (var i in deleted)
            {
                hasOld[i] = false;
            }

            foreach (var i in created)
            {
                hasNew[i] = true;
                newAvailable[i] = false;
            }

            var available = Count(hasOld) + Count(newAvailable);
            var actions = new List<string>();
            if (deleted.Count > 0)
            {
                actions.Add("delete old pod on " + string.Join(", ", deleted.Select(i => nodes[i])));
            }

            if (created.Count > 0)
            {
                actions.Add("create new pod on " + string.Join(", ", created.Select(i => nodes[i])));
            }

            steps.Add(new PlanStep
            {
                Step = steps.Count + 1,
                OldReplicas = Count(hasOld),
                NewReplicas = Count(hasNew),
                Actions = actions,
                MaxPods = Math.Max(podsAtStart, podsAtStart - deleted.Count + created.Count),
                MinAvailable = available,
                MaxUnavailable = Math.Max(0, n - available),
                Nodes = [.. created.Concat(deleted).Distinct().Order().Select(i => nodes[i])],
                Duration = created.Count > 0 ? timing.TimeToAvailable : TimeSpan.Zero,
            });

            // Between passes new pods become available; deleted pods are already gone.
            Array.Copy(hasNew, newAvailable, n);
        }

        return Build(request, nodes.Length, budgets, steps);

        void Sync(List<int> created, List<int> deleted)
        {
            // Manage loop: a node without a pod gets a new one; the rolling update waits until the
            // controller has seen those creations (expectations), i.e. the next pass.
            for (var i = 0; i < n; i++)
            {
                if (!hasOld[i] && !hasNew[i])
                {
                    created.Add(i);
                }
            }

            if (created.Count > 0)
            {
                return;
            }

            var candidates = new List<int>();
            if (budgets.MaxSurge == 0)
            {
                // Delete first: count unavailable nodes as they are visited; old available pods are candidates.
                var unavailable = 0;
                for (var i = 0; i < n; i++)
                {
                    if (hasOld[i] == hasNew[i])
                    {
                        unavailable++;
                    }
                    else if (hasNew[i])
                    {
                        unavailable += newAvailable[i] ? 0 : 1;
                    }
                    else if (unavailable < budgets.MaxUnavailable)
                    {
                        candidates.Add(i);
                    }
                }

                deleted.AddRange(candidates.Take(Math.Clamp(budgets.MaxUnavailable - unavailable, 0, candidates.Count)));
                return;
            }

            // Create first: surge onto nodes with only an old pod; retire the old pod once the new one is available.
            var surging = 0;
            for (var i = 0; i < n; i++)
            {
                if (!hasOld[i])
                {
                    continue;
                }

                if (!hasNew[i])
                {
                    if (surging < budgets.MaxSurge)
                    {
                        candidates.Add(i);
                    }
                }
                else if (!newAvailable[i])
                {
                    surging++;
                }
                else
                {
                    deleted.Add(i);
                }
            }

            created.AddRange(candidates.Take(Math.Clamp(budgets.MaxSurge - surging, 0, candidates.Count)));
        }
    }

    private static RolloutPlan Build(DaemonSetRolloutRequest request, int nodeCount, DaemonSetBudgets budgets, List<PlanStep> steps)
    {
        var timing = request.Timing;
        var rolling = request.UpdateStrategy == UpdateStrategyType.RollingUpdate;
        var notes = new List<string>();
        if (!rolling)
        {
            notes.Add("updateStrategy OnDelete: the controller never replaces a running pod; a node gets the new template only when its pod is deleted.");
        }
        else
        {
            notes.Add(budgets.MaxSurge > 0
                ? Invariant($"maxSurge {budgets.MaxSurge} of {nodeCount} nodes: a new pod starts beside the old one, which is deleted once the new one is available.")
                : Invariant($"maxUnavailable {budgets.MaxUnavailable} of {nodeCount} nodes: old pods are deleted first, then replaced."));
            notes.Add("Nodes are listed in ordinal name order to keep the plan deterministic; the controller visits nodes in Go map order, so which nodes go in each step is random and only the counts are predictable.");
            notes.Add(Invariant($"A step that creates pods takes about {DurationText.Format(timing.TimeToAvailable)}; deletions are not waited for (old pods may take up to {timing.TerminationGracePeriodSeconds}s to terminate)."));
        }

        var total = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        var verdict = !rolling
            ? "OnDelete: no pod changes until pods are deleted by hand"
            : steps.Count == 0
                ? "nothing to do: no eligible nodes"
                : Invariant($"RollingUpdate over {DurationText.Plural(nodeCount, "node", "nodes")} in {DurationText.Plural(steps.Count, "step", "steps")}: at most {steps.Max(s => s.MaxPods)} pods, at least {steps.Min(s => s.MinAvailable)} available, about {DurationText.Format(total)}");
        return new RolloutPlan
        {
            Subject = request.Subject,
            Strategy = request.UpdateStrategy.ToString(),
            Parameters = new PlanParameters
            {
                Replicas = nodeCount,
                FromReplicas = nodeCount,
                MaxSurge = rolling ? budgets.MaxSurge : null,
                MaxUnavailable = rolling ? budgets.MaxUnavailable : null,
                MinReadySeconds = timing.MinReadySeconds == 0 ? null : timing.MinReadySeconds,
            },
            Steps = steps,
            Notes = notes,
            TotalDuration = total,
            Verdict = verdict,
        };
    }

    private static int Count(bool[] flags)
    {
        var count = 0;
        foreach (var f in flags)
        {
            count += f ? 1 : 0;
        }

        return count;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
