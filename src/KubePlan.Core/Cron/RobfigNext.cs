namespace KubePlan.Cron;

/// <summary>
/// A port of robfig/cron v3.0.1 <c>SpecSchedule.Next</c> (<c>spec.go</c>) on the bitset model, including the
/// Go <c>time</c> arithmetic it relies on. This is what decides when a Kubernetes CronJob runs in a zone
/// with daylight saving time.
/// </summary>
/// <remarks>
/// What robfig v3.0.1 does around DST (read from spec.go): it walks month → day → hour → minute → second;
/// days move with <c>AddDate</c> (wall clock), but hours and minutes move with <c>t.Add(1h)</c> /
/// <c>t.Add(1m)</c>, i.e. in absolute time, and compare the local hour/minute after each step. Hence:
/// <list type="bullet">
/// <item>Spring forward: the local hour that does not exist is never seen, so <c>30 2 * * *</c> in
/// America/New_York does not run on the spring-forward day at all (no shift to 03:00, unlike Vixie cron and
/// Cronos).</item>
/// <item>Fall back: the repeated local hour is seen twice, so <c>30 1 * * *</c> in America/New_York runs at
/// 01:30 EDT and again at 01:30 EST.</item>
/// <item>No match within five years of the start (local year + 5) gives no result (Go's zero time).</item>
/// </list>
/// Go's <c>time.Date</c> resolves a wall time in a gap or overlap with the offset in force at that wall time
/// read as UTC, falling back to the offset at the resulting instant; <see cref="GoDate"/> does the same.
/// </remarks>
internal static class RobfigNext
{
    /// <summary>The first run strictly after <paramref name="fromUtc"/>, or null (robfig's zero time).</summary>
    internal static DateTime? Next(CronSchedule s, DateTime fromUtc, TimeZoneInfo zone)
    {
        // Go's time reaches far beyond .NET's year 9999; near that end there is nothing sensible to report.
        if (fromUtc.Year > 9990)
        {
            return null;
        }

        // Start at the earliest possible time (the upcoming second).
        var t = fromUtc.AddTicks(TimeSpan.TicksPerSecond - (fromUtc.Ticks % TimeSpan.TicksPerSecond));
        var added = false;
        var yearLimit = Local(t, zone).Year + 5;

        while (true)
        {
        Wrap:
            var local = Local(t, zone);
            if (local.Year > yearLimit)
            {
                return null;
            }

            while ((s.Months & (1UL << local.Month)) == 0)
            {
                if (!added)
                {
                    added = true;
                    t = GoDate(local.Year, local.Month, 1, 0, 0, 0, zone);
                    local = Local(t, zone);
                }

                t = GoDate(local.Year, local.Month + 1, local.Day, local.Hour, local.Minute, local.Second, zone);
                local = Local(t, zone);
                if (local.Month == 1)
                {
                    goto Wrap;
                }
            }

            while (!s.DayMatches(local.Day, local.DayOfWeek))
            {
                if (!added)
                {
                    added = true;
                    t = GoDate(local.Year, local.Month, local.Day, 0, 0, 0, zone);
                    local = Local(t, zone);
                }

                t = GoDate(local.Year, local.Month, local.Day + 1, local.Hour, local.Minute, local.Second, zone);
                local = Local(t, zone);

                // spec.go: notice if the hour is no longer midnight due to DST.
                if (local.Hour != 0)
                {
                    t = local.Hour > 12 ? t.AddHours(24 - local.Hour) : t.AddHours(-local.Hour);
                    local = Local(t, zone);
                }

                if (local.Day == 1)
                {
                    goto Wrap;
                }
            }

            while ((s.Hours & (1UL << local.Hour)) == 0)
            {
                if (!added)
                {
                    added = true;
                    t = GoDate(local.Year, local.Month, local.Day, local.Hour, 0, 0, zone);
                }

                t = t.AddHours(1);
                local = Local(t, zone);
                if (local.Hour == 0)
                {
                    goto Wrap;
                }
            }

            while ((s.Minutes & (1UL << local.Minute)) == 0)
            {
                if (!added)
                {
                    added = true;
                    t = new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
                }

                t = t.AddMinutes(1);
                local = Local(t, zone);
                if (local.Minute == 0)
                {
                    goto Wrap;
                }
            }

            // The standard parser fixes the seconds field to 0.
            while (local.Second != 0)
            {
                if (!added)
                {
                    added = true;
                    t = new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
                }

                t = t.AddSeconds(1);
                local = Local(t, zone);
                if (local.Second == 0)
                {
                    goto Wrap;
                }
            }

            return t;
        }
    }

    internal static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone);

    /// <summary>
    /// Go's <c>time.Date</c>: normalises month and day overflow, then maps the wall time to an instant.
    /// </summary>
    internal static DateTime GoDate(int year, int month, int day, int hour, int minute, int second, TimeZoneInfo zone)
    {
        var monthIndex = (year * 12L) + month - 1;
        var wall = new DateTime((int)(monthIndex / 12), (int)(monthIndex % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc)
            .AddDays(day - 1).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        var guess = zone.GetUtcOffset(wall);
        var utc = wall - guess;
        var actual = zone.GetUtcOffset(utc);
        return actual == guess ? utc : wall - actual;
    }
}
