using KubePlan.CustomRules;

namespace KubePlan.Cli.Commands;

/// <summary>The <c>--rules PATH</c> option shared by lint and rules: custom rules, or a usage error listing what is wrong with them.</summary>
internal static class CustomRuleOption
{
    /// <summary>Loads the custom rules; a file that does not compile or declares a bad rule is a usage error (exit 2).</summary>
    public static CustomRuleSet Load(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            return CustomRuleSet.Empty;
        }

        var set = new CustomRuleLoader(CustomRuleLoader.DefaultCacheDirectory()).Load(paths);
        if (!set.Succeeded)
        {
            throw new UsageException("custom rules could not be used:\n" + string.Join("\n", set.Errors));
        }

        return set;
    }
}
