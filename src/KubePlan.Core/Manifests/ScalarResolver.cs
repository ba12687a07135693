using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace KubePlan.Manifests;

/// <summary>
/// Resolves plain scalars as yaml.v2 (YAML 1.1) does, because that is the decoder behind
/// kubectl and the API machinery: <c>yes</c>/<c>on</c> are booleans, <c>0777</c> is octal,
/// <c>2024-01-02</c> is a timestamp, and so on.
/// </summary>
public static partial class ScalarResolver
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    private static readonly Dictionary<string, (ScalarKind Kind, object? Value)> Words = BuildWords();

    /// <summary>
    /// Resolves a scalar; <paramref name="tag"/> is the explicit tag, if any. Throws
    /// <see cref="FormatException"/> where yaml.v2 refuses the value (see the overload with an error).
    /// </summary>
    public static (ScalarKind Kind, object? Value) Resolve(string text, bool plain, string? tag) =>
        Resolve(text, plain, tag, out var error) is var result && error is null ? result : throw new FormatException(error);

    /// <summary>
    /// Resolves a scalar as yaml.v2 decodes it (decode.go, <c>scalar</c>; resolve.go, <c>resolve</c>).
    /// <paramref name="tag"/> is the explicit tag as YamlDotNet reports it (<c>!!int</c> as
    /// <c>tag:yaml.org,2002:int</c>). <paramref name="error"/> is yaml.v2's message where it refuses
    /// the value (for example <c>!!int "abc"</c>), which costs the whole document in Kubernetes.
    /// </summary>
    public static (ScalarKind Kind, object? Value) Resolve(string text, bool plain, string? tag, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(tag))
        {
            return plain ? ResolvePlain(text) : (ScalarKind.String, text);
        }

        return ResolveTagged(text, tag, out error);
    }

    /// <summary>Decodes a <c>!!binary</c> value as Go's base64.StdEncoding does (padding required; only \r and \n skipped).</summary>
    public static bool TryDecodeBinary(string text, out string decoded)
    {
        decoded = string.Empty;
        var clean = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
            {
                return false;
            }

            clean.Append(c);
        }

        var padding = clean.Length - clean.ToString().TrimEnd('=').Length;
        if (clean.Length % 4 != 0 || padding > 2 || clean.ToString().TrimEnd('=').Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            // Go turns the bytes into a string as they are; its JSON encoder then writes each invalid
            // UTF-8 sequence as U+FFFD, which is what decoding with replacement gives.
            decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(clean.ToString()));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The resolution of an untagged plain scalar.</summary>
    public static (ScalarKind Kind, object? Value) ResolvePlain(string text)
    {
        if (Words.TryGetValue(text, out var word))
        {
            return word;
        }

        var first = text[0];
        if (first is (>= '0' and <= '9') or '+' or '-' or '.')
        {
            if (first is >= '0' and <= '9' && TryParseTimestamp(text, out var timestamp))
            {
                return (ScalarKind.Timestamp, timestamp);
            }

            if (first != '.' && TryParseNumber(text, out var number))
            {
                return number;
            }

            if (YamlStyleFloat().IsMatch(first == '.' ? text : text.Replace("_", string.Empty, StringComparison.Ordinal)))
            {
                var floatText = first == '.' ? text : text.Replace("_", string.Empty, StringComparison.Ordinal);
                if (double.TryParse(floatText, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
                {
                    return (ScalarKind.Float, d);
                }
            }
        }

        return (ScalarKind.String, text);
    }

    /// <summary>
    /// The value of a scalar of a known kind (a boolean, number or timestamp) from its text: what <see cref="Resolve(string, bool, string?, out string?)"/>
    /// gave when the scalar was read, plain or tagged (a !!float tag on an integer's text gives the integer as a double).
    /// </summary>
    internal static object ValueOf(string text, ScalarKind kind) =>
        TryValueOf(text, kind, out var value) ? value : throw new InvalidOperationException($"'{text}' does not resolve to {kind}");

    internal static bool TryValueOf(string text, ScalarKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
    {
        var (resolved, v) = ResolvePlain(text);
        value = resolved == kind ? v : kind == ScalarKind.Float && v is long integer ? (double)integer : null;
        return value is not null;
    }

    public static string FormatNumber(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsPositiveInfinity(d) => "+Inf",
        double d when double.IsNegativeInfinity(d) => "-Inf",
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// A tagged scalar, as yaml.v2 resolves it. Only the tags it can resolve (<c>!!str</c>, <c>!!bool</c>,
    /// <c>!!int</c>, <c>!!float</c>, <c>!!null</c>, <c>!!timestamp</c>; resolve.go, <c>resolvableTag</c>)
    /// are checked against the text; <c>!!binary</c> is decoded from base64; every other tag (local
    /// tags such as <c>!Ref</c>, the non-specific <c>!</c>, <c>!!map</c> on a scalar, unknown or odd
    /// global tags) leaves the text a string.
    /// </summary>
    private static (ScalarKind Kind, object? Value) ResolveTagged(string text, string tag, out string? error)
    {
        error = null;
        var name = tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal) ? tag[YamlTagPrefix.Length..] : null;
        switch (name)
        {
            case "str":
                return (ScalarKind.String, text);
            case "binary":
                if (TryDecodeBinary(text, out var decoded))
                {
                    return (ScalarKind.String, decoded);
                }

                error = "!!binary value contains invalid base64 data";
                return (ScalarKind.String, text);
            case "null" or "bool" or "int" or "float" or "timestamp":
                var resolved = ResolvePlain(text);
                if (resolved.Kind == ScalarKind.Timestamp && name != "timestamp")
                {
                    // yaml.v2 tries the timestamp layouts only for untagged plain text or !!timestamp.
                    resolved = (ScalarKind.String, text);
                }

                var wanted = name switch
                {
                    "null" => ScalarKind.Null,
                    "bool" => ScalarKind.Bool,
                    "int" => ScalarKind.Int,
                    "float" => ScalarKind.Float,
                    _ => ScalarKind.Timestamp,
                };
                if (resolved.Kind == wanted)
                {
                    return resolved;
                }

                // !!float takes an integer that fits int64 (not a uint64 one).
                if (wanted == ScalarKind.Float && resolved.Value is long integer)
                {
                    return (ScalarKind.Float, (double)integer);
                }

                error = $"cannot decode !!{ShortName(resolved.Kind)} `{text}` as a !!{name}";
                return (ScalarKind.String, text);
            default:
                return (ScalarKind.String, text);
        }
    }

    private static string ShortName(ScalarKind kind) => kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "bool",
        ScalarKind.Int => "int",
        ScalarKind.Float => "float",
        ScalarKind.Timestamp => "timestamp",
        _ => "str",
    };

    /// <summary>Go's strconv.ParseInt(s, 0, 64) after dropping underscores, then ParseUint, then 0b forms.</summary>
    private static bool TryParseNumber(string text, out (ScalarKind, object?) result)
    {
        result = default;
        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (plain.Length == 0)
        {
            return false;
        }

        var negative = false;
        var digits = plain;
        var signed = plain[0] is '+' or '-';
        if (signed)
        {
            negative = plain[0] == '-';
            digits = plain[1..];
        }

        if (!TryParseGoUnsigned(digits, out var magnitude))
        {
            return false;
        }

        var value = negative ? -magnitude : magnitude;
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            result = (ScalarKind.Int, (long)value);
            return true;
        }

        if (!signed && value <= ulong.MaxValue)
        {
            result = (ScalarKind.Int, (ulong)value);
            return true;
        }

        return false;
    }

    private static bool TryParseGoUnsigned(string s, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (s.Length == 0)
        {
            return false;
        }

        int radix = 10;
        var body = s;
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X': radix = 16; body = s[2..]; break;
                case 'o' or 'O': radix = 8; body = s[2..]; break;
                case 'b' or 'B': radix = 2; body = s[2..]; break;
                default: radix = 8; body = s[1..]; break;
            }
        }

        if (body.Length == 0)
        {
            return false;
        }

        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
            if (value > ulong.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name, int fallback = 0) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;
        int year = Part("y"), month = Part("mo"), day = Part("d"), hour = Part("h"), minute = Part("mi"), second = Part("s");
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["z"];
        if (zone.Success && zone.Value != "Z")
        {
            var hours = int.Parse(zone.Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (zone.Value[0] == '-' ? -1 : 1);
        }

        long ticks = 0;
        if (match.Groups["f"].Success)
        {
            var fraction = match.Groups["f"].Value.PadRight(7, '0')[..7];
            ticks = long.Parse(fraction, CultureInfo.InvariantCulture);
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
        return true;
    }

    private static Dictionary<string, (ScalarKind, object?)> BuildWords()
    {
        var words = new Dictionary<string, (ScalarKind, object?)>(StringComparer.Ordinal);
        foreach (var w in new[] { "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE" })
        {
            words[w] = (ScalarKind.Bool, true);
        }

        foreach (var w in new[] { "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE" })
        {
            words[w] = (ScalarKind.Bool, false);
        }

        foreach (var w in new[] { "", "~", "null", "Null", "NULL" })
        {
            words[w] = (ScalarKind.Null, null);
        }

        foreach (var w in new[] { ".nan", ".NaN", ".NAN" })
        {
            words[w] = (ScalarKind.Float, double.NaN);
        }

        foreach (var w in new[] { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" })
        {
            words[w] = (ScalarKind.Float, double.PositiveInfinity);
        }

        foreach (var w in new[] { "-.inf", "-.Inf", "-.INF" })
        {
            words[w] = (ScalarKind.Float, double.NegativeInfinity);
        }

        return words;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    // The layouts yaml.v2 tries: 2006-1-2T15:4:5.999999999Z07:00 (T or t), "2006-1-2 15:4:5.999999999", 2006-1-2.
    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?:[Tt](?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.(?<f>[0-9]{1,9}))?(?<z>Z|[+-][0-9]{2}:[0-9]{2}))|(?: (?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.(?<f>[0-9]{1,9}))?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
