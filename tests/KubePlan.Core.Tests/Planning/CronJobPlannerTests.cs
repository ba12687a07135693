using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning;

public class CronJobPlannerTests
{
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);

    private static string CronJob(string schedule, string extra = "", string jobSpec = "") => $$"""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "{{schedule}}"
        {{extra}}
          jobTemplate:
            spec:
        {{jobSpec}}
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: report, image: "report:1.0"}]
        """;

    private static RolloutPlan Plan(string yaml, int jobSeconds = 60)
    {
        var report = Report(new PlanRequest { Options = new PlanningOptions { Now = Friday, JobDurationSeconds = jobSeconds } }, yaml);
        var entry = Assert.Single(report.Entries);
        Assert.Null(entry.Problem);
        return entry.Plan!;
    }

    [Fact]
    public void Plan_IsTheJobTemplatesPlanWithTheNextRunsInItsZone()
    {
        // cronjob_controllerv2.go formatSchedule: with spec.timeZone the schedule runs as "TZ=<zone> <schedule>".
        var plan = Plan(CronJob("30 2 * * *", "  timeZone: Europe/Berlin", "      completions: 4\n      parallelism: 2"));

        Assert.Equal("NonIndexed", plan.Strategy);
        Assert.Equal(2, plan.Steps.Count);
        var schedule = plan.Schedule!;
        Assert.Equal("Europe/Berlin", schedule.TimeZone);
        Assert.Equal("2026-03-07 02:30 +01:00", PlanText.RunText(schedule.NextRuns[0]));
        Assert.Equal(5, schedule.NextRuns.Count);
        Assert.StartsWith("at 02:30", plan.Verdict, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Plan_WithoutATimeZone_RunsInUtc()
    {
        var plan = Plan(CronJob("0 * * * *"));

        Assert.Equal("Etc/UTC", plan.Schedule!.TimeZone);
        Assert.Equal("2026-03-06 13:00 +00:00", PlanText.RunText(plan.Schedule.NextRuns[0]));
    }

    [Theory]
    // cronjob_controllerv2.go syncCronJob: Allow creates a Job at every tick; Forbid skips the tick while a Job
    // is active (lastScheduleTime stays, so the run starts late once the Job ends); Replace deletes the active Job.
    [InlineData("Allow", "so about 3 Jobs run at once")]
    [InlineData("Forbid", "so runs will be delayed or skipped")]
    [InlineData("Replace", "so Jobs are deleted before they finish")]
    public void ConcurrencyPolicy_AtTheNextTick(string policy, string expected)
    {
        // Runs every 15 minutes; a run takes 10 s + 40 m.
        var plan = Plan(CronJob("*/15 * * * *", $"  concurrencyPolicy: {policy}"), jobSeconds: 2400);

        Assert.Contains(plan.Notes, n => n.StartsWith("concurrencyPolicy " + policy, StringComparison.Ordinal) && n.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ConcurrencyPolicy_ShortRuns_DoNotOverlap()
    {
        var plan = Plan(CronJob("*/15 * * * *", "  concurrencyPolicy: Replace"));

        Assert.Contains(plan.Notes, n => n == "concurrencyPolicy Replace: a tick while the previous Job is still active deletes that Job, and its pods with it, and starts a new one.");
    }

    [Theory]
    // utils.go nextScheduleTime / mostRecentScheduleTime: more than 100 missed schedules draw TooManyMissedTimes;
    // startingDeadlineSeconds moves the earliest time counted to now − deadline.
    [InlineData("*/5 * * * *", "", "about 8h 25m 0s")]
    [InlineData("0 * * * *", "", "about 101h 0m 0s")]
    [InlineData("*/5 * * * *", "  startingDeadlineSeconds: 600", "limits the count to the schedules of the last 10m 0s")]
    public void MissedSchedules_Over100(string schedule, string extra, string expected)
    {
        var plan = Plan(CronJob(schedule, extra));
        var note = Assert.Single(plan.Notes, n => n.Contains("more than 100 missed schedules", StringComparison.Ordinal));

        Assert.Contains("starts only the most recent one", note, StringComparison.Ordinal);
        Assert.Contains(expected, note, StringComparison.Ordinal);
    }

    [Fact]
    public void StartingDeadlineSeconds_IsExplained()
    {
        var plan = Plan(CronJob("0 3 * * *", "  startingDeadlineSeconds: 120"));

        Assert.Equal(120, plan.Schedule!.StartingDeadlineSeconds);
        Assert.Contains(plan.Notes, n => n.StartsWith("startingDeadlineSeconds 120: a run that cannot start within 2m 0s", StringComparison.Ordinal));
    }

    [Fact]
    public void Suspended_CreatesNoJob()
    {
        var plan = Plan(CronJob("0 3 * * *", "  suspend: true"));

        Assert.True(plan.Parameters.Paused);
        Assert.StartsWith("suspended: no Job is created", plan.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryLimits_DefaultToThreeAndOne() =>
        Assert.Contains(Plan(CronJob("0 3 * * *")).Notes, n => n.StartsWith("History: the last 3 successful and 1 failed Jobs are kept", StringComparison.Ordinal));

    [Theory]
    [InlineData("0 0 * * 7", "spec.schedule \"0 0 * * 7\" is rejected")]
    [InlineData("0 0 * * *\"\n  timeZone: \"Mars/Olympus", "spec.timeZone \"Mars/Olympus\" is invalid")]
    public void InvalidSchedule_IsAProblem(string schedule, string expected)
    {
        var report = Report(new PlanRequest { Options = new PlanningOptions { Now = Friday } }, CronJob(schedule));

        Assert.StartsWith(expected, report.Entries.Single().Problem, StringComparison.Ordinal);
    }
}
