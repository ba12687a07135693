namespace KubePlan.Cron;

/// <summary>The outcome of <see cref="KubernetesCronParser.Parse"/>.</summary>
public sealed class CronParseResult
{
    /// <summary>
    /// The message Kubernetes 1.29+ gives on create for any schedule that contains <c>TZ</c>.
    /// </summary>
    public const string TimeZoneInScheduleRejected = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

    /// <summary>The message Kubernetes gives when both the schedule and <c>spec.timeZone</c> name a zone.</summary>
    public const string TimeZoneInScheduleAndField = "cannot use both timeZone field and TZ or CRON_TZ in schedule";

    private CronParseResult(string source, CronSchedule? schedule, CronParseError? error)
    {
        Source = source;
        Schedule = schedule;
        Error = error;
    }

    /// <summary>The schedule string as given.</summary>
    public string Source { get; }

    /// <summary>The parsed schedule, or null when the schedule is invalid.</summary>
    public CronSchedule? Schedule { get; }

    /// <summary>Why the schedule is invalid, or null when it parsed.</summary>
    public CronParseError? Error { get; }

    /// <summary>True when robfig/cron v3.0.1 <c>ParseStandard</c> accepts the schedule.</summary>
    public bool IsValid => Schedule is not null;

    /// <summary>
    /// True when the schedule contains <c>TZ</c> anywhere: the test Kubernetes itself applies
    /// (<c>strings.Contains(schedule, "TZ")</c>) before rejecting or warning.
    /// </summary>
    public bool ContainsTimeZone => Source.Contains("TZ", StringComparison.Ordinal);

    /// <summary>
    /// The errors Kubernetes' <c>validateScheduleFormat</c> reports for this schedule: the parse error, if
    /// any, then the TZ rule. <paramref name="allowTimeZoneInSchedule"/> is false on create in 1.29+ and on
    /// update when the old schedule had no TZ; true for 1.28 and older.
    /// </summary>
    public IReadOnlyList<CronParseError> KubernetesErrors(bool allowTimeZoneInSchedule, bool timeZoneFieldSet)
    {
        var errors = new List<CronParseError>();
        if (Error is not null)
        {
            errors.Add(Error);
        }

        if (ContainsTimeZone)
        {
            var at = Source.IndexOf("TZ", StringComparison.Ordinal);
            var prefixStart = Source.StartsWith("CRON_TZ", StringComparison.Ordinal) ? 0 : at;
            var space = Source.IndexOf(' ', prefixStart);
            var length = (space < 0 ? Source.Length : space) - prefixStart;
            if (!allowTimeZoneInSchedule)
            {
                errors.Add(new CronParseError(TimeZoneInScheduleRejected, prefixStart, length));
            }
            else if (timeZoneFieldSet)
            {
                errors.Add(new CronParseError(TimeZoneInScheduleAndField, prefixStart, length));
            }
        }

        return errors;
    }

    internal static CronParseResult Success(string source, CronSchedule schedule) => new(source, schedule, null);

    internal static CronParseResult Failure(string source, CronParseError error) => new(source, null, error);
}
