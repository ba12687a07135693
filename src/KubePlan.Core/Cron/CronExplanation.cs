using KubePlan.Rules;

namespace KubePlan.Cron;

/// <summary>What <c>kubeplan cron</c> tells about a schedule: its meaning and next runs, or why Kubernetes rejects it.</summary>
public sealed record CronExplanation(
    string Schedule,
    string? TimeZone,
    IReadOnlyList<CronParseError> Errors,
    string? TimeZoneError,
    string? Description,
    bool NeverRuns,
    IReadOnlyList<DateTimeOffset> NextRuns)
{
    /// <summary>The zone the CronJob controller uses without spec.timeZone: kube-controller-manager's, usually UTC.</summary>
    public const string DefaultZone = "Etc/UTC";

    public bool IsValid => Errors.Count == 0 && TimeZoneError is null;

    /// <summary>
    /// Explains a schedule as a CronJob with this <paramref name="timeZone"/> would run it from
    /// <paramref name="from"/>, under the rules of <paramref name="version"/>.
    /// </summary>
    public static CronExplanation Explain(string schedule, string? timeZone, DateTimeOffset from, int count, KubernetesVersion version)
    {
        var parsed = KubernetesCronParser.Parse(schedule);
        var errors = parsed.KubernetesErrors(allowTimeZoneInSchedule: version < new KubernetesVersion(1, 29), timeZoneFieldSet: timeZone is not null);
        string? zoneError = null;
        TimeZoneInfo? zone = null;
        if (timeZone is not null)
        {
            var check = TimeZoneValidation.Check(timeZone);
            zoneError = check.Status == TimeZoneValidationStatus.Valid ? null : check.Message;
            zone = TimeZoneValidation.FindExact(timeZone);
        }

        zone ??= TimeZoneValidation.FindExact(DefaultZone) ?? TimeZoneInfo.Utc;
        if (parsed.Schedule is not { } s || errors.Count > 0 || zoneError is not null)
        {
            return new CronExplanation(schedule, timeZone, errors, zoneError, parsed.Schedule is null ? null : CronDescriber.Describe(parsed.Schedule), parsed.Schedule?.NeverRuns ?? false, []);
        }

        var runs = s.NeverRuns ? [] : CronOccurrences.NextRuns(s, from, zone, count);
        return new CronExplanation(schedule, timeZone ?? DefaultZone, errors, null, CronDescriber.Describe(s), s.NeverRuns, runs);
    }
}
