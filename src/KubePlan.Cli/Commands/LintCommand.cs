using System.ComponentModel.DataAnnotations;
using KubePlan.Diagnostics;
using KubePlan.Reporting;
using KubePlan.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "lint", Description = "Validate manifests: every finding with file:line:col, rule id and a fix hint.")]
public sealed class LintCommand(IConsole console)
{
    [Argument(0, Name = "PATHS", Description = "Files, directories (recursive) or - for stdin.")]
    [Required]
    public string[] Paths { get; set; } = [];

    [Option("-f|--format <FORMAT>", Description = "text (default), json, sarif, junit or github.")]
    public string Format { get; set; } = "text";

    [Option("--fail-on <SEVERITY>", Description = "Exit 1 when a finding is at or above: error (default), warning, info.")]
    public string? FailOn { get; set; }

    [Option("--config <FILE>", Description = "Settings file (default: .kubeplan.yaml in the current folder or a parent, up to the repository root).")]
    public string? Config { get; set; }

    [Option("--nodes <FILE>", Description = "A node inventory (kubectl get nodes -o yaml) for scheduling checks.")]
    public string? Nodes { get; set; }

    [Option("--kubernetes-version <X.Y>", Description = "The target Kubernetes version (default 1.36).")]
    public string? KubernetesVersion { get; set; }

    [Option("--strict-kinds", Description = "Report kinds with no schema as errors.")]
    public bool StrictKinds { get; set; }

    [Option("--profile <PROFILE>", Description = "The rules to run: minimal, recommended (default), strict, pss-baseline or pss-restricted.")]
    public string? Profile { get; set; }

    [Option("--enable <RULE>", Description = "Run a rule its profile leaves off (repeatable).")]
    public string[] Enable { get; set; } = [];

    [Option("--disable <RULE>", Description = "Skip a rule (repeatable).")]
    public string[] Disable { get; set; } = [];

    [Option("--rules <PATH>", Description = "Custom rules: a C# file or a folder of them (repeatable); see rules/custom/README.md.")]
    public string[] Rules { get; set; } = [];

    [Option("--no-custom-rules", Description = "Run no custom rules, whatever the configuration's customRules says.")]
    public bool NoCustomRules { get; set; }

    [Option("--custom-rule-timeout <DURATION>", Description = "How long each custom rule may run before it is stopped: 5s (default), 500ms, 1m.")]
    public string? CustomRuleTimeout { get; set; }

    [Option("--verbose", Description = "Say how custom rules were loaded (on stderr), and give a failing custom rule's stack trace.")]
    public bool Verbose { get; set; }

    [Option("-n|--namespace <NAMESPACE>", Description = "The namespace of objects that name none (default: default).")]
    public string? Namespace { get; set; }

    [Option("--no-inline-ignores", Description = "Ignore kubeplan.io/ignore annotations and # kubeplan:ignore comments (a mandatory gate; config strict: true does the same).")]
    public bool NoInlineIgnores { get; set; }

    [Option("--baseline <FILE>", Description = "Report and fail only on findings not in this baseline (written by --write-baseline).")]
    public string? Baseline { get; set; }

    [Option("--write-baseline <FILE>", Description = "Record today's findings in FILE (sorted JSON by fingerprint) and exit 0.")]
    public string? WriteBaseline { get; set; }

    [Option("-o|--output <FORMAT_FILE>", Description = "Also write the report in FORMAT to FILE (repeatable), e.g. --output sarif=kubeplan.sarif.")]
    public string[] Outputs { get; set; } = [];

