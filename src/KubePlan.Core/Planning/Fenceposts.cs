namespace KubePlan.Planning;

/// <summary>The surge and unavailability budgets of Deployment rolling updates (<c>deployment/util</c>).</summary>
public readonly record struct DeploymentFenceposts(int MaxSurge, int MaxUnavailable)
{
    /// <summary>
    /// <c>ResolveFenceposts</c>: surge rounds up, unavailable rounds down, an unset value is 0, and
    /// when both come out 0 unavailable becomes 1 so that the rollout can make progress.
    /// </summary>
    public static DeploymentFenceposts Resolve(IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, int replicas)
    {
        var surge = maxSurge?.Scale(replicas, roundUp: true) ?? 0;
        var unavailable = maxUnavailable?.Scale(replicas, roundUp: false) ?? 0;
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return new DeploymentFenceposts(surge, unavailable);
    }

    /// <summary><c>MaxSurge(d)</c>: the resolved surge for RollingUpdate, 0 for Recreate.</summary>
    public static int MaxSurgeOf(DeploymentStrategyType strategy, IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, int replicas) =>
        strategy == DeploymentStrategyType.RollingUpdate ? Resolve(maxSurge, maxUnavailable, replicas).MaxSurge : 0;

    /// <summary>
    /// <c>MaxUnavailable(d)</c>: 0 for Recreate or when replicas is 0, else the resolved value
    /// clamped to replicas.
    /// </summary>
    public static int MaxUnavailableOf(DeploymentStrategyType strategy, IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, int replicas)
    {
        if (strategy != DeploymentStrategyType.RollingUpdate || replicas == 0)
        {
            return 0;
        }

        return Math.Min(Resolve(maxSurge, maxUnavailable, replicas).MaxUnavailable, replicas);
    }

    /// <summary><c>MinAvailable(d)</c>: replicas − MaxUnavailable for RollingUpdate, 0 for Recreate.</summary>
    public static int MinAvailableOf(DeploymentStrategyType strategy, IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, int replicas) =>
        strategy == DeploymentStrategyType.RollingUpdate
            ? replicas - MaxUnavailableOf(strategy, maxSurge, maxUnavailable, replicas)
            : 0;
}
