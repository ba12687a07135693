using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// An <c>intstr.IntOrString</c> as the rollout fields use it: a plain integer (<c>3</c>) or a
/// percentage string (<c>"25%"</c>). Scaling follows <c>GetScaledValueFromIntOrPercent</c>: an
/// integer is used as is, a percentage is <c>p × total / 100</c> rounded up or down, computed
/// with exact integer arithmetic.
/// </summary>
public readonly record struct IntOrPercent
{
    private IntOrPercent(int value, bool isPercent)
    {
        Value = value;
        IsPercent = isPercent;
    }

    /// <summary>The integer, or the percentage without its <c>%</c> sign.</summary>
    public int Value { get; }

    /// <summary>True when the value was written as a percentage.</summary>
    public bool IsPercent { get; }

    public static IntOrPercent FromInt(int value) => new(value, isPercent: false);

    public static IntOrPercent FromPercent(int percent) => new(percent, isPercent: true);

    /// <summary>
    /// Parses <c>3</c> or <c>25%</c>. The percentage must be digits followed by <c>%</c>
    /// (the API's <c>^[0-9]+%$</c>); anything else is rejected.
    /// </summary>
    public static bool TryParse(string? text, out IntOrPercent result)
    {
        result = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var isPercent = text[^1] == '%';
        var digits = isPercent ? text.AsSpan(0, text.Length - 1) : text.AsSpan();
        if (isPercent)
        {
            if (digits.IsEmpty)
            {
                return false;
            }

            foreach (var c in digits)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }
        }

        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        result = new IntOrPercent(value, isPercent);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> on malformed input.</summary>
    public static IntOrPercent Parse(string text) =>
        TryParse(text, out var result)
            ? result
            : throw new FormatException($"'{text}' is neither an integer nor a percentage such as \"25%\"");

    /// <summary>
    /// The value scaled against <paramref name="total"/>: integers unchanged, percentages
    /// <c>ceil(p × total / 100)</c> when <paramref name="roundUp"/>, else <c>floor</c>.
    /// </summary>
    public int Scale(int total, bool roundUp)
    {
        if (!IsPercent)
        {
            return Value;
        }

        var product = (long)Value * total;
        var quotient = Math.DivRem(product, 100L, out var remainder);
        if (remainder != 0 && roundUp == (remainder > 0))
        {
            quotient += roundUp ? 1 : -1;
        }

        return checked((int)quotient);
    }

    public override string ToString() =>
        IsPercent ? Value.ToString(CultureInfo.InvariantCulture) + "%" : Value.ToString(CultureInfo.InvariantCulture);
}
