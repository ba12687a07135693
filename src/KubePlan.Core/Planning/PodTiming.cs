namespace KubePlan.Planning;

/// <summary>
/// How long pods take to come and go, for duration estimates. Defaults follow Kubernetes' probe
/// defaults (period 10 s, success threshold 1, initial delay 0) and its default grace period (30 s);
/// <see cref="StartupSeconds"/> (pull, create, start) is a guess the caller can override.
/// </summary>
public sealed record PodTiming
{
    public static PodTiming Default { get; } = new();

    /// <summary>Time from pod creation to containers running.</summary>
    public int StartupSeconds { get; init; } = 10;

    /// <summary>False when the pod has no readiness probe: it is Ready as soon as it runs.</summary>
    public bool HasReadinessProbe { get; init; } = true;

    public int InitialDelaySeconds { get; init; }

    public int PeriodSeconds { get; init; } = 10;

    public int SuccessThreshold { get; init; } = 1;

    /// <summary><c>spec.minReadySeconds</c> of the workload.</summary>
    public int MinReadySeconds { get; init; }

    public int TerminationGracePeriodSeconds { get; init; } = 30;

    /// <summary>Readiness: initialDelaySeconds + periodSeconds × successThreshold, or 0 without a probe.</summary>
    public int ReadinessSeconds => HasReadinessProbe ? InitialDelaySeconds + (PeriodSeconds * SuccessThreshold) : 0;

    /// <summary>Time for a new pod to become available: startup + readiness + minReadySeconds.</summary>
    public TimeSpan TimeToAvailable => TimeSpan.FromSeconds((long)StartupSeconds + ReadinessSeconds + MinReadySeconds);

    /// <summary>Time for a deleted pod to go away when it uses its whole grace period.</summary>
    public TimeSpan TimeToTerminate => TimeSpan.FromSeconds(TerminationGracePeriodSeconds);
}
