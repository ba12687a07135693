namespace KubePlan.Planning;

/// <summary>The DaemonSet rolling-update budgets (<c>daemon/update.go</c> updatedDesiredNodeCounts).</summary>
public readonly record struct DaemonSetBudgets(int MaxSurge, int MaxUnavailable)
{
    /// <summary>
    /// Both values round <b>up</b> against the number of nodes that should run a pod; an unset
    /// value is 0; when both come out 0 and there is at least one node, unavailable becomes 1.
    /// </summary>
    public static DaemonSetBudgets Resolve(IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, int desiredNumberScheduled)
    {
        var surge = maxSurge?.Scale(desiredNumberScheduled, roundUp: true) ?? 0;
        var unavailable = maxUnavailable?.Scale(desiredNumberScheduled, roundUp: true) ?? 0;
        if (desiredNumberScheduled > 0 && surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return new DaemonSetBudgets(surge, unavailable);
    }
}
