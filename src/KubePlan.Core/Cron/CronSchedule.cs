using System.Numerics;

namespace KubePlan.Cron;

/// <summary>
/// A schedule as robfig/cron v3.0.1 holds it: one bitset per field (bit n set = value n allowed) and, for
/// the day fields, whether the field was written with <c>*</c> or <c>?</c> (robfig's "star bit"). A step
/// greater than 1 clears that mark, so <c>*/2</c> counts as a restricted field while <c>*/1</c> does not.
/// </summary>
public sealed class CronSchedule
{
    // Longest length of each month, February counted as 29 (a leap year eventually comes).
    private static readonly int[] MaxDaysInMonth = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    internal CronSchedule(
        string source,
        string? timeZone,
        string? descriptor,
        ulong minutes,
        ulong hours,
        ulong daysOfMonth,
        ulong months,
        ulong daysOfWeek,
        bool dayOfMonthStar,
        bool dayOfWeekStar)
    {
        Source = source;
        TimeZone = timeZone;
        Descriptor = descriptor;
        Kind = CronScheduleKind.Fields;
        Minutes = minutes;
        Hours = hours;
        DaysOfMonth = daysOfMonth;
        Months = months;
        DaysOfWeek = daysOfWeek;
        DayOfMonthStar = dayOfMonthStar;
        DayOfWeekStar = dayOfWeekStar;
    }

    internal CronSchedule(string source, string? timeZone, string descriptor, TimeSpan interval, string durationText)
    {
        Source = source;
        TimeZone = timeZone;
        Descriptor = descriptor;
        Kind = CronScheduleKind.Every;
        Interval = interval;
        IntervalText = durationText;
    }

    /// <summary>The schedule string as given to the parser.</summary>
    public string Source { get; }

    /// <summary>Fields or <c>@every</c>.</summary>
    public CronScheduleKind Kind { get; }

    /// <summary>The zone named by a <c>TZ=</c> or <c>CRON_TZ=</c> prefix, or null. An empty name means UTC.</summary>
    public string? TimeZone { get; }

    /// <summary>The descriptor used (<c>@daily</c>, <c>@every</c>, ...), or null for five fields.</summary>
    public string? Descriptor { get; }

    /// <summary>Allowed minutes, bits 0–59.</summary>
    public ulong Minutes { get; }

    /// <summary>Allowed hours, bits 0–23.</summary>
    public ulong Hours { get; }

    /// <summary>Allowed days of the month, bits 1–31.</summary>
    public ulong DaysOfMonth { get; }

    /// <summary>Allowed months, bits 1–12.</summary>
    public ulong Months { get; }

    /// <summary>Allowed days of the week, bits 0 (Sunday) to 6 (Saturday).</summary>
    public ulong DaysOfWeek { get; }

    /// <summary>True when the day-of-month field contains <c>*</c> or <c>?</c> without a step above 1.</summary>
    public bool DayOfMonthStar { get; }

    /// <summary>True when the day-of-week field contains <c>*</c> or <c>?</c> without a step above 1.</summary>
    public bool DayOfWeekStar { get; }

    /// <summary>
    /// robfig's day rule: when either day field carries the star mark both must match; otherwise a day
    /// matching either field is enough (<c>0 0 1,15 * MON</c> fires on the 1st, the 15th and Mondays).
    /// </summary>
    public bool DaysMatchEither => Kind == CronScheduleKind.Fields && !DayOfMonthStar && !DayOfWeekStar;

    /// <summary>
    /// For <c>@every</c>: the delay between runs as robfig uses it (at least 1 s, truncated to whole seconds).
    /// </summary>
    public TimeSpan? Interval { get; }

    /// <summary>For <c>@every</c>: the Go duration as written.</summary>
    public string? IntervalText { get; }

    /// <summary>
    /// True when the schedule parses but no minute of any year can match it, e.g. <c>0 0 30 2 *</c> or
    /// <c>0 0 31 4,6,9,11 *</c>, or a field written only with commas. February counts as 29 days, so
    /// <c>0 0 29 2 *</c> does run (in leap years).
    /// </summary>
    public bool NeverRuns
    {
        get
        {
            if (Kind == CronScheduleKind.Every)
            {
                return false;
            }

            if (Minutes == 0 || Hours == 0 || Months == 0)
            {
                return true;
            }

            var dayOfMonthFits = AnyDayOfMonthFitsAMonth();
            var dayOfWeekAny = DaysOfWeek != 0;
            return DaysMatchEither ? !(dayOfMonthFits || dayOfWeekAny) : !(dayOfMonthFits && dayOfWeekAny);
        }
    }

    /// <summary>The values allowed in <paramref name="field"/>, ascending.</summary>
    public IReadOnlyList<int> Values(CronField field)
    {
        var bits = Bits(field);
        var values = new List<int>(BitOperations.PopCount(bits));
        for (var i = 0; i < 64; i++)
        {
            if ((bits & (1UL << i)) != 0)
            {
                values.Add(i);
            }
        }

        return values;
    }

    /// <summary>The bitset of <paramref name="field"/>.</summary>
    public ulong Bits(CronField field) => field switch
    {
        CronField.Minute => Minutes,
        CronField.Hour => Hours,
        CronField.DayOfMonth => DaysOfMonth,
        CronField.Month => Months,
        CronField.DayOfWeek => DaysOfWeek,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>True when <paramref name="field"/> allows every value of its range.</summary>
    public bool IsFull(CronField field) => Bits(field) == FullBits(field);

    /// <summary>robfig's <c>dayMatches</c> for a local calendar date.</summary>
    public bool DayMatches(int dayOfMonth, DayOfWeek dayOfWeek)
    {
        var domMatch = (DaysOfMonth & (1UL << dayOfMonth)) != 0;
        var dowMatch = (DaysOfWeek & (1UL << (int)dayOfWeek)) != 0;
        return DaysMatchEither ? domMatch || dowMatch : domMatch && dowMatch;
    }

    /// <summary>The full bitset of a field's range.</summary>
    public static ulong FullBits(CronField field)
    {
        var (min, max) = CronBounds.Of(field);
        return CronBounds.Bits(min, max, 1);
    }

    private bool AnyDayOfMonthFitsAMonth()
    {
        for (var month = 1; month <= 12; month++)
        {
            if ((Months & (1UL << month)) == 0)
            {
                continue;
            }

            var daysInMonth = CronBounds.Bits(1, MaxDaysInMonth[month], 1);
            if ((DaysOfMonth & daysInMonth) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
