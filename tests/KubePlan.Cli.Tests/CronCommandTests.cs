using System.Text.Json;

namespace KubePlan.Cli.Tests;

public class CronCommandTests
{
    // robfig/cron v3 (what the CronJob controller runs) skips a local time that the spring-forward gap removes.
    [Fact]
    public void NextRuns_SkipTheSpringForwardGap()
    {
        var (exit, output, _) = TestConsole.Run("cron", "30 2 * * *", "--time-zone", "America/New_York", "--from", "2026-03-07T12:00:00Z", "-n", "2", "--format", "json");
        Assert.Equal(ExitCodes.Clean, exit);
        using var json = JsonDocument.Parse(output);
        var runs = json.RootElement.GetProperty("nextRuns").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"], runs);
    }

    [Fact]
    public void Explains_InPlainEnglish()
    {
        var (exit, output, _) = TestConsole.Run("cron", "*/15 9-17 * * 1-5", "--from", "2026-11-23T00:00:00Z", "-n", "1");
        Assert.Equal(ExitCodes.Clean, exit);
        Assert.Contains("every 15 minutes", output, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 09:00 (Mon) +00:00", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 * * 7", 9)]
    [InlineData("0 0 L * *", 5)]
    public void RejectedSchedule_IsAFinding_AtItsField(string schedule, int column)
    {
        var (exit, output, _) = TestConsole.Run("cron", schedule);
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.StartsWith($"schedule:1:{column}: error cron-schedule: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidZone_IsAFinding()
    {
        var (exit, output, _) = TestConsole.Run("cron", "0 6 * * *", "--time-zone", "europe/berlin");
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("cron-timezone", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--from", "yesterday")]
    [InlineData("--format", "xml")]
    public void BadOption_IsAUsageError(string option, string value) =>
        Assert.Equal(ExitCodes.UsageError, TestConsole.Run("cron", "@daily", option, value).Exit);
}
