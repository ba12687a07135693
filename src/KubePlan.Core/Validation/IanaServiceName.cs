namespace KubePlan.Validation;

/// <summary>
/// Port names (apimachinery util/validation IsValidPortName, RFC 6335 service names): at most
/// 15 characters of lower-case letters, digits and '-', at least one letter, no '-' at either
/// end and no "--".
/// </summary>
public static class IanaServiceName
{
    public const int MaxLength = 15;

    /// <summary>Null when valid, else the reason.</summary>
    public static string? Check(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return $"must be no more than {MaxLength} characters";
        }

        if (!value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            return "must not contain consecutive hyphens";
        }

        if (!value.Any(char.IsAsciiLetterLower))
        {
            return "must contain at least one letter (a-z)";
        }

        return value[0] == '-' || value[^1] == '-' ? "must not begin or end with a hyphen" : null;
    }

    /// <summary>A port number is 1 to 65535 (IsValidPortNum).</summary>
    public static bool IsValidPortNumber(long port) => port is >= 1 and <= 65535;
}
