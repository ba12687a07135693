using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class TextPlanWriterTests
{
    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Write_WorkedExample_HeaderParametersTableVerdictTotal()
    {
        var lines = Lines(Render(Report(null, Web), "text"));

        Assert.Equal("Deployment/web in shop  RollingUpdate", lines[0]);
        Assert.Equal("  replicas 10, maxSurge 3, maxUnavailable 2", lines[1]);
        Assert.Equal("  wave  old  new  pods  available  duration  pods (▒ old, █ new)   actions", lines[2]);
        Assert.StartsWith("     1    8    5    13          8       10s  ▒▒▒▒▒▒▒▒▒▒▒▒████████  create ReplicaSet web with 3 pods", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("     2    3   10    13          8       10s  ▒▒▒▒▒███████████████  ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("     3    0   10    13         10        0s  ███████████████       ", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("  verdict: RollingUpdate of 10 replicas in 3 waves", lines[6], StringComparison.Ordinal);
        Assert.Contains("  total: 20s", lines);
        Assert.Equal("1 planned, 0 not planned", lines[^2]);
    }

    [Fact]
    public void Write_Job_RunningAndDoneColumns()
    {
        var lines = Lines(Render(Report(null, Job), "text"));

        Assert.Equal("Job/resize in shop  Indexed", lines[0]);
        Assert.Equal("  completions 10, parallelism 3, completionMode Indexed, backoffLimit 3, job duration 1m 0s", lines[1]);
        Assert.Equal("  wave  running  done  duration  pods (█ running)      actions", lines[2]);
        Assert.StartsWith("     1        3     3    1m 10s  ████████████████████  create 3 pods for indexes 0–2", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("     4        1    10    1m 10s  ███████               create 1 pod for index 9", lines[6], StringComparison.Ordinal);
        Assert.Equal("  verdict: 10 completions, 3 at a time, in 4 waves: about 4m 40s", lines[7]);
    }

    [Fact]
    public void Write_CronJob_ScheduleAndNextRuns()
    {
        var text = Render(Report(new KubePlan.Planning.Output.PlanRequest { Options = new KubePlan.Planning.PlanningOptions { Now = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero) } }, CronJob), "text");

        Assert.Contains("\n  schedule: */15 * * * * in Etc/UTC: every 15 minutes; concurrencyPolicy Forbid\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  next runs: 2026-03-06 12:15 +00:00, 2026-03-06 12:30 +00:00,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Unplannable_SaysWhy() =>
        Assert.Contains("DaemonSet/agent in shop  not planned\n  a DaemonSet rolls node by node", Render(Report(null, Agent), "text"), StringComparison.Ordinal);

    [Fact]
    public void Write_NothingToPlan_SaysSo() =>
        Assert.Contains("nothing to plan", Render(Report(null, Hpa), "text"), StringComparison.Ordinal);

    [Fact]
    public void Write_ColourOnlyWhenAsked()
    {
        Assert.DoesNotContain("\u001b[", Render(Report(null, Web, Agent), "text"), StringComparison.Ordinal);
        Assert.Contains("\u001b[1mDeployment/web in shop\u001b[0m", Render(Report(null, Web), "text", color: true), StringComparison.Ordinal);
    }

    [Theory]
    // old cells then new cells, 20 cells for the scale; a non-zero count shows at least one cell
    [InlineData(10, 0, 10, "▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒")]
    [InlineData(0, 10, 10, "████████████████████")]
    [InlineData(5, 5, 20, "▒▒▒▒▒█████          ")]
    [InlineData(1, 0, 1000, "▒                   ")]
    [InlineData(0, 0, 0, "                    ")]
    public void Bar_ScalesToTheWidth(int oldPods, int newPods, int scale, string expected) =>
        Assert.Equal(expected, TextPlanWriter.Bar(oldPods, newPods, scale));

    [Fact]
    public void Write_IsDeterministic() =>
        Assert.Equal(Render(Report(null, Web, Db, Agent), "text"), Render(Report(null, Web, Db, Agent), "text"));
}
