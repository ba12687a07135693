using KubePlan.Configuration;
using KubePlan.CustomRules;
using KubePlan.Manifests;
using KubePlan.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

/// <summary>What every command needs from the terminal and from the paths it was given.</summary>
internal static class ConsoleSupport
{
    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public static bool UseColor(IConsole console) =>
        !console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>Loads the given paths; a path that does not exist is a usage error. <paramref name="filter"/> drops excluded files.</summary>
    /// <param name="eachFile">Called with each file's result as it is read (see <see cref="ManifestLoader.LoadFiles"/>).</param>
    public static LoadResult Load(IReadOnlyList<string> paths, IConsole console, string? defaultNamespace, PathFilter? filter = null, Func<LoadResult, LoadResult>? eachFile = null)
    {
        var (files, missing) = ManifestLoader.Expand(paths);
        if (filter is { IsEmpty: false })
        {
            files = files.Where(filter.Includes).ToList();
        }

        if (missing.Count > 0)
        {
            throw new UsageException("no such file or directory: " + string.Join(", ", missing));
        }

        if (files.Count == 0)
        {
            // Not an error (an empty folder is valid input), but a CI path that matches nothing should be visible.
            console.Error.WriteLine("kubeplan: no .yaml, .yml or .json files found in " + string.Join(", ", paths));
        }

        return new ManifestLoader(defaultNamespace).LoadFiles(files, () => console.In, eachFile);
    }

    /// <summary>
    /// The configuration from --config, else .kubeplan.yaml in the current folder or a parent up to the
    /// repository root, else defaults. A file found by looking is named relative to the current folder.
    /// </summary>
    /// <param name="path">--config, or null to look for the file.</param>
    /// <param name="knownRuleIds">The rule ids rules: and ignore: may name; by default the built-in ones and those of the findings about custom rules.</param>
    public static KubePlanConfig LoadConfig(string? path, IReadOnlyCollection<string>? knownRuleIds = null)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new UsageException("no such configuration file: " + path);
        }

        if (path is null && KubePlanConfig.Discover(Directory.GetCurrentDirectory()) is { } found)
        {
            path = ManifestLoader.DisplayPath(Path.GetRelativePath(Directory.GetCurrentDirectory(), found));
        }

        if (path is null)
        {
            return new KubePlanConfig();
        }

        try
        {
            return KubePlanConfig.Load(path, knownRuleIds ?? KnownRuleIds([]));
        }
        catch (ConfigException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The folder reports make paths relative to: the repository root above the current folder, else the current folder.</summary>
    public static string SourceRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        for (var d = new DirectoryInfo(cwd); d is not null; d = d.Parent)
        {
            if (Path.Exists(Path.Combine(d.FullName, ".git")))
            {
                return d.FullName;
            }
        }

        return cwd;
    }

    /// <summary>The suppression and baseline counts in words, as the text summary says them.</summary>
    public static string Counts(LintSummary s)
    {
        var parts = new List<string> { $"{s.Suppressed} suppressed" };
        if (s.Baseline is { } b)
        {
            parts.Add($"{b.Baselined} in the baseline, {b.Gone} of its findings gone");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Every id a run knows: the built-in rules, the findings about custom rules, and the given custom rules.</summary>
    public static List<string> KnownRuleIds(IEnumerable<Rule> custom) =>
        [.. RuleCatalog.BuiltIn.Select(r => r.Id), .. CustomRuleFindings.Ids, .. custom.Select(r => r.Id)];

    public static KubernetesVersion ParseVersion(string? text)
    {
        if (text is null)
        {
            return KubernetesVersion.Default;
        }

        return KubernetesVersion.TryParse(text, out var version) ? version
            : throw new UsageException($"--kubernetes-version must look like 1.36, got '{text}'");
    }
}
