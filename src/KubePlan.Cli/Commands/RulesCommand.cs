using KubePlan.Diagnostics;
using KubePlan.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "rules", Description = "List the rule catalogue, or show one rule's documentation.")]
public sealed class RulesCommand(IConsole console)
{
    [Argument(0, Name = "ID", Description = "A rule id to describe.")]
    public string? Id { get; set; }

    public int OnExecute()
    {
        if (Id is null)
        {
            var width = RuleCatalog.BuiltIn.Max(r => r.Id.Length);
            foreach (var rule in RuleCatalog.BuiltIn)
            {
                console.Out.WriteLine($"{rule.Id.PadRight(width)}  {rule.Info.DefaultSeverity.ToName(),-7}  {rule.Info.Summary}");
            }

            return ExitCodes.Clean;
        }

        var found = RuleCatalog.Find(Id) ?? throw new UsageException($"unknown rule '{Id}'; 'kubeplan rules' lists them");
        var doc = RuleDocs.Read(found.Id);
        console.Out.WriteLine(doc ?? $"{found.Id} ({found.Info.DefaultSeverity.ToName()}): {found.Info.Summary}\n\nFix: {found.Info.Remediation}");
        return ExitCodes.Clean;
    }
}
