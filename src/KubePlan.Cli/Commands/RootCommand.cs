using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "kubeplan", Description = "Kubernetes manifest linter and rollout planner.")]
[VersionOptionFromMember("--version", MemberName = nameof(Version))]
public sealed class RootCommand
{
    public static string Version => KubePlan.Reporting.ToolInfo.Version;

    /// <summary>
    /// The verbs. They are added here rather than by a [Subcommand] attribute so that a run names
    /// only the one it uses: reading a verb's model by reflection costs start-up time, and a lint
    /// run should not pay for plan, diff, fit, cron and rules as well.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, Action<CommandLineApplication> Add)> Verbs =
    [
        ("lint", app => app.Command<LintCommand>("lint", _ => { })),
        ("plan", app => app.Command<PlanCommand>("plan", _ => { })),
        ("diff", app => app.Command<DiffCommand>("diff", _ => { })),
        ("fit", app => app.Command<FitCommand>("fit", _ => { })),
        ("cron", app => app.Command<CronCommand>("cron", _ => { })),
        ("rules", app => app.Command<RulesCommand>("rules", _ => { })),
    ];

    /// <summary>
    /// Adds the verb the arguments start with, spelt exactly; anything else (no verb, help, a
    /// misspelt verb that earns a suggestion, a verb in other case) gets every verb, so what the
    /// user sees is the same as with all of them known.
    /// </summary>
    internal static void AddVerbs(CommandLineApplication app, IReadOnlyList<string> args)
    {
        foreach (var (name, add) in Verbs)
        {
            if (args.Count > 0 && string.Equals(args[0], name, StringComparison.Ordinal))
            {
                add(app);
                return;
            }
        }

        foreach (var (_, add) in Verbs)
        {
            add(app);
        }
    }

    public int OnExecute(CommandLineApplication app, IConsole console)
    {
        app.ShowHelp();
        return ExitCodes.UsageError;
    }
}
