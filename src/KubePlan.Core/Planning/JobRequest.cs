namespace KubePlan.Planning;

/// <summary>A Job's spec as its controller reads it, with the API server's defaults applied by the caller.</summary>
public sealed record JobRequest
{
    public required PlanSubject Subject { get; init; }

    /// <summary>spec.completions; null for a work queue.</summary>
    public int? Completions { get; init; }

    /// <summary>spec.parallelism (default 1).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>completionMode Indexed.</summary>
    public bool Indexed { get; init; }

    /// <summary>spec.suspend.</summary>
    public bool Suspend { get; init; }

    /// <summary>spec.backoffLimit as written; null means the default (6, or unlimited with backoffLimitPerIndex).</summary>
    public int? BackoffLimit { get; init; }

    public int? BackoffLimitPerIndex { get; init; }

    public int? MaxFailedIndexes { get; init; }

    /// <summary>The actions of spec.podFailurePolicy's rules, in order (FailJob, Ignore, Count, FailIndex); null without a policy.</summary>
    public IReadOnlyList<string>? PodFailurePolicyActions { get; init; }

    public long? ActiveDeadlineSeconds { get; init; }

    public long? TtlSecondsAfterFinished { get; init; }

    /// <summary>The pod template's restartPolicy: <c>Never</c> or <c>OnFailure</c>.</summary>
    public string RestartPolicy { get; init; } = "Never";

    /// <summary>spec.successPolicy is set (Indexed Jobs may succeed early).</summary>
    public bool HasSuccessPolicy { get; init; }

    /// <summary>spec.managedBy; a value other than the built-in controller's hands the Job to another controller.</summary>
    public string? ManagedBy { get; init; }

    /// <summary>Seconds from pod creation to its containers running (--pod-startup).</summary>
    public int PodStartupSeconds { get; init; } = 10;

    /// <summary>Estimated seconds a pod runs before it succeeds (--job-duration).</summary>
    public int JobDurationSeconds { get; init; } = JobPlanner.DefaultJobDurationSeconds;
}
