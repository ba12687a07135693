using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// The Deployment controller's passes over its ReplicaSets, on counts only: one
/// <see cref="Sync"/> is one reconcile; a wave is syncs until nothing changes; between waves
/// every live pod becomes available and terminating pods disappear. Each sync does O(number of
/// ReplicaSets) work, so a plan costs O(waves), whatever the replica count.
/// </summary>
internal sealed class DeploymentSimulation
{
    private readonly int _replicas;
    private readonly int _maxSurge;
    private readonly int _minAvailable;
    private readonly DeploymentStrategyType _strategy;
    private readonly string _newName;
    private readonly List<ReplicaSetSim> _olds;
    private List<string> _actions = [];

    public DeploymentSimulation(DeploymentStrategyType strategy, int replicas, int maxSurge, int maxUnavailable, IEnumerable<ReplicaSetSim> olds, ReplicaSetSim? newRs, string newName)
    {
        _strategy = strategy;
        _replicas = replicas;
        _maxSurge = maxSurge;
        _minAvailable = replicas - maxUnavailable;
        _olds = [.. olds];
        New = newRs;
        _newName = newName;
    }

    public ReplicaSetSim? New { get; private set; }

    public IReadOnlyList<ReplicaSetSim> Olds => _olds;

    /// <summary>Pods deleted during the current wave that are still terminating.</summary>
    public int Terminating { get; private set; }

    /// <summary>Pods created during the current wave.</summary>
    public int Created { get; private set; }

    public int OldReplicas
    {
        get
        {
            var sum = 0;
            foreach (var rs in _olds)
            {
                sum += rs.Replicas;
            }

            return sum;
        }
    }

    public int NewReplicas => New?.Replicas ?? 0;

    public int TotalReplicas => OldReplicas + NewReplicas;

    public int TotalAvailable
    {
        get
        {
            var sum = New?.Available ?? 0;
            foreach (var rs in _olds)
            {
                sum += rs.Available;
            }

            return sum;
        }
    }

    public bool IsComplete => New is { } n && n.Replicas == _replicas && OldReplicas == 0;

    /// <summary>Starts a wave; actions of the following syncs go to <paramref name="actions"/>.</summary>
    public void BeginWave(List<string> actions)
    {
        _actions = actions;
        Created = 0;
    }

    /// <summary>The assumption between waves: live pods become available, deleted pods are gone.</summary>
    public void Settle()
    {
        foreach (var rs in _olds)
        {
            rs.Available = rs.Replicas;
        }

        if (New is { } n)
        {
            n.Available = n.Replicas;
        }

        Terminating = 0;
    }

    /// <summary>One reconcile (syncDeployment). Returns true when it changed anything.</summary>
    public bool Sync()
    {
        if (IsScalingEvent())
        {
            return ProportionalScaling.Apply(_replicas, _maxSurge, _strategy, New, _olds, TotalReplicas, (rs, from, to) =>
            {
                // Apply has already set the new size; replay it so created and terminating pods are counted.
                rs.Replicas = from;
                Resize(rs, to);
                _actions.Add(Invariant($"resize: scale {Role(rs)} ReplicaSet {rs.Name} {from} → {to}"));
            });
        }

        return _strategy == DeploymentStrategyType.Recreate ? SyncRecreate() : SyncRolling();
    }

    private bool IsScalingEvent()
    {
        if (New is { IsActive: true, DesiredAnnotation: { } nd } && nd != _replicas)
        {
            return true;
        }

        foreach (var rs in _olds)
        {
            if (rs.IsActive && rs.DesiredAnnotation is { } d && d != _replicas)
            {
                return true;
            }
        }

        return false;
    }

    private bool SyncRolling()
    {
        if (New is null)
        {
            // getNewReplicaSet: created at NewRSNewReplicas with new = 0; creation is not a scale-up.
            CreateNew(NewReplicaSetReplicas(0));
        }
        else if (New.Replicas != _replicas)
        {
            var target = New.Replicas > _replicas ? _replicas : NewReplicaSetReplicas(New.Replicas);
            if (target != New.Replicas)
            {
                Scale(New, target, "scale new ReplicaSet");
                return true;
            }
        }

        return ReconcileOld();
    }

