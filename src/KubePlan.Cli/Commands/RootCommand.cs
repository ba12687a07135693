using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "kubeplan", Description = "Kubernetes manifest linter and rollout planner.")]
[Subcommand(typeof(LintCommand), typeof(PlanCommand), typeof(DiffCommand), typeof(FitCommand), typeof(CronCommand), typeof(RulesCommand))]
[VersionOptionFromMember("--version", MemberName = nameof(Version))]
public sealed class RootCommand
{
    public static string Version => KubePlan.Reporting.ToolInfo.Version;

    public int OnExecute(CommandLineApplication app, IConsole console)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
