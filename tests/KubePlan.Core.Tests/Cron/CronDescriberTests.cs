using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class CronDescriberTests
{
    // Descriptions follow robfig's meaning, including the day-of-month/day-of-week OR rule (spec.go dayMatches).
    [Theory]
    [InlineData("*/15 9-17 * * 1-5", "every 15 minutes, between 09:00 and 17:59, Monday through Friday")]
    [InlineData("0 0 1,15 * MON", "at 00:00 on day 1 and 15 of the month and on Monday")]
    [InlineData("30 2 * * *", "at 02:30 every day")]
    [InlineData("0 * * * *", "every hour at minute 0")]
    [InlineData("* * * * *", "every minute")]
    [InlineData("@every 1h30m", "@every 1h30m: every 1 hour 30 minutes")]
    [InlineData("@every 100ms", "@every 100ms: every 1 second")]
    [InlineData("@daily", "@daily: at 00:00 every day")]
    [InlineData("@weekly", "@weekly: at 00:00 on Sunday")]
    [InlineData("@yearly", "@yearly: at 00:00 on day 1 of the month in January")]
    [InlineData("0 9,17 * * *", "at 09:00 and 17:00 every day")]
    [InlineData("0 */6 * * *", "at 00:00, 06:00, 12:00 and 18:00 every day")]
    [InlineData("0 */2 * * *", "every 2 hours at minute 0")]
    [InlineData("5,10 * * * *", "at minutes 5 and 10 past the hour")]
    [InlineData("0 0 */2 * 1", "at 00:00 on day 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29 and 31 of the month and on Monday")]
    [InlineData("0 0 1-31 * 1", "at 00:00 every day")]
    [InlineData("0 0 1-5 * *", "at 00:00 on day 1 through 5 of the month")]
    [InlineData("0 0 * * 1,3", "at 00:00 on Monday and Wednesday")]
    [InlineData("0 12 * jan-mar *", "at 12:00 in January through March")]
    [InlineData("0 0 30 2 *", "at 00:00 on day 30 of the month in February (never runs: no selected month has a selected day)")]
    [InlineData("TZ=UTC 0 0 * * *", "at 00:00 every day, in time zone UTC")]
    public void Describe_Schedules(string schedule, string expected)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        Assert.Equal(expected, CronDescriber.Describe(parsed));
    }
}
