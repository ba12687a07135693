using KubePlan.Cron;
using KubePlan.Diagnostics;

namespace KubePlan.Rules.Cron;

/// <summary>A CronJob spec.timeZone that the API server rejects (validateTimeZone: IANA names only, case-sensitive).</summary>
public sealed class CronTimeZoneRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.CronTimeZone,
        Severity.Error,
        "cron",
        "A CronJob timeZone that is not a known IANA time zone name.",
        "Use an IANA zone name exactly as the tz database spells it, such as Europe/Berlin, America/New_York or Etc/UTC.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var cronJob in context.Manifests.All.Where(m => m.Kind == "CronJob" && m.Group == "batch"))
        {
            if (cronJob.At("spec", "timeZone") is not { String: { } zone } at)
            {
                continue;
            }

            var result = TimeZoneValidation.Check(zone);
            if (result.Status == TimeZoneValidationStatus.Invalid)
            {
                yield return Report(cronJob, at, $"timeZone \"{zone}\" is invalid: {result.Message}");
            }
            else if (result.Status == TimeZoneValidationStatus.CannotCheck)
            {
                yield return Report(cronJob, at, $"timeZone \"{zone}\" cannot be checked: {result.Message}",
                    "Install the IANA time zone database (tzdata) where KubePlan runs.", severity: Severity.Info);
            }
        }
    }
}
