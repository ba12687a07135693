using System.Globalization;

namespace KubePlan.Cron;

/// <summary>
/// Parses <c>spec.schedule</c> of a CronJob exactly as Kubernetes does: robfig/cron v3.0.1
/// <c>ParseStandard</c> (<c>parser.go</c>), i.e. five fields or a descriptor, with an optional
/// <c>TZ=</c>/<c>CRON_TZ=</c> prefix.
/// </summary>
public static class KubernetesCronParser
{
    private static readonly CronField[] FieldOrder =
        [CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];

    /// <summary>Parses <paramref name="schedule"/>; never throws.</summary>
    public static CronParseResult Parse(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Length == 0)
        {
            return Fail(schedule, "empty spec string", 0, 0);
        }

        var spec = schedule;
        var specOffset = 0;
        string? zone = null;

        // parser.go: the prefix is tested on the raw string (no trimming), the zone runs up to the first
        // ASCII space, and the rest is trimmed.
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                // v3.0.1 slices spec[eq+1:-1] and panics; Kubernetes guards this since ~1.35. Either way the
                // schedule is unusable.
                return Fail(
                    schedule,
                    "time zone prefix must be followed by a space and a schedule (robfig/cron v3.0.1 panics on this schedule)",
                    0,
                    schedule.Length);
            }

            zone = spec[(eq + 1)..space];
            var locationError = LoadLocationError(zone);
            if (locationError is not null)
            {
                return Fail(schedule, $"provided bad location {zone}: {locationError}", 0, space);
            }

            var rest = spec[space..];
            var trimmedStart = rest.Length - rest.TrimStart().Length;
            spec = rest.Trim();
            specOffset = space + trimmedStart;
        }

        if (spec.StartsWith('@'))
        {
            return ParseDescriptor(schedule, spec, specOffset, zone);
        }

        var fields = GoText.Fields(spec, specOffset);
        if (fields.Count != 5)
        {
            var shown = "[" + string.Join(' ', fields.Select(f => f.Text)) + "]";
            var start = fields.Count == 0 ? specOffset : fields[0].Offset;
            var end = fields.Count == 0 ? specOffset + spec.Length : fields[^1].Offset + fields[^1].Text.Length;
            return Fail(schedule, $"expected exactly 5 fields, found {fields.Count}: {shown}", start, end - start);
        }

        var bits = new ulong[5];
        var stars = new bool[5];
        for (var i = 0; i < 5; i++)
        {
            var (text, offset) = fields[i];
            var error = ParseField(text, FieldOrder[i], out bits[i], out stars[i]);
            if (error is not null)
            {
                return Fail(schedule, error, offset, text.Length);
            }
        }

        return CronParseResult.Success(
            schedule,
            new CronSchedule(schedule, zone, null, bits[0], bits[1], bits[2], bits[3], bits[4], stars[2], stars[4]));
    }

    /// <summary>
    /// robfig's <c>getField</c>: a comma list (empty items dropped by <c>strings.FieldsFunc</c>, so a field of
    /// only commas is accepted and allows nothing) of ranges.
    /// </summary>
    private static string? ParseField(string text, CronField field, out ulong bits, out bool star)
    {
        bits = 0;
        star = false;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var error = ParseRange(item, field, out var itemBits, out var itemStar);
            if (error is not null)
            {
                return error;
            }

            bits |= itemBits;
            star |= itemStar;
        }

        return null;
    }

    /// <summary>robfig's <c>getRange</c>, check for check and in the same order, so messages agree.</summary>
    private static string? ParseRange(string expr, CronField field, out ulong bits, out bool star)
    {
        bits = 0;
        star = false;
        var (min, max) = CronBounds.Of(field);
        var names = CronBounds.NamesOf(field);
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        var singleDigit = lowAndHigh.Length == 1;
        long start;
        long end;
        long step;

        // Only the first piece is compared with "*": robfig accepts "*-5" as "*".
        if (lowAndHigh[0] is "*" or "?")
        {
            start = min;
            end = max;
            star = true;
        }
        else
        {
            var error = ParseIntOrName(lowAndHigh[0], names, out start);
            if (error is not null)
            {
                return error;
            }

            switch (lowAndHigh.Length)
            {
                case 1:
                    end = start;
                    break;
                case 2:
                    error = ParseIntOrName(lowAndHigh[1], names, out end);
                    if (error is not null)
                    {
                        return error;
                    }

                    break;
                default:
                    return $"too many hyphens: {expr}";
            }
        }

        switch (rangeAndStep.Length)
        {
            case 1:
                step = 1;
                break;
            case 2:
                var stepError = MustParseInt(rangeAndStep[1], out step);
                if (stepError is not null)
                {
                    return stepError;
                }

                // "N/step" means "N-max/step".
                if (singleDigit)
                {
                    end = max;
                }

                if (step > 1)
                {
                    star = false;
                }

                break;
            default:
                return $"too many slashes: {expr}";
        }

        if (start < min)
        {
            return $"beginning of range ({start}) below minimum ({min}): {expr}";
        }

        if (end > max)
        {
            return $"end of range ({end}) above maximum ({max}): {expr}";
        }

        if (start > end)
        {
            return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        }

        if (step == 0)
        {
            return $"step of range should be a positive number: {expr}";
        }

        bits = CronBounds.Bits(start, end, step);
        return null;
    }

    private static string? ParseIntOrName(string expr, IReadOnlyDictionary<string, int>? names, out long value)
    {
        if (names is not null && names.TryGetValue(GoText.ToLowerForNames(expr), out var named))
        {
            value = named;
            return null;
        }

        return MustParseInt(expr, out value);
    }

    private static string? MustParseInt(string expr, out long value)
    {
        if (!GoText.TryAtoi(expr, out value, out var error))
        {
            return $"failed to parse int from {expr}: {error}";
        }

        if (value < 0)
        {
            return $"negative number ({value.ToString(CultureInfo.InvariantCulture)}) not allowed: {expr}";
        }

        return null;
    }

    /// <summary>robfig's <c>parseDescriptor</c>: exact, lowercase, no surrounding space.</summary>
    private static CronParseResult ParseDescriptor(string schedule, string spec, int offset, string? zone)
    {
        var minute = 1UL;
        var hour = 1UL;
        var allHours = CronSchedule.FullBits(CronField.Hour);
        var allDom = CronSchedule.FullBits(CronField.DayOfMonth);
        var allMonths = CronSchedule.FullBits(CronField.Month);
        var allDow = CronSchedule.FullBits(CronField.DayOfWeek);
        CronSchedule? parsed = spec switch
        {
            "@yearly" or "@annually" => new(schedule, zone, spec, minute, hour, 1UL << 1, 1UL << 1, allDow, false, true),
            "@monthly" => new(schedule, zone, spec, minute, hour, 1UL << 1, allMonths, allDow, false, true),
            "@weekly" => new(schedule, zone, spec, minute, hour, allDom, allMonths, 1UL, true, false),
            "@daily" or "@midnight" => new(schedule, zone, spec, minute, hour, allDom, allMonths, allDow, true, true),
            "@hourly" => new(schedule, zone, spec, minute, allHours, allDom, allMonths, allDow, true, true),
            _ => null,
        };
        if (parsed is not null)
        {
            return CronParseResult.Success(schedule, parsed);
        }

        const string every = "@every ";
        if (spec.StartsWith(every, StringComparison.Ordinal))
        {
            var text = spec[every.Length..];
            if (!GoDuration.TryParse(text, out var nanoseconds, out var error))
            {
                return Fail(schedule, $"failed to parse duration {spec}: {error}", offset, spec.Length);
            }

            // cron.Every: below one second becomes one second; the delay is truncated to whole seconds.
            const long second = 1_000_000_000;
            if (nanoseconds < second)
            {
                nanoseconds = second;
            }

            var seconds = nanoseconds / second;
            return CronParseResult.Success(
                schedule,
                new CronSchedule(schedule, zone, "@every", TimeSpan.FromSeconds(seconds), text));
        }

        return Fail(schedule, $"unrecognized descriptor: {spec}", offset, spec.Length);
    }

    /// <summary>
    /// Go's <c>time.LoadLocation</c> as robfig calls it for a <c>TZ=</c> prefix: "" and "UTC" are UTC,
    /// "Local" is the process zone, anything else must be in the tz database (case-sensitive).
    /// </summary>
    private static string? LoadLocationError(string zone)
    {
        if (zone is "" or "UTC" or "Local")
        {
            return null;
        }

        if (zone.Contains("..", StringComparison.Ordinal) || zone[0] is '/' or '\\')
        {
            return "time: invalid location name";
        }

        return TimeZoneValidation.Resolve(zone) switch
        {
            TimeZoneValidationStatus.Invalid => "unknown time zone " + zone,
            _ => null,
        };
    }

    private static CronParseResult Fail(string schedule, string message, int offset, int length) =>
        CronParseResult.Failure(schedule, new CronParseError(message, offset, length));
}
