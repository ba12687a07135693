using System.Globalization;
using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class CronOccurrencesTests
{
    // Next runs in UTC, including the day rule (robfig spec.go dayMatches; Kubernetes cronjob utils_test.go
    // TestNextScheduleTime / TestMostRecentScheduleTime use the same library).
    [Theory]
    [InlineData("*/15 9-17 * * 1-5", "2024-01-05T17:50:00Z", "2024-01-08T09:00:00+00:00,2024-01-08T09:15:00+00:00")]
    [InlineData("0 0 1,15 * MON", "2024-01-01T00:00:00Z", "2024-01-08T00:00:00+00:00,2024-01-15T00:00:00+00:00,2024-01-22T00:00:00+00:00,2024-01-29T00:00:00+00:00,2024-02-01T00:00:00+00:00")]
    [InlineData("0 0 */2 * *", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00+00:00,2024-01-05T00:00:00+00:00")]
    [InlineData("0 0 */2 * 1", "2024-01-01T00:00:00Z", "2024-01-03T00:00:00+00:00,2024-01-05T00:00:00+00:00,2024-01-07T00:00:00+00:00,2024-01-08T00:00:00+00:00")]
    [InlineData("0 0 1-31 * 1", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00+00:00,2024-01-03T00:00:00+00:00")]
    [InlineData("0 0 ? * 1", "2024-01-01T00:00:00Z", "2024-01-08T00:00:00+00:00,2024-01-15T00:00:00+00:00")]
    [InlineData("0 0 13 * 5", "2024-09-01T00:00:00Z", "2024-09-06T00:00:00+00:00,2024-09-13T00:00:00+00:00,2024-09-20T00:00:00+00:00")]
    [InlineData("*/61 * * * *", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00+00:00")]
    [InlineData("0 0 29 2 *", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00+00:00")]
    [InlineData("@weekly", "2024-01-01T00:00:00Z", "2024-01-07T00:00:00+00:00,2024-01-14T00:00:00+00:00")]
    [InlineData("@yearly", "2024-06-01T00:00:00Z", "2025-01-01T00:00:00+00:00")]
    [InlineData("0 12 * * *", "2024-01-01T11:59:59.9Z", "2024-01-01T12:00:00+00:00")]
    [InlineData("0 12 * * *", "2024-01-01T12:00:00Z", "2024-01-02T12:00:00+00:00")]
    public void NextRuns_Utc(string schedule, string after, string expected)
    {
        var runs = Runs(schedule, after, TimeZoneInfo.Utc, expected.Split(',').Length);
        Assert.Equal(expected.Split(','), runs);
    }

    // DST, as robfig v3.0.1 spec.go Next behaves (hours advance in absolute time): the spring-forward gap is
    // skipped, the repeated fall-back hour runs twice. Cronos would shift and deduplicate instead.
    [Theory]
    [InlineData("30 2 * * *", "America/New_York", "2024-03-09T12:00:00-05:00", "2024-03-11T02:30:00-04:00,2024-03-12T02:30:00-04:00")]
    [InlineData("30 1 * * *", "America/New_York", "2024-11-03T00:00:00-04:00", "2024-11-03T01:30:00-04:00,2024-11-03T01:30:00-05:00,2024-11-04T01:30:00-05:00")]
    [InlineData("0 * * * *", "America/New_York", "2024-03-10T00:30:00-05:00", "2024-03-10T01:00:00-05:00,2024-03-10T03:00:00-04:00")]
    [InlineData("30 2 * * *", "Europe/Berlin", "2024-03-30T12:00:00+01:00", "2024-04-01T02:30:00+02:00")]
    [InlineData("30 2 * * *", "Europe/Berlin", "2024-10-27T00:00:00+02:00", "2024-10-27T02:30:00+02:00,2024-10-27T02:30:00+01:00,2024-10-28T02:30:00+01:00")]
    [InlineData("0 9 * * 1-5", "Europe/Berlin", "2024-03-29T10:00:00+01:00", "2024-04-01T09:00:00+02:00")]
    public void NextRuns_DaylightSaving_MatchesRobfig(string schedule, string zone, string after, string expected)
    {
        var tz = TimeZoneValidation.FindExact(zone)!;
        Assert.False(CronOccurrences.UsesCronos(tz));
        var runs = Runs(schedule, after, tz, expected.Split(',').Length);
        Assert.Equal(expected.Split(','), runs);
    }

    // A TZ= prefix in the schedule wins over the zone passed in (cronjob_controllerv2.go formatSchedule).
    [Fact]
    public void Next_UsesTimeZonePrefix()
    {
        var schedule = KubernetesCronParser.Parse("TZ=America/New_York 0 9 * * *").Schedule!;
        var next = CronOccurrences.Next(schedule, DateTimeOffset.Parse("2024-01-01T00:00:00Z", CultureInfo.InvariantCulture), TimeZoneInfo.Utc);
        Assert.Equal(DateTimeOffset.Parse("2024-01-01T14:00:00Z", CultureInfo.InvariantCulture), next);
    }

    // spec.go: no match within five years gives the zero time.
    [Theory]
    [InlineData("0 0 29 2 *", "2097-03-01T00:00:00Z")]
    [InlineData("0 0 30 2 *", "2024-01-01T00:00:00Z")]
    [InlineData(", 0 * * *", "2024-01-01T00:00:00Z")]
    public void Next_None_WithinFiveYears(string schedule, string after)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        Assert.Null(CronOccurrences.Next(parsed, from, TimeZoneInfo.Utc));
        Assert.Null(RobfigNext.Next(parsed, from.UtcDateTime, TimeZoneInfo.Utc));
    }

    // constantdelay.go: Next(t) = t + delay - t's sub-second part.
    [Theory]
    [InlineData("@every 1h30m", "2024-01-01T10:00:00.5Z", "2024-01-01T11:30:00+00:00,2024-01-01T13:00:00+00:00")]
    [InlineData("@every 100ms", "2024-01-01T10:00:00Z", "2024-01-01T10:00:01+00:00,2024-01-01T10:00:02+00:00")]
    public void NextRuns_Every(string schedule, string after, string expected)
    {
        var runs = Runs(schedule, after, TimeZoneInfo.Utc, 2);
        Assert.Equal(expected.Split(','), runs);
    }

    // The Cronos translation (fixed-offset zones) and the robfig port must agree wherever both apply.
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/7 */5 * * *")]
    [InlineData("0 0 1,15 * MON")]
    [InlineData("0 0 */2 * 1")]
    [InlineData("0 0 */2 * *")]
    [InlineData("0 0 * * */2")]
    [InlineData("0 0 1-31 * 1")]
    [InlineData("0 0 1 * 0-6")]
    [InlineData("15 3 31 * *")]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 13 * 5")]
    [InlineData("5/15 1,,2 ? jan-mar,dec ?")]
    [InlineData("0 0 31 2,4 2")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    public void Cronos_AgreesWithRobfigPort(string schedule)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        foreach (var zoneId in new[] { "UTC", "Etc/GMT-14", "Etc/GMT+12" })
        {
            var zone = TimeZoneValidation.FindExact(zoneId)!;
            Assert.True(CronOccurrences.UsesCronos(zone));
            var from = new DateTime(2023, 12, 30, 22, 59, 30, DateTimeKind.Utc);
            for (var i = 0; i < 40; i++)
            {
                var port = RobfigNext.Next(parsed, from, zone);
                var cronos = CronOccurrences.NextWithCronos(parsed, from, zone);
                Assert.Equal(port, cronos);
                if (port is null)
                {
                    break;
                }

                from = port.Value;
            }
        }
    }

    [Theory]
    [InlineData("0 0 1,15 * MON", "0 0 1,15 * *|0 0 * * 1")]
    [InlineData("0 0 ? * mon-FRI", "0 0 * * 1,2,3,4,5")]
    [InlineData("+5 05 */10 * *", "5 5 1,11,21,31 * *")]
    [InlineData("0 0 1-31 * 1", "0 0 * * *")]
    [InlineData("*/61 * * * *", "0 * * * *")]
    public void CronosExpressions_Translate(string schedule, string expected)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        Assert.Equal(expected.Split('|'), CronOccurrences.CronosExpressions(parsed));
    }

    private static string[] Runs(string schedule, string after, TimeZoneInfo zone, int count)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        return CronOccurrences.NextRuns(parsed, from, zone, count)
            .Select(r => r.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            .ToArray();
    }
}
