using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// Rollout and resize plans for Deployments, computed with the Deployment controller's own
/// arithmetic (SEMANTICS.md §2). Pure functions: no I/O, no clock.
/// </summary>
public static class DeploymentPlanner
{
    /// <summary>The API default of <c>maxSurge</c> and <c>maxUnavailable</c>.</summary>
    public static IntOrPercent DefaultBudget { get; } = IntOrPercent.FromPercent(25);

    /// <summary>Plans a pod-template change with the request's strategy.</summary>
    public static RolloutPlan PlanRollout(DeploymentRolloutRequest request) =>
        request.Strategy == DeploymentStrategyType.Recreate ? PlanRecreate(request) : PlanRollingUpdate(request);

    /// <summary>A RollingUpdate rollout in waves.</summary>
    public static RolloutPlan PlanRollingUpdate(DeploymentRolloutRequest request) =>
        Run(request with { Strategy = DeploymentStrategyType.RollingUpdate }, "RollingUpdate", templateChanged: true);

    /// <summary>A Recreate rollout: old pods to 0, wait until they are gone, new pods at full size.</summary>
    public static RolloutPlan PlanRecreate(DeploymentRolloutRequest request) =>
        Run(request with { Strategy = DeploymentStrategyType.Recreate }, "Recreate", templateChanged: false);

    /// <summary>
    /// A resize without a template change (<c>--scale</c>): the ReplicaSet matching the template is
    /// <see cref="DeploymentRolloutRequest.NewReplicaSet"/> (or a single one of
    /// <see cref="DeploymentRolloutRequest.FromReplicas"/> pods); other ReplicaSets of an unfinished
    /// rollout are scaled proportionally, and the rollout then carries on as the controller would.
    /// </summary>
    public static RolloutPlan PlanScale(DeploymentRolloutRequest request)
    {
        if (request.NewReplicaSet is null)
        {
            var from = request.FromReplicas ?? request.Replicas;
            var surge = Budgets(request, from).MaxSurge;
            request = request with
            {
                OldReplicaSets = request.OldReplicaSets ?? [],
                NewReplicaSet = new ReplicaSetState(request.NewReplicaSetName ?? request.Subject.Name + "-current", from)
                {
                    DesiredReplicasAnnotation = from,
                    MaxReplicasAnnotation = from + surge,
                },
            };
        }

        return Run(request, "Scale", templateChanged: false);
    }

    private static (int MaxSurge, int MaxUnavailable) Budgets(DeploymentRolloutRequest request, int replicas)
    {
        var surge = request.MaxSurge ?? DefaultBudget;
        var unavailable = request.MaxUnavailable ?? DefaultBudget;
        return (
            DeploymentFenceposts.MaxSurgeOf(request.Strategy, surge, unavailable, replicas),
            DeploymentFenceposts.MaxUnavailableOf(request.Strategy, surge, unavailable, replicas));
    }

    private static RolloutPlan Run(DeploymentRolloutRequest request, string strategyLabel, bool templateChanged)
    {
        if (request.Replicas < 0 || request.FromReplicas < 0)
        {
            throw new ArgumentException("replicas must not be negative", nameof(request));
        }

        var name = request.Subject.Name;
        var (maxSurge, maxUnavailable) = Budgets(request, request.Replicas);
        var oldStates = request.OldReplicaSets ?? DefaultOld(request, name);
        var order = 0;
        var olds = oldStates.Select(rs => ToSim(rs, order++)).ToList();
        var newRs = request.NewReplicaSet is { } n ? ToSim(n, order++) : null;
        var fromReplicas = request.FromReplicas ?? olds.Sum(r => r.Replicas) + (newRs?.Replicas ?? 0);
        var sim = new DeploymentSimulation(request.Strategy, request.Replicas, maxSurge, maxUnavailable, olds, newRs, request.NewReplicaSetName ?? name + "-new");
        var timing = request.Timing;

        var steps = new List<PlanStep>();
        var maxWaves = 2L * (request.Replicas + (long)sim.TotalReplicas) + 8;
        var lowestAvailable = sim.TotalAvailable;
        var highestPods = sim.TotalReplicas;
        while (steps.Count < maxWaves)
        {
            var actions = new List<string>();
            sim.BeginWave(actions);
            var maxPods = sim.TotalReplicas;
            var minAvailable = sim.TotalAvailable;
            for (var sync = 0; sync < 64 && sim.Sync(); sync++)
            {
                maxPods = Math.Max(maxPods, sim.TotalReplicas);
                minAvailable = Math.Min(minAvailable, sim.TotalAvailable);
            }

            // A sync can change state and still report "nothing more to do" (creating the new
            // ReplicaSet is not a scale-up), so the wave's final state counts too.
            maxPods = Math.Max(maxPods, sim.TotalReplicas);
            minAvailable = Math.Min(minAvailable, sim.TotalAvailable);

            if (actions.Count == 0)
            {
                break;
            }

            var duration = TimeSpan.Zero;
            if (request.Strategy == DeploymentStrategyType.Recreate && sim.Terminating > 0)
            {
                actions.Add("wait until every old pod has terminated");
                duration += timing.TimeToTerminate;
            }

            if (sim.Created > 0)
            {
                duration += timing.TimeToAvailable;
            }

            steps.Add(new PlanStep
            {
                Step = steps.Count + 1,
                OldReplicas = sim.OldReplicas,
                NewReplicas = sim.NewReplicas,
                Actions = actions,
                MaxPods = maxPods,
                MinAvailable = minAvailable,
                MaxUnavailable = Math.Max(0, request.Replicas - minAvailable),
                Duration = duration,
            });
            lowestAvailable = Math.Min(lowestAvailable, minAvailable);
            highestPods = Math.Max(highestPods, maxPods);
            sim.Settle();
        }

        var total = steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        var notes = Notes(request, strategyLabel, fromReplicas, maxSurge, maxUnavailable, steps, templateChanged);
        string verdict;
        if (!sim.IsComplete)
        {
            verdict = Invariant($"does not finish: after {DurationText.Plural(steps.Count, "wave", "waves")} {sim.OldReplicas} old and {sim.NewReplicas} new replicas remain and the controller can make no further change");
        }
        else if (steps.Count == 0)
        {
            verdict = Invariant($"nothing to do: {DurationText.Plural(request.Replicas, "replica", "replicas")} already on the current ReplicaSet");
        }
        else
        {
            var what = strategyLabel == "Scale"
                ? Invariant($"resize from {fromReplicas} to {request.Replicas} replicas")
                : Invariant($"{strategyLabel} of {DurationText.Plural(request.Replicas, "replica", "replicas")}");
            verdict = Invariant($"{what} in {DurationText.Plural(steps.Count, "wave", "waves")}: at most {highestPods} pods, at least {lowestAvailable} available, about {DurationText.Format(total)}");
        }

        return new RolloutPlan
        {
            Subject = request.Subject,
            Strategy = strategyLabel,
            Parameters = new PlanParameters
            {
                Replicas = request.Replicas,
                FromReplicas = fromReplicas,
                MaxSurge = request.Strategy == DeploymentStrategyType.RollingUpdate ? maxSurge : null,
                MaxUnavailable = request.Strategy == DeploymentStrategyType.RollingUpdate ? maxUnavailable : null,
                MinReadySeconds = timing.MinReadySeconds == 0 ? null : timing.MinReadySeconds,
            },
            Steps = steps,
            Notes = notes,
            TotalDuration = total,
            Verdict = verdict,
        };
    }

