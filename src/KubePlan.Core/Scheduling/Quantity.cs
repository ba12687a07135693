using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>
/// Kubernetes resource quantities (apimachinery <c>resource.Quantity</c>): a decimal number with a
/// binary (Ki … Ei), decimal (n, u, m, k, M, G, T, P, E) or exponent (e3) suffix.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1_000_000m), ("G", 1_000_000_000m),
        ("T", 1_000_000_000_000m), ("P", 1_000_000_000_000_000m), ("E", 1_000_000_000_000_000_000m),
    ];

    /// <summary>The value of a quantity, or null when the text is not one.</summary>
    public static decimal? Parse(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var number = text;
        var factor = 1m;
        var exponent = text.IndexOfAny(['e', 'E']);
        if (exponent > 0 && exponent < text.Length - 1)
        {
            if (!int.TryParse(text[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) || e is < -18 or > 18)
            {
                return null;
            }

            number = text[..exponent];
            factor = e >= 0 ? Pow10(e) : 1m / Pow10(-e);
        }
        else
        {
            foreach (var (suffix, f) in Suffixes)
            {
                if (text.EndsWith(suffix, StringComparison.Ordinal))
                {
                    number = text[..^suffix.Length];
                    factor = f;
                    break;
                }
            }
        }

        if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c is '.' or '+' or '-')
            || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        try
        {
            return value * factor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Reads a quantity written as a string or a number.</summary>
    public static decimal? Read(Located? at) => at?.Node is YScalar { Kind: ScalarKind.String or ScalarKind.Int or ScalarKind.Float } s ? Parse(s.KeyText) : null;

    private static decimal Pow10(int e)
    {
        var result = 1m;
        for (var i = 0; i < e; i++)
        {
            result *= 10;
        }

        return result;
    }
}
