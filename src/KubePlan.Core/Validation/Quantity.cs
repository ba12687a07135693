using System.Numerics;

namespace KubePlan.Validation;

/// <summary>
/// A resource quantity (apimachinery resource.Quantity) held exactly as a fraction
/// <c>Numerator / 10^Scale</c>, so that comparisons never round: <c>1Gi</c>, <c>1073741824</c> and
/// <c>1.073741824G</c> compare equal, and <c>100m</c> is exactly one tenth.
/// </summary>
public readonly record struct Quantity(BigInteger Numerator, int Scale) : IComparable<Quantity>
{
    public int Sign => Numerator.Sign;

    /// <summary>Whether the quantity is a whole number (no fraction left).</summary>
    public bool IsInteger => Scale <= 0 || BigInteger.Remainder(Numerator, BigInteger.Pow(10, Scale)).IsZero;

    /// <summary>
    /// Parses the quantity grammar: an optional sign, a decimal number, and one suffix: binary SI
    /// (Ki Mi Gi Ti Pi Ei), decimal SI (n u m k M G T P E) or a decimal exponent (e3, E-2).
    /// </summary>
    /// <remarks>
    /// A scanner, not a regular expression: rules parse every request and limit of a run, and a match
    /// allocates its groups. Like the pattern it replaces (<c>^…$</c>), it accepts one final newline.
    /// </remarks>
    public static bool TryParse(string? text, out Quantity quantity)
    {
        quantity = default;
        if (text is null)
        {
            return false;
        }

        var rest = text.AsSpan();
        if (rest.EndsWith('\n'))
        {
            rest = rest[..^1];
        }

        var negative = false;
        if (rest.Length > 0 && rest[0] is '+' or '-')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        var whole = rest[..LeadingDigits(rest)];
        rest = rest[whole.Length..];
        var fraction = rest[..0];
        if (rest.Length > 0 && rest[0] == '.')
        {
            fraction = rest[1..][..LeadingDigits(rest[1..])];
            rest = rest[(1 + fraction.Length)..];
        }

        var suffix = rest;
        if (whole.Length + fraction.Length == 0)
        {
            return false;
        }

        BigInteger digits;
        if (whole.Length + fraction.Length <= 18)
        {
            // Up to 18 digits fit a long.
            var value = 0L;
            foreach (var c in whole)
            {
                value = (value * 10) + (c - '0');
            }

            foreach (var c in fraction)
            {
                value = (value * 10) + (c - '0');
            }

            digits = value;
        }
        else
        {
            digits = BigInteger.Parse(string.Concat(whole, fraction), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (negative)
        {
            digits = -digits;
        }

        var scale = fraction.Length;
        int exponent10;
        var binary = 0;
        switch (suffix)
        {
            case "":
                exponent10 = 0;
                break;
            case "Ki": binary = 10; exponent10 = 0; break;
            case "Mi": binary = 20; exponent10 = 0; break;
            case "Gi": binary = 30; exponent10 = 0; break;
            case "Ti": binary = 40; exponent10 = 0; break;
            case "Pi": binary = 50; exponent10 = 0; break;
            case "Ei": binary = 60; exponent10 = 0; break;
            case "n": exponent10 = -9; break;
            case "u": exponent10 = -6; break;
            case "m": exponent10 = -3; break;
            case "k": exponent10 = 3; break;
            case "M": exponent10 = 6; break;
            case "G": exponent10 = 9; break;
            case "T": exponent10 = 12; break;
            case "P": exponent10 = 15; break;
            case "E": exponent10 = 18; break;
            default:
                // A decimal exponent ([eE][+-]?[0-9]+); upstream bounds it well inside int range.
                if (!IsExponent(suffix)
                    || !int.TryParse(suffix[1..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent10)
                    || exponent10 is < -1000 or > 1000)
                {
                    return false;
                }

                break;
        }

        digits *= BigInteger.Pow(2, binary);
        scale -= exponent10;
        if (scale < 0)
        {
            digits *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        quantity = new Quantity(digits, scale);
        return true;
    }

    /// <summary>
    /// Reads a quantity written as a string or as a YAML number (<c>cpu: 1</c>, <c>memory: 1e9</c>);
    /// null when absent or not a quantity.
    /// </summary>
    public static Quantity? Read(Manifests.Located? at) =>
        at?.Node is Manifests.YScalar { Kind: Manifests.ScalarKind.String or Manifests.ScalarKind.Int or Manifests.ScalarKind.Float } s
        && TryParse(s.IsString ? s.Text : s.KeyText, out var q) ? q : null;

    /// <summary>The value as a decimal, for sums and capacity estimates (saturating beyond decimal's range).</summary>
    public decimal ToDecimal()
    {
        var value = (decimal)BigInteger.Max(BigInteger.Min(Numerator, (BigInteger)decimal.MaxValue), (BigInteger)decimal.MinValue);
        for (var i = 0; i < Scale; i++)
        {
            value /= 10;
        }

        for (var i = 0; i > Scale; i--)
        {
            value = value > decimal.MaxValue / 10 ? decimal.MaxValue : value * 10;
        }

        return value;
    }

    public int CompareTo(Quantity other)
    {
        var common = Math.Max(Scale, other.Scale);
        var left = Numerator * BigInteger.Pow(10, common - Scale);
        var right = other.Numerator * BigInteger.Pow(10, common - other.Scale);
        return left.CompareTo(right);
    }

    public bool ValueEquals(Quantity other) => CompareTo(other) == 0;

    public static bool operator <(Quantity a, Quantity b) => a.CompareTo(b) < 0;

    public static bool operator >(Quantity a, Quantity b) => a.CompareTo(b) > 0;

    public static bool operator <=(Quantity a, Quantity b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Quantity a, Quantity b) => a.CompareTo(b) >= 0;

    /// <summary>How many ASCII digits <paramref name="text"/> starts with.</summary>
    private static int LeadingDigits(ReadOnlySpan<char> text)
    {
        var n = text.IndexOfAnyExceptInRange('0', '9');
        return n < 0 ? text.Length : n;
    }

    /// <summary>A decimal exponent suffix: e or E, an optional sign, at least one digit.</summary>
    private static bool IsExponent(ReadOnlySpan<char> suffix)
    {
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return false;
        }

        var number = suffix[1] is '+' or '-' ? suffix[2..] : suffix[1..];
        return number.Length > 0 && !number.ContainsAnyExceptInRange('0', '9');
    }
}
