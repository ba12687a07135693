// A custom KubePlan rule that uses a library: CronJobs must not run during the weekly maintenance
// window, when the cluster is being upgraded and jobs are evicted halfway. Cronos (the cron library
// KubePlan ships with) computes each CronJob's next runs in its own time zone.
// Use it with: kubeplan lint --rules rules/custom/maintenance-window.cs k8s/
using Cronos;

namespace Example.Rules;

public sealed class MaintenanceWindowRule : Rule
{
    // The window: every Sunday from 02:00 to 04:00 UTC. Change these three to match your cluster.
    private static readonly DayOfWeek WindowDay = DayOfWeek.Sunday;
    private static readonly TimeSpan WindowStart = TimeSpan.FromHours(2);
    private static readonly TimeSpan WindowLength = TimeSpan.FromHours(2);

    // How many coming windows to check: enough for a schedule that runs on some weeks only.
    private const int WindowsAhead = 8;

    public override RuleInfo Info { get; } = new(
        "example/maintenance-window",
        Severity.Warning,
        "scheduling",
        "A CronJob whose next runs fall into the weekly maintenance window, when its pods may be evicted halfway.",
        "Move the schedule out of the maintenance window (Sundays 02:00-04:00 UTC), or suspend the CronJob during it.");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var windows = Windows(DateTimeOffset.UtcNow).ToList();
        foreach (var cronJob in context.Manifests.OfKind("batch", "CronJob"))
        {
            // A long run should notice when it has used up its time budget.
            context.CancellationToken.ThrowIfCancellationRequested();
            if (cronJob.At("spec", "suspend")?.Node is YScalar { Value: true })
            {
                continue;
            }

            // Schedules and zones that Kubernetes rejects are left to the built-in cron-schedule and cron-timezone rules.
            if (cronJob.At("spec", "schedule") is not { String: { } schedule } at
                || !CronExpression.TryParse(schedule, CronFormat.Standard, out var cron)
                || Zone(cronJob.At("spec", "timeZone")?.String) is not { } zone)
            {
                continue;
            }

            foreach (var (start, end) in windows)
            {
                // The first run at or after the window opens: inside the window when it comes before the close.
                var next = cron.GetNextOccurrence(start, zone, inclusive: true);
                if (next is { } run && run < end)
                {
                    yield return Report(cronJob, at,
                        $"CronJob \"{cronJob.Name}\" runs at {run.ToUniversalTime():ddd yyyy-MM-dd HH:mm} UTC, inside the maintenance window");
                    break;
                }
            }
        }
    }

    /// <summary>The coming maintenance windows, starting with the one in progress if any.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Windows(DateTimeOffset now)
    {
        var daysBack = ((int)now.DayOfWeek - (int)WindowDay + 7) % 7;
        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-daysBack), TimeSpan.Zero) + WindowStart;
        if (start + WindowLength <= now)
        {
            start = start.AddDays(7);
        }

        for (var i = 0; i < WindowsAhead; i++)
        {
            var from = start.AddDays(7 * i);
            yield return (from < now ? now : from, from + WindowLength);
        }
    }

    /// <summary>The CronJob's time zone; Kubernetes uses the controller manager's zone (UTC on most clusters) when none is set.</summary>
    private static TimeZoneInfo? Zone(string? name) =>
        name is null ? TimeZoneInfo.Utc : TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : null;
}
