using KubePlan.Planning;

namespace KubePlan.Core.Tests.Planning;

public class JobPlannerTests
{
    private static readonly PlanSubject Job = new("batch/v1", "Job", "default", "resize");

    private static JobRequest Request(int? completions, int parallelism) =>
        new() { Subject = Job, Completions = completions, Parallelism = parallelism, PodStartupSeconds = 10, JobDurationSeconds = 60 };

    /// <summary>Waves as "running/done" pairs: "3/3 3/6 3/9 1/10".</summary>
    private static string Waves(RolloutPlan plan) =>
        string.Join(" ", plan.Steps.Select(s => $"{s.NewReplicas}/{(s.CompletionsReached is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}"));

    [Theory]
    // job_controller.go manageJob: wantActive = min(parallelism, completions − succeeded) for NonIndexed and Indexed Jobs.
    [InlineData(10, 3, false, "3/3 3/6 3/9 1/10")]
    [InlineData(10, 3, true, "3/3 3/6 3/9 1/10")]
    [InlineData(1, 1, false, "1/1")]
    [InlineData(5, 1, false, "1/1 1/2 1/3 1/4 1/5")]
    // parallelism above the remaining completions is capped by them.
    [InlineData(4, 10, false, "4/4")]
    [InlineData(0, 3, false, "")]
    // A work queue (completions unset): wantActive = parallelism until the first success, then no new pod.
    [InlineData(null, 5, false, "5/-")]
    public void Waves_FollowManageJob(int? completions, int parallelism, bool indexed, string expected)
    {
        var plan = JobPlanner.Plan(Request(completions, parallelism) with { Indexed = indexed });

        Assert.Equal(expected, Waves(plan));
        Assert.All(plan.Steps, s => Assert.Equal(0, s.OldReplicas));
        Assert.Equal(completions is null ? "WorkQueue" : indexed ? "Indexed" : "NonIndexed", plan.Strategy);
    }

    [Fact]
    public void Indexed_RunsLowestPendingIndexesFirst()
    {
        // indexed_job_utils.go firstPendingIndexes: the lowest indexes that have not succeeded and are not running.
        var plan = JobPlanner.Plan(Request(7, 3) with { Indexed = true });

        Assert.Equal("0,1,2 3,4,5 6", string.Join(" ", plan.Steps.Select(s => string.Join(",", s.Indexes!))));
        Assert.Contains("indexes 0–2", plan.Steps[0].Actions[0], StringComparison.Ordinal);
        Assert.Null(JobPlanner.Plan(Request(7, 3)).Steps[0].Indexes);
    }

