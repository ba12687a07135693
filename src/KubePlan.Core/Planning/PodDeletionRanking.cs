using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Planning;

/// <summary>A pod as the ReplicaSet controller ranks it for deletion (the fields ActivePodsWithRanks reads).</summary>
public sealed record RankedPod
{
    public required string Name { get; init; }

    /// <summary>spec.nodeName; null or empty when the pod is not scheduled.</summary>
    public string? NodeName { get; init; }

    /// <summary>status.phase; null counts as Pending.</summary>
    public string? Phase { get; init; }

    /// <summary>The Ready condition is True.</summary>
    public bool Ready { get; init; }

    /// <summary>lastTransitionTime of the Ready condition when Ready.</summary>
    public DateTimeOffset? ReadyTime { get; init; }

    /// <summary>The <c>controller.kubernetes.io/pod-deletion-cost</c> annotation (invalid → 0).</summary>
    public int DeletionCost { get; init; }

    /// <summary>The highest restartCount among the pod's containers.</summary>
    public int MaxRestarts { get; init; }

    public DateTimeOffset? Created { get; init; }

    public string Uid { get; init; } = string.Empty;

    /// <summary>Active pods of the same controller on the same node, itself included (filled in by <see cref="PodDeletionRanking.Order"/>).</summary>
    public int Rank { get; init; }

    /// <summary>Succeeded, Failed or being deleted: not a candidate (controller.FilterActivePods).</summary>
    public bool Inactive { get; init; }
}

