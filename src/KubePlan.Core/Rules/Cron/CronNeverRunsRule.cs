using KubePlan.Diagnostics;

namespace KubePlan.Rules.Cron;

/// <summary>A schedule Kubernetes accepts but that can never fire, such as the 30th of February.</summary>
public sealed class CronNeverRunsRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.CronNeverRuns,
        Severity.Warning,
        "cron",
        "A CronJob schedule that Kubernetes accepts but that never fires (e.g. 0 0 30 2 *).",
        "Pick a day of the month that exists in the chosen months, or restrict the day of the week instead.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (cronJob, schedule, parsed) in context.CronSchedules)
        {
            if (parsed.Schedule is { NeverRuns: true })
            {
                yield return Report(cronJob, schedule,
                    $"schedule \"{parsed.Source}\" never fires: no month in it has such a day, so the CronJob controller will never create a Job");
            }
        }
    }
}
