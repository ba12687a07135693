using KubePlan.Diagnostics;

namespace KubePlan.Rules.Cron;

/// <summary>
/// A CronJob schedule that the API server rejects: Kubernetes parses schedules with
/// robfig/cron v3 ParseStandard (5 fields, its own names, ranges and descriptors), and since
/// 1.29 refuses TZ= or CRON_TZ= inside the schedule on create.
/// </summary>
public sealed class CronScheduleRule : Rule
{
    private static readonly KubernetesVersion TimeZoneInScheduleRejectedSince = new(1, 29);

    public override RuleInfo Info { get; } = new(
        RuleIds.CronSchedule,
        Severity.Error,
        "cron",
        "A CronJob schedule that Kubernetes' cron dialect rejects.",
        "Write five fields (minute hour day-of-month month day-of-week) with the values Kubernetes accepts, or a descriptor such as @daily; set the zone with spec.timeZone.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var allowTimeZone = context.Options.KubernetesVersion < TimeZoneInScheduleRejectedSince;
        foreach (var (cronJob, schedule, parsed) in context.CronSchedules)
        {
            var timeZoneSet = cronJob.At("spec", "timeZone") is { String: not null };
            foreach (var error in parsed.KubernetesErrors(allowTimeZone, timeZoneSet))
            {
                yield return ReportInScalar(cronJob, schedule, error.Offset, $"schedule \"{parsed.Source}\" is invalid: {error.Message}", Hint(error.Message));
            }
        }
    }

    private static string? Hint(string message) =>
        message.Contains("TZ", StringComparison.Ordinal) ? "Remove the TZ= prefix and set spec.timeZone (e.g. timeZone: Europe/Berlin)."
        : message.Contains("above maximum (6)", StringComparison.Ordinal) ? "Day-of-week runs 0-6 (Sunday is 0, not 7); use 0 or SUN."
        : message.Contains("expected exactly 5 fields", StringComparison.Ordinal) ? "Kubernetes schedules have no seconds or year field: use minute hour day-of-month month day-of-week."
        : null;
}