/// <summary>
/// Which pods a ReplicaSet or ReplicationController deletes first when it scales down
/// (<c>pkg/controller/replicaset/replica_set.go</c> getPodsToDelete and
/// getPodsRankedByRelatedPodsOnSameNode; <c>pkg/controller/controller_utils.go</c>
/// ActivePodsWithRanks.Less, with LogarithmicScaleDown, GA since 1.31).
/// </summary>
public static class PodDeletionRanking
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The ranking criteria in the controller's order, for plan notes.</summary>
    public const string Criteria = "unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; lower controller.kubernetes.io/pod-deletion-cost first; more of the controller's pods on the same node first; more recently ready first (in log2 buckets of the time since); more container restarts first; newer first";

    /// <summary>Reads a Pod manifest (kubectl get pods -o yaml gives the status it needs).</summary>
    public static RankedPod Read(Manifest pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var phase = pod.At("status", "phase")?.String;
        var ready = pod.At("status", "conditions")?.Items().FirstOrDefault(c => c.Get("type")?.String == "Ready");
        var isReady = ready?.Get("status")?.String == "True";
        var cost = pod.At("metadata", "annotations", DeletionCostAnnotation)?.String;
        return new RankedPod
        {
            Name = pod.Name ?? string.Empty,
            NodeName = pod.At("spec", "nodeName")?.String,
            Phase = phase,
            Ready = isReady,
            ReadyTime = isReady ? Time(ready?.Get("lastTransitionTime")) : null,
            DeletionCost = int.TryParse(cost, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var c) ? c : 0,
            MaxRestarts = (pod.At("status", "containerStatuses")?.Items() ?? []).Select(s => (int)Math.Clamp(s.Get("restartCount")?.Scalar?.AsInt64() ?? 0, 0, int.MaxValue)).DefaultIfEmpty(0).Max(),
            Created = Time(pod.At("metadata", "creationTimestamp")),
            Uid = pod.At("metadata", "uid")?.String ?? string.Empty,
            Inactive = phase is "Succeeded" or "Failed" || pod.At("metadata", "deletionTimestamp") is { Node: YScalar { Kind: not ScalarKind.Null } },
        };
    }

    /// <summary>
    /// The active pods in the order the controller deletes them, ranked against each other
    /// (the related pods are these pods). Ties keep the input order; Go's sort is not stable, so
    /// the controller's order among fully equal pods is unspecified.
    /// </summary>
    public static IReadOnlyList<RankedPod> Order(IReadOnlyList<RankedPod> pods, DateTimeOffset? now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var active = pods.Where(p => !p.Inactive).ToList();
        var perNode = active.GroupBy(p => p.NodeName ?? string.Empty, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ranked = active.Select(p => p with { Rank = perNode[p.NodeName ?? string.Empty] }).ToList();
        var indexed = ranked.Select((p, i) => (Pod: p, Index: i)).ToList();
        indexed.Sort((a, b) =>
        {
            if (Less(a.Pod, b.Pod, now))
            {
                return -1;
            }

            return Less(b.Pod, a.Pod, now) ? 1 : a.Index.CompareTo(b.Index);
        });
        return indexed.Select(x => x.Pod).ToList();
    }

    /// <summary>ActivePodsWithRanks.Less: whether <paramref name="a"/> is deleted before <paramref name="b"/>.</summary>
    public static bool Less(RankedPod a, RankedPod b, DateTimeOffset? now)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        // 1. Unassigned < assigned.
        var aAssigned = !string.IsNullOrEmpty(a.NodeName);
        var bAssigned = !string.IsNullOrEmpty(b.NodeName);
        if (aAssigned != bAssigned)
        {
            return !aAssigned;
        }

        // 2. PodPending < PodUnknown < PodRunning.
        if (PhaseOrder(a.Phase) != PhaseOrder(b.Phase))
        {
            return PhaseOrder(a.Phase) < PhaseOrder(b.Phase);
        }

        // 3. Not ready < ready.
        if (a.Ready != b.Ready)
        {
            return !a.Ready;
        }

        // 4. Lower pod-deletion-cost < higher.
        if (a.DeletionCost != b.DeletionCost)
        {
            return a.DeletionCost < b.DeletionCost;
        }

        // 5. Doubled up (more related pods on the node) < not doubled up.
        if (a.Rank != b.Rank)
        {
            return a.Rank > b.Rank;
        }

        // 6. Both ready: ready for a shorter time first (log2 buckets; equal buckets: smaller UID first).
        if (a.Ready && b.Ready && a.ReadyTime != b.ReadyTime)
        {
            if (now is not { } n || a.ReadyTime is null || b.ReadyTime is null)
            {
                return AfterOrZero(a.ReadyTime, b.ReadyTime);
            }

            var diff = LogRank(a.ReadyTime.Value, n) - LogRank(b.ReadyTime.Value, n);
            return diff == 0 ? string.CompareOrdinal(a.Uid, b.Uid) < 0 : diff < 0;
        }

        // 7. Higher max container restarts < lower.
        if (a.MaxRestarts != b.MaxRestarts)
        {
            return a.MaxRestarts > b.MaxRestarts;
        }

        // 8. Newer (or no) creation time < older.
        if (a.Created != b.Created)
        {
            if (now is not { } n || a.Created is null || b.Created is null)
            {
                return AfterOrZero(a.Created, b.Created);
            }

            var diff = LogRank(a.Created.Value, n) - LogRank(b.Created.Value, n);
            return diff == 0 ? string.CompareOrdinal(a.Uid, b.Uid) < 0 : diff < 0;
        }

        return false;
    }

    private static int PhaseOrder(string? phase) => phase switch
    {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    /// <summary>controller_utils.go afterOrZero: a zero time sorts first, then the later time.</summary>
    private static bool AfterOrZero(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null || b is null ? a is null : a > b;

    /// <summary>controller_utils.go logarithmicRankDiff: floor(log2(nanoseconds since t)), −1 for t not before now.</summary>
    private static int LogRank(DateTimeOffset t, DateTimeOffset now)
    {
        var ns = (now - t).Ticks * 100.0;
        return ns <= 0 ? -1 : (int)Math.Floor(Math.Log2(ns));
    }

    private static DateTimeOffset? Time(Located? at) => at?.Node switch
    {
        YScalar { Value: DateTimeOffset t } => t,
        YScalar { Kind: ScalarKind.String } s when DateTimeOffset.TryParse(s.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };
}
