namespace KubePlan.Cron;

/// <summary>
/// Go's <c>time.ParseDuration</c>: <c>[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+</c> with units ns, us, µs, μs, ms,
/// s, m, h (no d), a bare <c>0</c>, and overflow beyond ±2⁶³ ns rejected. Used for <c>@every</c>.
/// </summary>
internal static class GoDuration
{
    private const ulong Limit = 1UL << 63;

    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00B5s"] = 1_000,
        ["\u03BCs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>Parses <paramref name="text"/> into nanoseconds, or gives Go's error message.</summary>
    internal static bool TryParse(string text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = string.Empty;
        var invalid = "time: invalid duration " + GoText.TimeQuote(text);
        var s = text;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            error = invalid;
            return false;
        }

        ulong d = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || s[0] is >= '0' and <= '9'))
            {
                error = invalid;
                return false;
            }

            var before = s.Length;
            if (!LeadingInt(ref s, out var v))
            {
                error = invalid;
                return false;
            }

            var pre = before != s.Length;
            var post = false;
            ulong f = 0;
            var scale = 1.0;
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                var fractionStart = s.Length;
                LeadingFraction(ref s, out f, out scale);
                post = fractionStart != s.Length;
            }

            if (!pre && !post)
            {
                error = invalid;
                return false;
            }

            var i = 0;
            while (i < s.Length && s[i] != '.' && s[i] is not (>= '0' and <= '9'))
            {
                i++;
            }

            if (i == 0)
            {
                error = "time: missing unit in duration " + GoText.TimeQuote(text);
                return false;
            }

            var unitText = s[..i];
            s = s[i..];
            if (!Units.TryGetValue(unitText, out var unit))
            {
                error = "time: unknown unit " + GoText.TimeQuote(unitText) + " in duration " + GoText.TimeQuote(text);
                return false;
            }

            if (v > Limit / unit)
            {
                error = invalid;
                return false;
            }

            v *= unit;
            if (f > 0)
            {
                v += (ulong)(f * (unit / scale));
                if (v > Limit)
                {
                    error = invalid;
                    return false;
                }
            }

            d += v;
            if (d > Limit)
            {
                error = invalid;
                return false;
            }
        }

        if (negative)
        {
            nanoseconds = d == Limit ? long.MinValue : -(long)d;
            return true;
        }

        if (d > Limit - 1)
        {
            error = invalid;
            return false;
        }

        nanoseconds = (long)d;
        return true;
    }

    private static bool LeadingInt(ref string s, out ulong x)
    {
        x = 0;
        var i = 0;
        for (; i < s.Length && s[i] is >= '0' and <= '9'; i++)
        {
            if (x > Limit / 10)
            {
                return false;
            }

            x = (x * 10) + (ulong)(s[i] - '0');
            if (x > Limit)
            {
                return false;
            }
        }

        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref string s, out ulong x, out double scale)
    {
        x = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && s[i] is >= '0' and <= '9'; i++)
        {
            if (overflow)
            {
                continue;
            }

            if (x > (Limit - 1) / 10)
            {
                overflow = true;
                continue;
            }

            var y = (x * 10) + (ulong)(s[i] - '0');
            if (y > Limit)
            {
                overflow = true;
                continue;
            }

            x = y;
            scale *= 10;
        }

        s = s[i..];
    }
}
