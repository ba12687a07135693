using KubePlan.Diagnostics;
using KubePlan.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "rules", Description = "List the rule catalogue, or show one rule's documentation.")]
public sealed class RulesCommand(IConsole console)
{
    [Argument(0, Name = "ID", Description = "A rule id to describe.")]
    public string? Id { get; set; }

    [Option("--rules <PATH>", Description = "Also list custom rules: a C# file or a folder of them (repeatable); the configuration's customRules are listed too.")]
    public string[] Rules { get; set; } = [];

    [Option("-f|--format <FORMAT>", Description = "text (default) or json: every rule's id, default severity, category, summary, profiles and doc path.")]
    public string Format { get; set; } = "text";

    [Option("--config <FILE>", Description = "Settings file whose customRules to list (default: .kubeplan.yaml in the current folder or a parent, up to the repository root).")]
    public string? Config { get; set; }

    [Option("--no-custom-rules", Description = "List the built-in rules only.")]
    public bool NoCustomRules { get; set; }

    public int OnExecute()
    {
        if (Format is not ("text" or "json"))
        {
            throw new UsageException($"unknown --format '{Format}'; choose text or json");
        }

        var (_, loaded) = CustomRuleOption.LoadWithConfig(Config, Rules, NoCustomRules, console, verbose: false);
        using var custom = loaded;
        var rules = RuleCatalog.BuiltIn.Concat(custom.Rules).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (Format == "json")
        {
            var selected = Id is null ? rules : [rules.Find(r => r.Id == Id) ?? throw new UsageException($"unknown rule '{Id}'; 'kubeplan rules' lists them")];
            console.Out.Write(KubePlan.Reporting.RuleCatalogJson.Write(selected, custom.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)));
            return ExitCodes.Clean;
        }

        if (Id is null)
        {
            // Which profiles turn each rule on: "all" for correctness rules; "off (warning)" marks one the default profile leaves off.
            var width = rules.Max(r => r.Id.Length);
            var defaults = rules.Max(r => RuleTable.DefaultText(r.Info).Length);
            var profiles = rules.Max(r => RuleProfileNames.Describe(r.Info.Profiles).Length);
            console.Out.WriteLine($"{"RULE".PadRight(width)}  {"DEFAULT".PadRight(defaults)}  {"PROFILES".PadRight(profiles)}  SUMMARY");
            foreach (var rule in rules)
            {
                var source = rule.Origin is { } origin ? $" [{origin.File}]" : string.Empty;
                console.Out.WriteLine($"{rule.Id.PadRight(width)}  {RuleTable.DefaultText(rule.Info).PadRight(defaults)}  {RuleProfileNames.Describe(rule.Info.Profiles).PadRight(profiles)}  {rule.Info.Summary}{source}");
            }

            return ExitCodes.Clean;
        }

        if (rules.Find(r => r.Id == Id) is not { } found)
        {
            // Not catalogue rules, but findings users meet and may configure.
            console.Out.WriteLine(KubePlan.CustomRules.CustomRuleFindings.Describe(Id) ?? throw new UsageException($"unknown rule '{Id}'; 'kubeplan rules' lists them"));
            return ExitCodes.Clean;
        }

        var doc = RuleDocs.Read(found.Id);
        console.Out.WriteLine(doc ?? $"{found.Id} ({found.Info.DefaultSeverity.ToName()}): {found.Info.Summary}\n\nFix: {found.Info.Remediation}");
        console.Out.WriteLine($"Default: {RuleTable.DefaultText(found.Info)}; profiles: {RuleProfileNames.Describe(found.Info.Profiles)}; category: {found.Info.Category}.");
        if (found.Origin is { } from)
        {
            console.Out.WriteLine($"Custom rule, from {from.File}:{from.Line}:{from.Column}.");
        }

        return ExitCodes.Clean;
    }
}
