using KubePlan.Cron;
using KubePlan.Manifests;

namespace KubePlan.Rules.Cron;

/// <summary>A CronJob of the run with its schedule, parsed.</summary>
internal sealed record CronJobSchedule(Manifest CronJob, Located Schedule, CronParseResult Parsed);

/// <summary>The CronJobs of a run with their parsed schedules, shared by the cron rules.</summary>
internal static class CronJobs
{
    /// <summary>Every CronJob with a schedule string, in input order; parsed once per run (<see cref="AnalysisContext.CronSchedules"/>).</summary>
    public static IReadOnlyList<CronJobSchedule> Read(ManifestSet set)
    {
        var schedules = new List<CronJobSchedule>();
        foreach (var m in set.All)
        {
            if (m.Kind == "CronJob" && m.Group == "batch" && m.At("spec", "schedule") is { String: { } text } at)
            {
                schedules.Add(new CronJobSchedule(m, at, KubernetesCronParser.Parse(text)));
            }
        }

        return schedules;
    }
}
