namespace KubePlan.CustomRules;

/// <summary>
/// Why a custom rule file could not be used: a C# compiler error (<c>CS…</c>) or a KubePlan check of
/// the rules it declares (<c>KP…</c>), at a 1-based line and column of the file (0 when not about a line).
/// </summary>
public sealed record CustomRuleError(string File, int Line, int Column, string Code, string Message)
{
    /// <summary>No such file or directory.</summary>
    public const string Missing = "KP0001";

    /// <summary>The files compiled, but declare no rule.</summary>
    public const string NoRules = "KP0002";

    /// <summary>A rule id that is not kebab-case.</summary>
    public const string InvalidId = "KP0003";

    /// <summary>A rule id that a built-in rule, or another custom rule, already has.</summary>
    public const string DuplicateId = "KP0004";

    /// <summary>A rule that cannot be created or whose metadata is incomplete.</summary>
    public const string InvalidRule = "KP0005";

    /// <summary>The compiled rules could not be loaded.</summary>
    public const string LoadFailed = "KP0006";

    /// <summary>As compilers print it: <c>rules/custom/x.cs:12:5: error CS1002: ; expected</c>.</summary>
    public override string ToString() =>
        (Line > 0 ? $"{File}:{Line}:{Column}" : File) + $": error {Code}: {Message}";
}
