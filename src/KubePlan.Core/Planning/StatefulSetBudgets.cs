namespace KubePlan.Planning;

/// <summary>StatefulSet rolling-update budget (<c>statefulset/stateful_set_utils.go</c> getStatefulSetMaxUnavailable).</summary>
public static class StatefulSetBudgets
{
    /// <summary>Rounds down against replicas; unset means 1; a result below 1 becomes 1.</summary>
    public static int MaxUnavailable(IntOrPercent? maxUnavailable, int replicas)
    {
        var value = maxUnavailable?.Scale(replicas, roundUp: false) ?? 1;
        return value < 1 ? 1 : value;
    }
}