    public int OnExecute()
    {
        var writer = ReportWriters.Find(Format) ?? throw new UsageException($"unknown --format '{Format}'; choose one of {ReportWriters.Names}");
        var outputs = Outputs.Select(ParseOutput).ToList();
        var (config, custom) = CustomRuleOption.LoadWithConfig(Config, Rules, NoCustomRules, console, Verbose);
        using var customRules = custom;
        var budget = config.CustomRuleTimeout ?? KubePlan.CustomRules.CustomRuleTimeout.Default;
        if (CustomRuleTimeout is not null && !KubePlan.CustomRules.CustomRuleTimeout.TryParse(CustomRuleTimeout, out budget))
        {
            throw new UsageException($"--custom-rule-timeout must be a duration such as 5s, 500ms or 1m30s, got '{CustomRuleTimeout}'");
        }

        var threshold = config.FailOn ?? Severity.Error;
        if (FailOn is not null && !SeverityNames.TryParse(FailOn, out threshold))
        {
            throw new UsageException($"--fail-on must be error, warning or info, got '{FailOn}'");
        }

        var rules = RuleCatalog.BuiltIn.Concat(custom.Rules).ToList();
        var known = ConsoleSupport.KnownRuleIds(custom.Rules);

        // The configuration's ids were checked when it was read; a namespaced id names a custom rule that --no-custom-rules left out.
        foreach (var id in Disable.Where(id => !known.Contains(id) && !(NoCustomRules && id.Contains('/', StringComparison.Ordinal))))
        {
            throw new UsageException($"--disable names an unknown rule '{id}'; 'kubeplan rules' lists them");
        }

        foreach (var id in Enable.Where(id => rules.All(r => r.Id != id)))
        {
            throw new UsageException($"--enable names an unknown rule '{id}'; 'kubeplan rules' lists them");
        }

        var profile = config.Profile ?? LintOptions.DefaultProfile;
        if (Profile is not null && !RuleProfileNames.TryParse(Profile, out profile))
        {
            throw new UsageException($"--profile must be {RuleProfileNames.Choices}, got '{Profile}'");
        }

        var options = new LintOptions
        {
            KubernetesVersion = KubernetesVersion is null ? config.KubernetesVersion ?? KubePlan.Rules.KubernetesVersion.Default : ConsoleSupport.ParseVersion(KubernetesVersion),
            StrictKinds = StrictKinds || config.StrictKinds == true,
            Profile = profile,
            EnabledRules = Enable.ToHashSet(StringComparer.Ordinal),
            // A rule named on the command line wins over the configuration's choice for it.
            DisabledRules = Disable.Concat(config.DisabledRules.Where(id => !Enable.Contains(id))).ToHashSet(StringComparer.Ordinal),
            SeverityOverrides = config.SeverityOverrides,
            InlineIgnores = !NoInlineIgnores && config.Strict != true,
            Ignore = config.Ignore,
            CustomRuleTimeout = budget,
            Verbose = Verbose,
        };
        var ns = Namespace ?? config.Namespace;
        // Objects are checked as their files are read, so that only what later checks read is kept.
        var run = Linter.Start(options, rules);
        var input = ConsoleSupport.Load(Paths, console, ns, config.PathFilter, run.Read);
        var nodesPath = Nodes ?? config.Nodes;
        var nodes = nodesPath is null ? null : ConsoleSupport.Load([nodesPath], console, ns);
        var baseline = LoadBaseline(Baseline);
        var report = run.Finish(input, nodes);
        var recorded = report.Diagnostics.Count;
        if (WriteBaseline is not null)
        {
            // Written before --baseline applies, so a baseline can be refreshed in the run that checks against it.
            Write(WriteBaseline, KubePlan.Suppressions.Baseline.Write(report));
        }

        if (baseline is not null)
        {
            report = baseline.Apply(report);
        }

        var root = ConsoleSupport.SourceRoot();
        writer.Write(report, console.Out, new ReportOptions(ConsoleSupport.UseColor(console), rules, threshold, root));
        foreach (var (format, file) in outputs)
        {
            using var text = new StringWriter { NewLine = "\n" };
            format.Write(report, text, new ReportOptions(false, rules, threshold, root));
            Write(file, text.ToString());
        }

        if (writer.Format != "text" && (report.Summary.Baseline is not null || report.Summary.Suppressed > 0))
        {
            // The machine formats carry these counts in their own way; the log says them plainly too.
            console.Error.WriteLine("kubeplan: " + ConsoleSupport.Counts(report.Summary));
        }

        if (WriteBaseline is not null)
        {
            console.Error.WriteLine($"kubeplan: wrote {recorded} findings to the baseline {WriteBaseline}");
            return ExitCodes.Clean;
        }

        return report.HasFindingsAtOrAbove(threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static (IReportWriter Writer, string File) ParseOutput(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw new UsageException($"--output must be FORMAT=FILE (e.g. sarif=kubeplan.sarif), got '{text}'");
        }

        var format = text[..eq];
        var writer = ReportWriters.Find(format) ?? throw new UsageException($"unknown --output format '{format}'; choose one of {ReportWriters.Names}");
        return (writer, text[(eq + 1)..]);
    }

    private static KubePlan.Suppressions.Baseline? LoadBaseline(string? path)
    {
        try
        {
            return path is null ? null : KubePlan.Suppressions.Baseline.Load(path);
        }
        catch (KubePlan.Suppressions.BaselineException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Write(string path, string text)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
    }
}
