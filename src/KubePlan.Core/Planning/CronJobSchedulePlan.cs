namespace KubePlan.Planning;

/// <summary>
/// A CronJob's schedule as its controller runs it: the expression, the zone it runs in, the next
/// runs from the plan's start time, and the policies that decide what happens at each tick.
/// </summary>
public sealed record CronJobSchedulePlan
{
    public required string Expression { get; init; }

    /// <summary>spec.timeZone, or the controller's zone (<c>Etc/UTC</c>) when unset.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The schedule in plain English.</summary>
    public required string Description { get; init; }

    /// <summary>The next runs after the plan's start time, with the zone's offset.</summary>
    public required IReadOnlyList<DateTimeOffset> NextRuns { get; init; }

    /// <summary><c>Allow</c> (default), <c>Forbid</c> or <c>Replace</c>.</summary>
    public required string ConcurrencyPolicy { get; init; }

    public long? StartingDeadlineSeconds { get; init; }

    public bool Suspend { get; init; }
}
