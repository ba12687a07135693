namespace KubePlan.Cron;

/// <summary>The outcome of checking a <c>spec.timeZone</c> value.</summary>
public enum TimeZoneValidationStatus
{
    /// <summary>Kubernetes accepts the zone (given an apiserver with a current tz database).</summary>
    Valid,

    /// <summary>Kubernetes rejects the zone.</summary>
    Invalid,

    /// <summary>
    /// The zone is well formed but this machine has no tz database, so whether it exists can't be checked.
    /// Callers should say so (an info) rather than report an error.
    /// </summary>
    CannotCheck,
}
