using System.ComponentModel.DataAnnotations;
using KubePlan.Scheduling;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "fit", Description = "Show which nodes each workload can land on, and why the others refuse it.")]
public sealed class FitCommand(IConsole console)
{
    [Argument(0, Name = "PATHS", Description = "Files, directories (recursive) or - for stdin.")]
    [Required]
    public string[] Paths { get; set; } = [];

    [Option("--nodes <FILE>", Description = "The node inventory (kubectl get nodes -o yaml); Node objects in PATHS count too.")]
    public string? Nodes { get; set; }

    [Option("-f|--format <FORMAT>", Description = "text (default) or json.")]
    public string Format { get; set; } = "text";

    [Option("-n|--namespace <NAMESPACE>", Description = "The namespace of objects that name none (default: default).")]
    public string? Namespace { get; set; }

    public int OnExecute()
    {
        var writer = FitReportWriters.Find(Format) ?? throw new UsageException($"unknown --format '{Format}'; choose one of {FitReportWriters.Names}");
        var input = ConsoleSupport.Load(Paths, console, Namespace);
        var nodes = Nodes is null ? [] : ConsoleSupport.Load([Nodes], console, Namespace).Manifests;
        var inventory = nodes.Concat(input.Manifests).Where(m => m.IsKind(string.Empty, "Node")).ToList();
        if (ClusterNode.Inventory(inventory).Count == 0)
        {
            throw new UsageException("fit needs a node inventory: pass --nodes FILE (kubectl get nodes -o yaml) or include Node objects in the input");
        }

        var report = FitReport.Build(input.Manifests, inventory);
        writer.Write(report, console.Out);
        return report.AllFit ? ExitCodes.Clean : ExitCodes.Findings;
    }
}
