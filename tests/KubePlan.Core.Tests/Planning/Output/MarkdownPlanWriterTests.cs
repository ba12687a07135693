using KubePlan.Planning;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class MarkdownPlanWriterTests
{
    [Fact]
    public void Write_WorkedExample_TableVerdictNotes()
    {
        var md = Render(Report(null, Web), "markdown");

        Assert.StartsWith("### kubeplan plan: 1 planned, 0 not planned\n", md, StringComparison.Ordinal);
        Assert.Contains("#### Deployment/web in shop: RollingUpdate\n\nreplicas 10, maxSurge 3, maxUnavailable 2\n", md, StringComparison.Ordinal);
        Assert.Contains("| wave | actions | old | new | pods | available | duration |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n", md, StringComparison.Ordinal);
        Assert.Contains("| 1 | create ReplicaSet web with 3 pods<br>scale old ReplicaSet web-old 10 → 8<br>scale new ReplicaSet web 3 → 5 | 8 | 5 | 13 | 8 | 10s |", md, StringComparison.Ordinal);
        Assert.Contains("| 3 | scale old ReplicaSet web-old 3 → 0 | 0 | 10 | 13 | 10 | 0s |", md, StringComparison.Ordinal);
        Assert.Contains("**Verdict:** RollingUpdate of 10 replicas in 3 waves", md, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Notes (5)</summary>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Job_RunningAndDoneColumns()
    {
        var md = Render(Report(null, Job), "markdown");

        Assert.Contains("| wave | actions | running | done | duration |\n| ---: | --- | ---: | ---: | ---: |\n", md, StringComparison.Ordinal);
        Assert.Contains("| 4 | create 1 pod for index 9<br>1 pod succeeds: 10 of 10 completions | 1 | 10 | 1m 10s |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StatefulSetSteps_NameTheirAction() =>
        Assert.Contains("| 1 | **delete**: delete pod db-2", Render(Report(null, Db), "markdown"), StringComparison.Ordinal);

    [Fact]
    public void Write_Unplannable_AndUnreadable_AreListed()
    {
        var md = Render(Report(null, Agent, "kind: ["), "markdown");

        Assert.Contains("#### DaemonSet/agent in shop: not planned", md, StringComparison.Ordinal);
        Assert.Contains("**Unreadable input**", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HpaBound_IsTheFirstNote() =>
        Assert.Contains("- HorizontalPodAutoscaler web-hpa scales this workload (4–12 replicas): 20 is above its maxReplicas",
            Render(Report(new PlanRequest { Scale = [ScaleRequest.Parse("deploy/web=20")] }, Web, Hpa), "markdown"), StringComparison.Ordinal);
}
