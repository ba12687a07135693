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

    public int OnExecute()
    {
        var writer = ReportWriters.Find(Format) ?? throw new UsageException($"unknown --format '{Format}'; choose one of {ReportWriters.Names}");
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
            CustomRuleTimeout = budget,
            Verbose = Verbose,
        };
        var ns = Namespace ?? config.Namespace;
        var input = ConsoleSupport.Load(Paths, console, ns, config.PathFilter);
        var nodesPath = Nodes ?? config.Nodes;
        var nodes = nodesPath is null ? null : ConsoleSupport.Load([nodesPath], console, ns);
        var report = Linter.Run(input, options, nodes, rules);
        writer.Write(report, console.Out, new ReportOptions(ConsoleSupport.UseColor(console), rules, threshold));
        return report.HasFindingsAtOrAbove(threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }
}
