namespace KubePlan.Rules;

/// <summary>
/// The profiles that turn a rule on. A run selects one profile (<c>--profile</c>, config
/// <c>profile:</c>; default <see cref="Recommended"/>) and runs the rules that name it.
/// </summary>
/// <remarks>
/// Correctness rules (the object fails at apply or is broken at run time) keep the default
/// <see cref="All"/>; widely agreed practice is <c>Recommended | Strict</c>; opinionated checks are
/// <c>Strict</c> only; Pod Security Standards controls name their level's profiles.
/// </remarks>
[Flags]
public enum RuleProfiles
{
    None = 0,
    Minimal = 1,
    Recommended = 2,
    Strict = 4,
    PssBaseline = 8,
    PssRestricted = 16,
    All = Minimal | Recommended | Strict | PssBaseline | PssRestricted,
}

/// <summary>The profiles' command-line and configuration names.</summary>
public static class RuleProfileNames
{
    /// <summary>The single profiles a run can select, in the order they are listed.</summary>
    public static IReadOnlyList<(RuleProfiles Profile, string Name)> Known { get; } =
    [
        (RuleProfiles.Minimal, "minimal"),
        (RuleProfiles.Recommended, "recommended"),
        (RuleProfiles.Strict, "strict"),
        (RuleProfiles.PssBaseline, "pss-baseline"),
        (RuleProfiles.PssRestricted, "pss-restricted"),
    ];

    public const string Choices = "minimal, recommended, strict, pss-baseline or pss-restricted";

    public static bool TryParse(string? text, out RuleProfiles profile)
    {
        foreach (var (p, name) in Known)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                profile = p;
                return true;
            }
        }

        profile = RuleProfiles.None;
        return false;
    }

    public static string ToName(this RuleProfiles profile) =>
        Known.FirstOrDefault(k => k.Profile == profile).Name ?? profile.ToString();

    /// <summary>The profiles a rule is on in, by name: "all" for a correctness rule, else e.g. "recommended, strict".</summary>
    public static string Describe(RuleProfiles profiles) =>
        profiles == RuleProfiles.All ? "all"
        : profiles == RuleProfiles.None ? "none"
        : string.Join(", ", Known.Where(k => profiles.HasFlag(k.Profile)).Select(k => k.Name));
}