    [Theory]
    // job_controller.go: a suspended Job keeps no active pod; parallelism 0 creates none.
    [InlineData(true, 3, "suspended")]
    [InlineData(false, 0, "parallelism 0")]
    public void SuspendedOrZeroParallelism_HasNoWaves(bool suspend, int parallelism, string verdict)
    {
        var plan = JobPlanner.Plan(Request(10, parallelism) with { Suspend = suspend });

        Assert.Empty(plan.Steps);
        Assert.True(plan.Parameters.Paused);
        Assert.StartsWith(verdict, plan.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedByAnotherController_IsNotRun()
    {
        var plan = JobPlanner.Plan(Request(3, 1) with { ManagedBy = "kueue.x-k8s.io/multikueue" });

        Assert.Empty(plan.Steps);
        Assert.StartsWith("managed by kueue.x-k8s.io/multikueue", plan.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    // backoff_utils.go getRemainingTimeForFailuresCount: 10 s doubled per consecutive failure, capped at
    // MaxJobPodFailureBackOff (10 min); the Job fails when failures exceed backoffLimit, so backoffLimit
    // retries are waited for.
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(3, 70)]
    [InlineData(6, 630)]
    [InlineData(7, 1230)]
    [InlineData(8, 1830)]
    public void BackOffBeforeFailure_DoublesAndCaps(int backoffLimit, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JobPlanner.BackOffBeforeFailure(backoffLimit));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(6, 320)]
    [InlineData(7, 600)]
    [InlineData(30, 600)]
    public void BackOffAfterFailure_DoublesAndCaps(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), JobPlanner.BackOffAfterFailure(failures));

    [Theory]
    // The failure-budget note: restartPolicy Never and the default backoffLimit (6, pkg/apis/batch/v1/defaults.go).
    [InlineData(3, "Never", "backoffLimit 3: the 3 retries spend 10s + 20s + 40s = 1m 10s of back-off before failure 4 fails it")]
    [InlineData(null, "Never", "backoffLimit 6: the 6 retries spend 10s + 20s + 40s + 1m 20s + … = 10m 30s")]
    [InlineData(0, "Never", "the first failed pod fails the Job")]
    // pastBackoffLimitOnFailure: OnFailure counts container restarts of running pods.
    [InlineData(2, "OnFailure", "restarts of its running pods reach backoffLimit 2")]
    public void FailureBudget_IsInTheNotes(int? backoffLimit, string restartPolicy, string expected)
    {
        var plan = JobPlanner.Plan(Request(3, 1) with { BackoffLimit = backoffLimit, RestartPolicy = restartPolicy });

        Assert.Contains(plan.Notes, n => n.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void BackoffLimitPerIndex_MakesBackoffLimitUnlimited()
    {
        var plan = JobPlanner.Plan(Request(4, 2) with { Indexed = true, BackoffLimitPerIndex = 2, MaxFailedIndexes = 1 });

        Assert.Equal(int.MaxValue, plan.Parameters.BackoffLimit);
        Assert.Contains(plan.Notes, n => n.Contains("backoffLimitPerIndex 2: each index may fail 2 times", StringComparison.Ordinal) && n.Contains("maxFailedIndexes 1", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Notes, n => n.StartsWith("restartPolicy Never: each failed pod", StringComparison.Ordinal));
    }

    [Fact]
    public void PodFailurePolicy_CountsItsRules()
    {
        var plan = JobPlanner.Plan(Request(1, 1) with { PodFailurePolicyActions = ["FailJob", "Ignore", "Ignore"] });

        Assert.Contains(plan.Notes, n => n.StartsWith("podFailurePolicy with 3 rules (1 FailJob, 2 Ignore)", StringComparison.Ordinal));
    }

    [Fact]
    public void ActiveDeadline_EndsTheJobDuringTheWaveItRunsOutIn()
    {
        // 10 completions, 3 at a time, 70 s per wave = 280 s; a 150 s deadline runs out in wave 3.
        var plan = JobPlanner.Plan(Request(10, 3) with { ActiveDeadlineSeconds = 150 });

        Assert.Equal(3, plan.Steps.Count);
        Assert.Equal(TimeSpan.FromSeconds(150), plan.TotalDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Steps[2].Duration);
        Assert.Equal(6, plan.Steps[2].CompletionsReached);
        Assert.StartsWith("fails: activeDeadlineSeconds 150", plan.Verdict, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.StartsWith("activeDeadlineSeconds 150 (2m 30s) wins over backoffLimit", StringComparison.Ordinal));
    }

    [Fact]
    public void ActiveDeadline_LongEnough_LeavesTimeForRetries()
    {
        var plan = JobPlanner.Plan(Request(2, 1) with { ActiveDeadlineSeconds = 600 });

        Assert.Equal(2, plan.Steps.Count);
        Assert.Contains(plan.Notes, n => n.EndsWith("the planned run leaves 7m 40s for retries and back-off.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3600L, "deletes the Job and its pods 1h 0m 0s after it completes or fails")]
    [InlineData(null, "the finished Job and its pods stay until someone deletes them")]
    public void TtlSecondsAfterFinished_IsInTheNotes(long? ttl, string expected) =>
        Assert.Contains(JobPlanner.Plan(Request(1, 1) with { TtlSecondsAfterFinished = ttl }).Notes, n => n.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Durations_ArePodStartupPlusJobDuration()
    {
        var plan = JobPlanner.Plan(Request(4, 2) with { PodStartupSeconds = 30, JobDurationSeconds = 300 });

        Assert.All(plan.Steps, s => Assert.Equal(TimeSpan.FromSeconds(330), s.Duration));
        Assert.Equal(TimeSpan.FromSeconds(660), plan.TotalDuration);
        Assert.Equal("4 completions, 2 at a time, in 2 waves: about 11m 0s", plan.Verdict);
        Assert.Contains(plan.Notes, n => n.Contains("default 1m 0s", StringComparison.Ordinal));
    }

    [Fact]
    public void ManyPods_AreCreatedOverSeveralSyncs()
    {
        // job_controller.go MaxPodCreateDeletePerSync = 500.
        var plan = JobPlanner.Plan(Request(1200, 1200));

        Assert.Contains("(over 3 syncs, 500 per sync)", plan.Steps[0].Actions[0], StringComparison.Ordinal);
    }
}
