using KubePlan.Diagnostics;
using KubePlan.Diff;
using KubePlan.Manifests;
using KubePlan.Reporting;
using KubePlan.Rules;
using KubePlan.Sources;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "diff", Description = "What a change to the manifests does when applied: rollouts, scaling, rejected updates, traffic moves.")]
public sealed class DiffCommand(IConsole console)
{
    [Argument(0, Name = "PATHS", Description = "OLD NEW (files, directories or - for one of them); with --base, the paths to compare (default: .).")]
    public string[] Paths { get; set; } = [];

    [Option("--base <REV>", Description = "Compare against the manifests at this git revision.")]
    public string? Base { get; set; }

    [Option("--head <REV>", Description = "With --base: the new side is this revision instead of the working tree.")]
    public string? Head { get; set; }

    [Option("-f|--format <FORMAT>", Description = "text (default), markdown or json.")]
    public string Format { get; set; } = "text";

    [Option("--fail-on <WHAT>", Description = "Exit 1 only for these impacts (rollout, scale, rejected, traffic, config-not-rolled, added, removed, update, metadata) or lint severities of the new side (error, warning, info). Repeatable or comma-separated.")]
    public string[] FailOn { get; set; } = [];

    [Option("--lint", Description = "Also lint the new side and report its findings.")]
    public bool Lint { get; set; }

    [Option("--kubernetes-version <X.Y>", Description = "The target Kubernetes version for --lint (default 1.36).")]
    public string? KubernetesVersion { get; set; }

    [Option("-n|--namespace <NAMESPACE>", Description = "The namespace of objects that name none (default: default).")]
    public string? Namespace { get; set; }

    /// <summary>The rollout planner to attach plans with; tests may replace it or set it to null.</summary>
    internal static IRolloutPlanner? Planner { get; set; } = new RolloutPlannerAdapter();

    public int OnExecute()
    {
        var writer = DiffWriters.Find(Format) ?? throw new UsageException($"unknown --format '{Format}'; choose one of {DiffWriters.Names}");
        var (impacts, severity) = ParseFailOn(FailOn);
        var options = new DiffOptions
        {
            Lint = Lint ? new LintOptions { KubernetesVersion = ConsoleSupport.ParseVersion(KubernetesVersion) } : null,
        };
        var loader = new ManifestLoader(Namespace);
        var (oldSide, newSide) = Base is null ? LoadPair(loader) : LoadRevisions(loader);
        var result = new DiffEngine(Planner).Compare(oldSide, newSide, options);
        writer.Write(result, console.Out, new ReportOptions(ConsoleSupport.UseColor(console)));

        if (impacts.Count == 0 && severity is null)
        {
            var failed = result.Changes.Count > 0 || result.Diagnostics.Any(d => d.Diagnostic.Severity == Severity.Error);
            return failed ? ExitCodes.Findings : ExitCodes.Clean;
        }

        var gate = result.Changes.Any(c => c.Impacts.Any(impacts.Contains))
            || (severity is { } threshold && result.Diagnostics.Any(d => d.Side == DiffSide.New && d.Diagnostic.Severity >= threshold));
        return gate ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static (HashSet<Impact> Impacts, Severity? Severity) ParseFailOn(IEnumerable<string> values)
    {
        var impacts = new HashSet<Impact>();
        Severity? severity = null;
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (ImpactNames.TryParse(value, out var impact))
            {
                impacts.Add(impact);
            }
            else if (SeverityNames.TryParse(value, out var s))
            {
                severity = severity is { } current && current < s ? current : s;
            }
            else
            {
                throw new UsageException($"--fail-on takes impacts ({string.Join(", ", ImpactNames.All.Select(i => i.ToName()))}) or severities (error, warning, info), got '{value}'");
            }
        }

        return (impacts, severity);
    }

    private (LoadResult Old, LoadResult New) LoadPair(ManifestLoader loader)
    {
        if (Head is not null)
        {
            throw new UsageException("--head needs --base");
        }

        if (Paths.Length != 2)
        {
            throw new UsageException("diff takes two paths, OLD and NEW (or --base REV [PATHS...])");
        }

        if (Paths[0] == ManifestLoader.StdinPath && Paths[1] == ManifestLoader.StdinPath)
        {
            throw new UsageException("only one side can be read from stdin (-)");
        }

        return (LoadPath(loader, Paths[0]), LoadPath(loader, Paths[1]));
    }

    private LoadResult LoadPath(ManifestLoader loader, string path)
    {
        var (files, missing) = ManifestLoader.Expand([path]);
        if (missing.Count > 0)
        {
            throw new UsageException("no such file or directory: " + path);
        }

        return loader.LoadFiles(files, () => console.In);
    }

    private (LoadResult Old, LoadResult New) LoadRevisions(ManifestLoader loader)
    {
        if (Paths.Contains(ManifestLoader.StdinPath))
        {
            throw new UsageException("with --base the paths name files in the repository; stdin (-) cannot be used");
        }

        try
        {
            var oldSource = GitRevisionSource.Open(Base!, Paths);
            var oldSide = oldSource.Load(Paths, loader);
            if (Head is not null)
            {
                return (oldSide, GitRevisionSource.Open(Head, Paths).Load(Paths, loader));
            }

            // A path deleted from the working tree means everything under it was removed.
            var (files, _) = ManifestLoader.Expand(Paths.DefaultIfEmpty("."));
            return (oldSide, loader.LoadFiles(files));
        }
        catch (GitSourceException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
