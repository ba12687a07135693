using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Validation;

/// <summary>
/// An int-or-string field (intstr.IntOrString) as the apps and policy validations read it:
/// an integer, or a string that must match <c>^[0-9]+%$</c> (IsValidPercent).
/// </summary>
public readonly record struct IntOrPercentSyntax(long Value, bool IsPercent)
{
    public const string PercentGrammar = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%')";

    public bool IsZero => Value == 0;

    /// <summary>
    /// Reads the node: the value, or null with an error for a malformed percent string. Other
    /// types give null without an error: schema validation reports those.
    /// </summary>
    public static IntOrPercentSyntax? Read(YNode node, out string? error)
    {
        error = null;
        if (node is not YScalar scalar)
        {
            return null;
        }

        if (scalar.IsString)
        {
            var text = scalar.Text;
            if (text.Length < 2 || text[^1] != '%' || !text[..^1].All(char.IsAsciiDigit))
            {
                error = PercentGrammar;
                return null;
            }

            if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                error = "is too large";
                return null;
            }

            return new IntOrPercentSyntax(percent, true);
        }

        if (scalar.Kind == ScalarKind.Int && scalar.AsInt64() is { } value)
        {
            return new IntOrPercentSyntax(value, false);
        }

        return null;
    }

    public override string ToString() => IsPercent ? Value.ToString(CultureInfo.InvariantCulture) + "%" : Value.ToString(CultureInfo.InvariantCulture);
}
