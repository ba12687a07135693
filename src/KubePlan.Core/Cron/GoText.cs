using System.Globalization;
using System.Numerics;
using System.Text;

namespace KubePlan.Cron;

/// <summary>
/// The few pieces of Go's standard library that decide what a schedule means: <c>strings.Fields</c>,
/// <c>strconv.Atoi</c>, <c>strings.ToLower</c> for the month and day names, and error quoting.
/// </summary>
internal static class GoText
{
    /// <summary>
    /// <c>strings.Fields</c>: split on runs of Unicode white space (Go's <c>unicode.IsSpace</c> and
    /// .NET's <see cref="char.IsWhiteSpace(char)"/> cover the same characters), keeping each field's offset.
    /// </summary>
    internal static List<(string Text, int Offset)> Fields(string s, int baseOffset = 0)
    {
        var fields = new List<(string, int)>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            var start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (i > start)
            {
                fields.Add((s[start..i], baseOffset + start));
            }
        }

        return fields;
    }

    /// <summary>
    /// <c>strconv.Atoi</c> on a 64-bit platform: optional <c>+</c>/<c>-</c>, ASCII digits only, no spaces
    /// or underscores, range of int64. On failure returns the message Go would give.
    /// </summary>
    internal static bool TryAtoi(string s, out long value, out string error)
    {
        value = 0;
        error = string.Empty;
        var digits = s.AsSpan();
        var negative = false;
        if (digits.Length > 0 && (digits[0] == '+' || digits[0] == '-'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }

        if (digits.Length == 0)
        {
            error = NumError(s, "invalid syntax");
            return false;
        }

        BigInteger n = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                error = NumError(s, "invalid syntax");
                return false;
            }

            n = (n * 10) + (c - '0');
        }

        if (negative)
        {
            n = -n;
        }

        if (n > long.MaxValue || n < long.MinValue)
        {
            error = NumError(s, "value out of range");
            return false;
        }

        value = (long)n;
        return true;
    }

    /// <summary>
    /// <c>strings.ToLower</c> as far as it can matter for matching ASCII names: ASCII letters, and the two
    /// non-ASCII letters whose lower case is ASCII (U+0130 → i, U+212A KELVIN SIGN → k).
    /// </summary>
    internal static string ToLowerForNames(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                >= 'A' and <= 'Z' => (char)(c + 32),
                '\u0130' => 'i',
                '\u212A' => 'k',
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary><c>strconv.Quote</c> for the strings that reach error messages.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var v = rune.Value;
            switch (v)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                case < 0x20 or 0x7F: sb.Append("\\x").Append(v.ToString("x2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(rune.ToString()); break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>The quoting of Go's <c>time</c> package: non-ASCII and control bytes as <c>\xNN</c>.</summary>
    internal static string TimeQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        Span<byte> bytes = stackalloc byte[4];
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value >= 0x80 || rune.Value < 0x20)
            {
                var n = rune.EncodeToUtf8(bytes);
                for (var j = 0; j < n; j++)
                {
                    sb.Append("\\x").Append(bytes[j].ToString("x2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                if (rune.Value is '"' or '\\')
                {
                    sb.Append('\\');
                }

                sb.Append((char)rune.Value);
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    private static string NumError(string s, string reason) => $"strconv.Atoi: parsing {Quote(s)}: {reason}";
}