    private static List<ReplicaSetState> DefaultOld(DeploymentRolloutRequest request, string name)
    {
        var from = request.FromReplicas ?? request.Replicas;
        var surge = Budgets(request, from).MaxSurge;
        return
        [
            new ReplicaSetState(name + "-old", from)
            {
                DesiredReplicasAnnotation = from,
                MaxReplicasAnnotation = from + surge,
            },
        ];
    }

    private static ReplicaSetSim ToSim(ReplicaSetState rs, int order)
    {
        if (rs.Replicas < 0 || rs.AvailableReplicas < 0)
        {
            throw new ArgumentException($"ReplicaSet {rs.Name}: counts must not be negative", nameof(rs));
        }

        return new ReplicaSetSim(rs.Name, rs.Replicas, Math.Min(rs.AvailableReplicas ?? rs.Replicas, rs.Replicas), order)
        {
            DesiredAnnotation = rs.DesiredReplicasAnnotation,
            MaxAnnotation = rs.MaxReplicasAnnotation,
        };
    }

    private static List<string> Notes(DeploymentRolloutRequest request, string strategyLabel, int fromReplicas, int maxSurge, int maxUnavailable, List<PlanStep> steps, bool templateChanged)
    {
        var timing = request.Timing;
        var notes = new List<string>();
        if (request.Strategy == DeploymentStrategyType.RollingUpdate)
        {
            notes.Add(Invariant($"maxSurge {request.MaxSurge ?? DefaultBudget} and maxUnavailable {request.MaxUnavailable ?? DefaultBudget} of {request.Replicas} replicas resolve to {maxSurge} and {maxUnavailable}: at most {request.Replicas + maxSurge} pods, at least {request.Replicas - maxUnavailable} available."));
        }

        if (fromReplicas != request.Replicas && templateChanged)
        {
            notes.Add(Invariant($"spec.replicas changes from {fromReplicas} to {request.Replicas}: the controller resizes the ReplicaSets first (a scaling event), then rolls."));
        }

        notes.Add("A step is a wave: the controller's passes until nothing more can change without a pod becoming available. The plan assumes every pod that exists becomes available before the next wave, and deleted pods are gone.");
        notes.Add(Invariant($"A wave that creates pods takes about {DurationText.Format(timing.TimeToAvailable)} (startup {timing.StartupSeconds}s + readiness {timing.ReadinessSeconds}s + minReadySeconds {timing.MinReadySeconds}s)."));
        if (request.Strategy == DeploymentStrategyType.Recreate)
        {
            var window = steps.Where(s => s.MinAvailable == 0).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
            notes.Add(Invariant($"Recreate leaves no pod available from the moment the old pods are deleted until the new ones are ready: about {DurationText.Format(window)} (termination up to {timing.TerminationGracePeriodSeconds}s, then {DurationText.Format(timing.TimeToAvailable)} to become available)."));
        }
        else if (steps.Count > 0 && strategyLabel != "Scale")
        {
            notes.Add(Invariant($"Pods of scaled-down ReplicaSets keep running for up to {timing.TerminationGracePeriodSeconds}s while they terminate; maxPods does not count them (podReplacementPolicy TerminationStarted, today's behaviour)."));
        }

        return notes;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
