namespace KubePlan.Planning;

/// <summary>
/// The Deployment controller's resize of its ReplicaSets on a scaling event (<c>sync.go</c> scale,
/// <c>GetReplicaSetProportion</c>, <c>getReplicaSetFraction</c>).
/// </summary>
public static class ProportionalScaling
{
    /// <summary>
    /// The sizes the controller gives each ReplicaSet when the Deployment is resized to
    /// <paramref name="replicas"/>. <paramref name="replicaSets"/> is ordered oldest first;
    /// <paramref name="newIndex"/> points at the ReplicaSet matching the pod template, if any.
    /// <paramref name="deploymentStatusReplicas"/> (<c>status.replicas</c>) is the fallback base for
    /// ReplicaSets without a max-replicas annotation; null means the sum of their sizes.
    /// </summary>
    /// <returns>The new size of each ReplicaSet, in input order.</returns>
    public static IReadOnlyList<int> Scale(
        int replicas,
        int maxSurge,
        DeploymentStrategyType strategy,
        IReadOnlyList<ReplicaSetState> replicaSets,
        int? newIndex = null,
        int? deploymentStatusReplicas = null)
    {
        var sims = replicaSets
            .Select((rs, i) => new ReplicaSetSim(rs.Name, rs.Replicas, rs.AvailableReplicas ?? rs.Replicas, i)
            {
                DesiredAnnotation = rs.DesiredReplicasAnnotation,
                MaxAnnotation = rs.MaxReplicasAnnotation,
            })
            .ToList();
        var newRs = newIndex is { } n ? sims[n] : null;
        var olds = sims.Where(s => s != newRs).ToList();
        var statusReplicas = deploymentStatusReplicas ?? sims.Sum(s => s.Replicas);
        Apply(replicas, maxSurge, strategy, newRs, olds, statusReplicas, static (_, _, _) => { });
        return sims.Select(s => s.Replicas).ToList();
    }

    /// <summary>Runs one <c>scale</c> pass; <paramref name="onScale"/> sees (rs, from, to) for every size change.</summary>
    /// <returns>True when a size or an annotation changed.</returns>
    internal static bool Apply(
        int replicas,
        int maxSurge,
        DeploymentStrategyType strategy,
        ReplicaSetSim? newRs,
        List<ReplicaSetSim> olds,
        int statusReplicas,
        Action<ReplicaSetSim, int, int> onScale)
    {
        var changed = false;

        // FindActiveOrLatest: at most one active ReplicaSet takes the whole size.
        var active = olds.Where(r => r.IsActive).ToList();
        if (newRs is { IsActive: true })
        {
            active.Add(newRs);
        }

        if (active.Count <= 1)
        {
            var target = active.Count == 1
                ? active[0]
                : newRs ?? olds.OrderByDescending(r => r.Order).FirstOrDefault();
            if (target is null || target.Replicas == replicas)
            {
                return false;
            }

            SetSize(target, replicas);
            return true;
        }

        // IsSaturated(new): every other active ReplicaSet goes to 0.
        if (newRs is not null && newRs.Replicas == replicas && newRs.DesiredAnnotation == replicas && newRs.Available == replicas)
        {
            foreach (var old in olds.Where(r => r.IsActive))
            {
                SetSize(old, 0);
            }

            return true;
        }

        if (strategy != DeploymentStrategyType.RollingUpdate)
        {
            return false;
        }

        var allowed = replicas > 0 ? replicas + maxSurge : 0;
        var toAdd = allowed - active.Sum(r => r.Replicas);
        if (toAdd > 0)
        {
            // ReplicaSetsBySizeNewer: larger first, newer first on ties.
            active.Sort((a, b) => a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : b.Order.CompareTo(a.Order));
        }
        else if (toAdd < 0)
        {
            // ReplicaSetsBySizeOlder: larger first, older first on ties.
            active.Sort((a, b) => a.Replicas != b.Replicas ? b.Replicas.CompareTo(a.Replicas) : a.Order.CompareTo(b.Order));
        }

        var sizes = new int[active.Count];
        var added = 0;
        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            var proportion = toAdd == 0 ? 0 : Proportion(rs, replicas, maxSurge, statusReplicas, toAdd, added);
            sizes[i] = rs.Replicas + proportion;
            added += proportion;
        }

        if (toAdd != 0)
        {
            // Leftovers go to the first (largest) ReplicaSet, never below 0.
            sizes[0] = Math.Max(0, sizes[0] + (toAdd - added));
        }

        for (var i = 0; i < active.Count; i++)
        {
            // scaleReplicaSet re-annotates even when the size stays.
            SetSize(active[i], sizes[i]);
        }

        return changed;

        void SetSize(ReplicaSetSim rs, int size)
        {
            var from = rs.Replicas;
            if (from != size)
            {
                rs.Replicas = size;
                onScale(rs, from, size);
                changed = true;
            }

            if (rs.DesiredAnnotation != replicas || rs.MaxAnnotation != replicas + maxSurge)
            {
                rs.DesiredAnnotation = replicas;
                rs.MaxAnnotation = replicas + maxSurge;
                changed = true;
            }
        }
    }

    private static int Proportion(ReplicaSetSim rs, int replicas, int maxSurge, int statusReplicas, int toAdd, int added)
    {
        if (rs.Replicas == 0 || toAdd == added)
        {
            return 0;
        }

        var fraction = Fraction(rs, replicas, maxSurge, statusReplicas);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    private static int Fraction(ReplicaSetSim rs, int replicas, int maxSurge, int statusReplicas)
    {
        if (replicas == 0)
        {
            return -rs.Replicas;
        }

        var maxReplicas = replicas + maxSurge;
        var before = rs.MaxAnnotation ?? 0;
        if (before == 0)
        {
            before = statusReplicas;
            if (before == 0)
            {
                return 0;
            }
        }

        // Go multiplies two int32s (wrapping) before converting to float64; unchecked keeps that.
        var product = unchecked(rs.Replicas * maxReplicas);
        var size = (double)product / before;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - rs.Replicas;
    }
}
