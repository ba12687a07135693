using Cronos;

namespace KubePlan.Cron;

/// <summary>
/// When a parsed schedule runs. Field schedules run where robfig/cron v3.0.1 would run them; <c>@every</c>
/// runs every interval from the given start.
/// </summary>
public static class CronOccurrences
{
    /// <summary>
    /// The first run strictly after <paramref name="after"/>, in <paramref name="zone"/>, or null when there is
    /// none within five years (robfig's limit). A zone named by a <c>TZ=</c> prefix wins over
    /// <paramref name="zone"/>, as in the CronJob controller. Results carry the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset? Next(CronSchedule schedule, DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        zone = EffectiveZone(schedule, zone);
        var fromUtc = after.UtcDateTime;
        DateTime? next;
        if (schedule.Kind == CronScheduleKind.Every)
        {
            // constantdelay.go: t + delay - t's sub-second part.
            next = fromUtc.Add(schedule.Interval!.Value).AddTicks(-(fromUtc.Ticks % TimeSpan.TicksPerSecond));
        }
        else
        {
            // Cronos stops at year 2499; robfig's five-year window needs a few years of headroom.
            next = UsesCronos(zone) && fromUtc.Year < 2490
                ? NextWithCronos(schedule, fromUtc, zone)
                : RobfigNext.Next(schedule, fromUtc, zone);
        }

        return next is { } utc ? TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone) : null;
    }

    /// <summary>Up to <paramref name="count"/> runs after <paramref name="after"/>, each found from the previous.</summary>
    public static IReadOnlyList<DateTimeOffset> NextRuns(CronSchedule schedule, DateTimeOffset after, TimeZoneInfo zone, int count)
    {
        var runs = new List<DateTimeOffset>();
        var from = after;
        while (runs.Count < count && Next(schedule, from, zone) is { } next)
        {
            runs.Add(next);
            from = next;
        }

        return runs;
    }

    /// <summary>
    /// Cronos is used only for zones with a fixed offset. With DST its rules differ from robfig's: Cronos
    /// moves a run that falls into the spring-forward gap to just after it and runs a fixed-hour schedule once
    /// in the repeated hour, while robfig skips the former and runs the latter twice (see
    /// <see cref="RobfigNext"/>). Neither rule can be expressed in a Cronos expression, so DST zones use the
    /// port of robfig's own algorithm over the bitsets.
    /// </summary>
    internal static bool UsesCronos(TimeZoneInfo zone) => zone.GetAdjustmentRules().Length == 0;

    /// <summary>
    /// Next run computed by Cronos from the Cronos expressions equivalent to <paramref name="schedule"/>.
    /// </summary>
    internal static DateTime? NextWithCronos(CronSchedule schedule, DateTime fromUtc, TimeZoneInfo zone)
    {
        var start = fromUtc.AddTicks(TimeSpan.TicksPerSecond - (fromUtc.Ticks % TimeSpan.TicksPerSecond));
        var yearLimit = RobfigNext.Local(start, zone).Year + 5;
        DateTime? best = null;
        foreach (var text in CronosExpressions(schedule))
        {
            var next = CronExpression.Parse(text, CronFormat.Standard).GetNextOccurrence(fromUtc, zone, inclusive: false);
            if (next is { } n && (best is null || n < best))
            {
                best = n;
            }
        }

        return best is { } b && RobfigNext.Local(b, zone).Year <= yearLimit ? b : null;
    }

    /// <summary>
    /// Cronos expressions whose union of runs equals the Kubernetes schedule's. Each field is written as an
    /// explicit list (which normalises <c>?</c>, names, <c>+5</c>, <c>a/step</c> and steps beyond the range).
    /// The day rule needs care: Cronos always ANDs day-of-month and day-of-week, robfig ORs them when neither
    /// carries the star mark. With a star mark the starred field allows every value, so writing it as
    /// <c>*</c> leaves Cronos with the other field alone: the same AND. For OR, a field that allows every
    /// day makes every day match; otherwise the union of a days-of-month-only and a days-of-week-only
    /// expression is exactly the OR. An empty field (written only with commas) yields no expression.
    /// </summary>
    internal static IReadOnlyList<string> CronosExpressions(CronSchedule schedule)
    {
        if (schedule.Kind != CronScheduleKind.Fields || schedule.Minutes == 0 || schedule.Hours == 0 || schedule.Months == 0)
        {
            return [];
        }

        var prefix = $"{List(schedule, CronField.Minute)} {List(schedule, CronField.Hour)}";
        var month = List(schedule, CronField.Month);
        var dom = List(schedule, CronField.DayOfMonth);
        var dow = List(schedule, CronField.DayOfWeek);
        var expressions = new List<string>();
        if (!schedule.DaysMatchEither)
        {
            if (schedule.DaysOfMonth != 0 && schedule.DaysOfWeek != 0)
            {
                expressions.Add(schedule.DayOfMonthStar ? $"{prefix} * {month} {dow}" : $"{prefix} {dom} {month} *");
            }
        }
        else if (schedule.IsFull(CronField.DayOfMonth) || schedule.IsFull(CronField.DayOfWeek))
        {
            expressions.Add($"{prefix} * {month} *");
        }
        else
        {
            if (schedule.DaysOfMonth != 0)
            {
                expressions.Add($"{prefix} {dom} {month} *");
            }

            if (schedule.DaysOfWeek != 0)
            {
                expressions.Add($"{prefix} * {month} {dow}");
            }
        }

        return expressions;
    }

    private static string List(CronSchedule schedule, CronField field) =>
        schedule.IsFull(field) ? "*" : string.Join(',', schedule.Values(field));

    private static TimeZoneInfo EffectiveZone(CronSchedule schedule, TimeZoneInfo zone)
    {
        if (schedule.TimeZone is null)
        {
            return zone;
        }

        if (schedule.TimeZone is "" or "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneValidation.FindExact(schedule.TimeZone) ?? zone;
    }
}