    /// <summary>NewRSNewReplicas for RollingUpdate.</summary>
    private int NewReplicaSetReplicas(int current)
    {
        if (current == _replicas)
        {
            return current;
        }

        var maxTotal = _replicas + _maxSurge;
        var total = OldReplicas + current;
        return total >= maxTotal ? current : current + Math.Min(maxTotal - total, _replicas - current);
    }

    private bool ReconcileOld()
    {
        var oldCount = OldReplicas;
        if (oldCount == 0)
        {
            return false;
        }

        var newRs = New!;
        var maxScaledDown = oldCount + newRs.Replicas - _minAvailable - (newRs.Replicas - newRs.Available);
        if (maxScaledDown <= 0)
        {
            return false;
        }

        // Both passes read status.availableReplicas as it was when the sync started.
        var available = TotalAvailable;

        // cleanupUnhealthyReplicas: oldest first, drop pods that are not available.
        var cleaned = 0;
        foreach (var rs in _olds)
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }

            if (rs.Replicas == 0 || rs.Replicas == rs.Available)
            {
                continue;
            }

            var count = Math.Min(maxScaledDown - cleaned, rs.Replicas - rs.Available);
            Scale(rs, rs.Replicas - count, "scale old ReplicaSet", " (unavailable pods)");
            cleaned += count;
        }

        // scaleDownOldReplicaSetsForRollingUpdate: remove what exceeds minAvailable, oldest first.
        var scaledDown = 0;
        if (available > _minAvailable)
        {
            var total = available - _minAvailable;
            foreach (var rs in _olds)
            {
                if (scaledDown >= total)
                {
                    break;
                }

                if (rs.Replicas == 0)
                {
                    continue;
                }

                var count = Math.Min(rs.Replicas, total - scaledDown);
                Scale(rs, rs.Replicas - count, "scale old ReplicaSet");
                scaledDown += count;
            }
        }

        return cleaned + scaledDown > 0;
    }

    private bool SyncRecreate()
    {
        var changed = false;
        foreach (var rs in _olds)
        {
            if (rs.IsActive)
            {
                Scale(rs, 0, "scale old ReplicaSet");
                changed = true;
            }
        }

        if (changed)
        {
            return true;
        }

        // oldPodsRunning: terminating old pods still count; wait for them.
        if (Terminating > 0)
        {
            return false;
        }

        if (New is null)
        {
            CreateNew(_replicas);
            return true;
        }

        if (New.Replicas != _replicas)
        {
            Scale(New, _replicas, "scale new ReplicaSet");
            return true;
        }

        return false;
    }

    private void CreateNew(int size)
    {
        New = new ReplicaSetSim(_newName, size, 0, int.MaxValue)
        {
            DesiredAnnotation = _replicas,
            MaxAnnotation = _replicas + _maxSurge,
        };
        Created += size;
        _actions.Add(Invariant($"create ReplicaSet {_newName} with {size} {(size == 1 ? "pod" : "pods")}"));
    }

    private void Scale(ReplicaSetSim rs, int to, string what, string suffix = "")
    {
        var from = rs.Replicas;
        Resize(rs, to);
        rs.DesiredAnnotation = _replicas;
        rs.MaxAnnotation = _replicas + _maxSurge;
        _actions.Add(Invariant($"{what} {rs.Name} {from} → {to}{suffix}"));
    }

    /// <summary>The ReplicaSet controller's response: create pods (not yet available), or delete unavailable pods first.</summary>
    private void Resize(ReplicaSetSim rs, int to)
    {
        if (to > rs.Replicas)
        {
            Created += to - rs.Replicas;
        }
        else
        {
            Terminating += rs.Replicas - to;
            rs.Available = Math.Min(rs.Available, to);
        }

        rs.Replicas = to;
    }

    private string Role(ReplicaSetSim rs) => rs == New ? "new" : "old";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
