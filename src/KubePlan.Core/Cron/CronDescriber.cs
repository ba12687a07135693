using System.Globalization;
using System.Text;

namespace KubePlan.Cron;

/// <summary>
/// Plain-English description of a parsed schedule, e.g. "every 15 minutes, between 09:00 and 17:59, Monday
/// through Friday". Correct over pretty: any set the wording can't summarise is listed value by value.
/// </summary>
public static class CronDescriber
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] MonthNames =
        ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Describes <paramref name="schedule"/>.</summary>
    public static string Describe(CronSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var text = schedule.Kind == CronScheduleKind.Every
            ? $"@every {schedule.IntervalText}: {DescribeInterval(schedule.Interval!.Value)}"
            : DescribeFields(schedule);
        if (schedule.Kind == CronScheduleKind.Fields && schedule.Descriptor is not null)
        {
            text = $"{schedule.Descriptor}: {text}";
        }

        if (schedule.TimeZone is not null)
        {
            text += $", in time zone {(schedule.TimeZone.Length == 0 ? "UTC" : schedule.TimeZone)}";
        }

        if (schedule.NeverRuns)
        {
            text += " (never runs: no selected month has a selected day)";
        }

        return text;
    }

    private static string DescribeInterval(TimeSpan interval)
    {
        var parts = new List<string>();
        var total = (long)interval.TotalSeconds;
        Add(total / 3600, "hour");
        Add(total / 60 % 60, "minute");
        Add(total % 60, "second");
        return "every " + string.Join(' ', parts);

        void Add(long n, string unit)
        {
            if (n > 0)
            {
                parts.Add($"{n} {unit}{(n == 1 ? string.Empty : "s")}");
            }
        }
    }

    private static string DescribeFields(CronSchedule s)
    {
        var minutes = s.Values(CronField.Minute);
        var hours = s.Values(CronField.Hour);
        var allMinutes = s.IsFull(CronField.Minute);
        var allHours = s.IsFull(CronField.Hour);
        var hourStep = StepFromZero(hours, 24);
        var minuteStep = StepFromZero(minutes, 60);

        string time;
        var atClock = false;
        if (minutes.Count == 0 || hours.Count == 0)
        {
            time = "at no time of day";
        }
        else if (minutes.Count == 1 && hours.Count * minutes.Count <= 4 && !allHours)
        {
            time = "at " + JoinAnd(hours.Select(h => Clock(h, minutes[0])).ToList());
            atClock = true;
        }
        else if (minutes.Count == 1)
        {
            time = allHours ? $"every hour at minute {minutes[0]}"
                : hourStep is { } k ? $"every {k} hours at minute {minutes[0]}"
                : $"every hour at minute {minutes[0]}, {HoursText(hours)}";
        }
        else
        {
            time = allMinutes ? "every minute"
                : minuteStep is { } k ? $"every {k} minutes"
                : $"at minutes {JoinAnd(Runs(minutes, n => n.ToString(CultureInfo.InvariantCulture)))} past the hour";
            if (!allHours)
            {
                time += ", " + HoursText(hours);
            }
        }

        var days = DaysText(s);
        var sb = new StringBuilder(time);
        if (days.Length == 0)
        {
            if (atClock && s.IsFull(CronField.Month))
            {
                sb.Append(" every day");
            }
        }
        else
        {
            sb.Append(days.StartsWith("on ", StringComparison.Ordinal) ? " " : ", ").Append(days);
        }

        if (!s.IsFull(CronField.Month))
        {
            sb.Append(" in ").Append(JoinAnd(Runs(s.Values(CronField.Month), m => MonthNames[m])));
        }

        return sb.ToString();
    }

    private static string HoursText(IReadOnlyList<int> hours)
    {
        if (hours.Count > 1 && hours[^1] - hours[0] == hours.Count - 1)
        {
            return $"between {Clock(hours[0], 0)} and {Clock(hours[^1], 59)}";
        }

        return StepFromZero(hours, 24) is { } k
            ? $"every {k} hours"
            : "during hour " + JoinAnd(hours.Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToList());
    }

    private static string DaysText(CronSchedule s)
    {
        var domAll = s.IsFull(CronField.DayOfMonth);
        var dowAll = s.IsFull(CronField.DayOfWeek);
        var dom = $"on day {JoinAnd(Runs(s.Values(CronField.DayOfMonth), d => d.ToString(CultureInfo.InvariantCulture)))} of the month";
        var dowValues = s.Values(CronField.DayOfWeek);
        var dow = dowValues.Count >= 3 && dowValues[^1] - dowValues[0] == dowValues.Count - 1
            ? $"{DayNames[dowValues[0]]} through {DayNames[dowValues[^1]]}"
            : "on " + JoinAnd(dowValues.Select(d => DayNames[d]).ToList());

        if (s.DaysMatchEither)
        {
            if (domAll || dowAll)
            {
                return string.Empty;
            }

            if (s.DaysOfMonth == 0)
            {
                return dow;
            }

            if (s.DaysOfWeek == 0)
            {
                return dom;
            }

            return $"{dom} and {(dow.StartsWith("on ", StringComparison.Ordinal) ? dow : "on " + dow)}";
        }

        // Both fields must match; the starred one allows every value.
        if (s.DaysOfMonth == 0 || s.DaysOfWeek == 0)
        {
            return "on no day";
        }

        if (!domAll && !dowAll)
        {
            return $"{dom}, if it is {dow.Replace("on ", string.Empty, StringComparison.Ordinal)}";
        }

        return !domAll ? dom : !dowAll ? dow : string.Empty;
    }

    private static int? StepFromZero(IReadOnlyList<int> values, int range)
    {
        if (values.Count < 2 || values[0] != 0)
        {
            return null;
        }

        var step = values[1];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] != i * step)
            {
                return null;
            }
        }

        return values[^1] + step >= range ? step : null;
    }

    /// <summary>Values as "1", "3 through 7", compressing runs of three or more.</summary>
    private static List<string> Runs(IReadOnlyList<int> values, Func<int, string> name)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < values.Count)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                parts.Add($"{name(values[i])} through {name(values[j])}");
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    parts.Add(name(values[k]));
                }
            }

            i = j + 1;
        }

        return parts;
    }

    private static string JoinAnd(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "nothing",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    private static string Clock(int hour, int minute) =>
        $"{hour.ToString("00", CultureInfo.InvariantCulture)}:{minute.ToString("00", CultureInfo.InvariantCulture)}";
}
