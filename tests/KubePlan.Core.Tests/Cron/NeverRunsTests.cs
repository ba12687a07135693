using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class NeverRunsTests
{
    // Schedules that parse but never fire (SEMANTICS §9: "0 0 31 2 *" parses, the controller reports an
    // error). February counts as 29 days; a restricted day-of-week rescues the schedule under the OR rule.
    [Theory]
    [InlineData("0 0 30 2 *", true)]
    [InlineData("0 0 31 2 *", true)]
    [InlineData("0 0 31 4,6,9,11 *", true)]
    [InlineData("0 0 30,31 feb *", true)]
    [InlineData(", * * * *", true)]
    [InlineData("* , * * *", true)]
    [InlineData("* * * , *", true)]
    [InlineData("0 0 , * *", true)]
    [InlineData("0 0 * * ,", true)]
    [InlineData("0 0 29 2 *", false)]
    [InlineData("0 0 31 4,5 *", false)]
    [InlineData("0 0 30 2 1", false)]
    [InlineData("0 0 31 2 */2", false)]
    [InlineData("0 0 31 2 ?", true)]
    [InlineData("0 0 * * *", false)]
    [InlineData("@yearly", false)]
    [InlineData("@every 1h", false)]
    public void NeverRuns_FromBitsets(string schedule, bool never)
    {
        Assert.Equal(never, KubernetesCronParser.Parse(schedule).Schedule!.NeverRuns);
    }
}
