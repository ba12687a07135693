using KubePlan.Configuration;
using KubePlan.CustomRules;
using KubePlan.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

/// <summary>
/// Custom rules for lint and rules: from <c>--rules</c> and the configuration's <c>customRules</c>
/// (none with <c>--no-custom-rules</c>), or a usage error listing what is wrong with them.
/// </summary>
internal static class CustomRuleOption
{
    /// <summary>
    /// Reads the configuration, loads the custom rules it and <paramref name="paths"/> name, and then
    /// checks the configuration's rule ids against the built-in and custom rules (custom ids cannot be
    /// known before the rules are loaded, so the first read accepts any id).
    /// </summary>
    public static (KubePlanConfig Config, CustomRuleSet Custom) LoadWithConfig(string? configPath, IReadOnlyList<string> paths, bool noCustomRules, IConsole console, bool verbose)
    {
        if (noCustomRules && paths.Count > 0)
        {
            throw new UsageException("--rules and --no-custom-rules contradict each other; use one");
        }

        var config = ConsoleSupport.LoadConfig(configPath, AnyRuleId.Instance);
        var custom = noCustomRules ? CustomRuleSet.Empty : Load([.. paths, .. config.CustomRules], console, verbose);
        if (config.File is not null && !(noCustomRules && config.CustomRules.Count > 0))
        {
            // Now that every rule id is known, a misspelt one in rules: or ignore: is a positioned error.
            // (With --no-custom-rules and configured custom rules, their ids cannot be told from typos.)
            config = ConsoleSupport.LoadConfig(config.File, ConsoleSupport.KnownRuleIds(custom.Rules));
        }

        return (config, custom);
    }

    /// <summary>Loads the custom rules; a file that does not compile or declares a bad rule is a usage error (exit 2).</summary>
    public static CustomRuleSet Load(IReadOnlyList<string> paths, IConsole console, bool verbose)
    {
        if (paths.Count == 0)
        {
            return CustomRuleSet.Empty;
        }

        if (!CustomRuleLoader.IsSupported)
        {
            // The Native AOT build cannot compile or load them: the managed build runs the whole command.
            throw new ManagedHandOver.RequiredException();
        }

        var set = new CustomRuleLoader(CustomRuleLoader.DefaultCacheDirectory()).Load(paths);
        if (!set.Succeeded)
        {
            throw new UsageException("custom rules could not be used:\n" + string.Join("\n", set.Errors));
        }

        if (verbose)
        {
            var how = set.FromCache ? "loaded from the cache" : "compiled";
            var compiler = CustomRuleLoader.IsCompilerLoaded() ? "the C# compiler was loaded" : "the C# compiler was not loaded";
            console.Error.WriteLine($"kubeplan: {set.Rules.Count} custom rule(s) {how} in {set.Elapsed.TotalMilliseconds:F0} ms; {compiler}");
        }

        return set;
    }

    /// <summary>A rule-id list that holds every id: the configuration's first read, before custom rules are loaded.</summary>
    private sealed class AnyRuleId : ICollection<string>, IReadOnlyCollection<string>
    {
        public static readonly AnyRuleId Instance = new();

        public int Count => 0;

        public bool IsReadOnly => true;

        public bool Contains(string item) => true;

        public IEnumerator<string> GetEnumerator() => Enumerable.Empty<string>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Add(string item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public void CopyTo(string[] array, int arrayIndex)
        {
        }

        public bool Remove(string item) => throw new NotSupportedException();
    }
}
