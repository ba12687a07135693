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

    /// <summary>Loads the given paths; a path that does not exist is a usage error.</summary>
    public static LoadResult Load(IReadOnlyList<string> paths, IConsole console, string? defaultNamespace)
    {
        var (files, missing) = ManifestLoader.Expand(paths);
        if (missing.Count > 0)
        {
            throw new UsageException("no such file or directory: " + string.Join(", ", missing));
        }

        if (files.Count == 0)
        {
            // Not an error (an empty folder is valid input), but a CI path that matches nothing should be visible.
            console.Error.WriteLine("kubeplan: no .yaml, .yml or .json files found in " + string.Join(", ", paths));
        }

        return new ManifestLoader(defaultNamespace).LoadFiles(files, () => console.In);
    }

    /// <summary>The configuration from --config, else .kubeplan.yaml in the current folder, else defaults.</summary>
    public static KubePlan.Configuration.KubePlanConfig LoadConfig(string? path)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new UsageException("no such configuration file: " + path);
        }

        path ??= File.Exists(KubePlan.Configuration.KubePlanConfig.DefaultFileName) ? KubePlan.Configuration.KubePlanConfig.DefaultFileName : null;
        if (path is null)
        {
            return new KubePlan.Configuration.KubePlanConfig();
        }

        try
        {
            return KubePlan.Configuration.KubePlanConfig.Load(path, RuleCatalog.BuiltIn.Select(r => r.Id).ToList());
        }
        catch (KubePlan.Configuration.ConfigException e)
        {
            throw new UsageException(e.Message);
        }
    }

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
