using KubePlan.Cron;
using KubePlan.Manifests;

namespace KubePlan.Rules.Cron;

/// <summary>The CronJobs of a run with their parsed schedules, shared by the cron rules.</summary>
internal static class CronJobs
{
    public static IEnumerable<(Manifest CronJob, Located Schedule, CronParseResult Parsed)> Schedules(ManifestSet set)
    {
        foreach (var m in set.All.Where(m => m.Kind == "CronJob" && m.Group == "batch"))
        {
            if (m.At("spec", "schedule") is { String: { } text } at)
            {
                yield return (m, at, KubernetesCronParser.Parse(text));
            }
        }
    }
}
