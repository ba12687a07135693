using KubePlan.Diff;

namespace KubePlan.Core.Tests.Diff;

/// <summary>Jobs and CronJobs in a diff get the Job plan, as Deployments get their rollout plan.</summary>
public sealed class BatchDiffTests
{
    private const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          completions: 6
          parallelism: 2
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: "migrate:1.0"}]
        """;

    private const string CronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: "report:1.0"}]
        """;

    private static readonly RolloutPlannerAdapter Planner = new();

    [Fact]
    public void AddedJob_IsPlanned()
    {
        var change = Assert.Single(DiffTestSupport.Diff(string.Empty, Job, Planner).Changes);

        Assert.Equal([Impact.Added], change.Impacts);
        Assert.Equal("added: a Job of 6 completions, 2 at a time in 3 waves, about 3m 30s", change.Message);
        Assert.Equal("NonIndexed", (string?)change.Plan!.Json["strategy"]);
    }

    [Fact]
    public void JobTemplateChange_IsRejected_WithoutPlan()
    {
        // pkg/apis/batch/validation ValidateJobSpecUpdate: spec.template is immutable.
        var change = Assert.Single(DiffTestSupport.Diff(Job, Job.Replace("migrate:1.0", "migrate:1.1", StringComparison.Ordinal), Planner).Changes);

        Assert.Contains(Impact.Rejected, change.Impacts);
        Assert.Null(change.Plan);
        Assert.DoesNotContain("changed in place", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JobParallelismChange_IsAScaleWithTheJobPlan()
    {
        var change = Assert.Single(DiffTestSupport.Diff(Job, Job.Replace("parallelism: 2", "parallelism: 3", StringComparison.Ordinal), Planner).Changes);

        Assert.Equal([Impact.Scale], change.Impacts);
        Assert.Equal(2, change.Plan!.Waves);
        Assert.Contains("a Job of 6 completions, 3 at a time in 2 waves", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CronJobTemplateChange_AttachesTheNextJobsPlan()
    {
        var change = Assert.Single(DiffTestSupport.Diff(CronJob, CronJob.Replace("report:1.0", "report:1.1", StringComparison.Ordinal), Planner).Changes);

        Assert.Equal([Impact.Update], change.Impacts);
        Assert.NotNull(change.Plan);
        Assert.Contains("Jobs created from the next run on follow it", change.Message, StringComparison.Ordinal);
        Assert.Equal("0 3 * * *", (string?)change.Plan.Json["schedule"]!["expression"]);
    }
}
