namespace KubePlan.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 10
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0"}]
        """;

    private const string Agent = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: "agent:1.0"}]
        """;

    private const string Hpa = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 4
          maxReplicas: 12
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kubeplan-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] documents)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n---\n", documents));
        return path;
    }

    [Fact]
    public void Plan_PrintsTheWaveTable_ExitsZero()
    {
        var (exit, output, _) = TestConsole.Run("plan", Write("web.yaml", Web));

        Assert.Equal(0, exit);
        Assert.Contains("Deployment/web in default  RollingUpdate", output, StringComparison.Ordinal);
        Assert.Contains("     1    8    5    13          8       10s  ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ReadsStdin() =>
        Assert.Equal(0, TestConsole.RunWithInput(Web, "plan", "-", "--format", "json").Exit);

    [Fact]
    public void Plan_UnplannableWorkload_ExitsOne_AndSaysWhy()
    {
        var (exit, output, _) = TestConsole.Run("plan", Write("all.yaml", Web, Agent));

        Assert.Equal(1, exit);
        Assert.Contains("DaemonSet/agent in default  not planned", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NodeCount_PlansTheDaemonSet() =>
        Assert.Equal(0, TestConsole.Run("plan", Write("ds.yaml", Agent), "--node-count", "3").Exit);

    [Fact]
    public void Plan_NodesFile_PlansTheDaemonSet()
    {
        var nodes = Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n1}", "apiVersion: v1\nkind: Node\nmetadata: {name: n2}");

        var (exit, output, _) = TestConsole.Run("plan", Write("ds.yaml", Agent), "--nodes", nodes, "-f", "json");

        Assert.Equal(0, exit);
        Assert.Contains("\"replicas\": 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FromReplicas_StartsWithTheScalingEvent()
    {
        var (exit, output, _) = TestConsole.Run("plan", Write("web.yaml", Web), "--from-replicas", "6", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Contains("\"fromReplicas\": 6", output, StringComparison.Ordinal);
        Assert.Contains("resize: scale old ReplicaSet web-old 6 → 10", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PodStartup_SetsTheWaveDuration() =>
        Assert.Contains("\"durationSeconds\": 90", TestConsole.Run("plan", Write("web.yaml", Web), "--pod-startup", "1m30s", "-f", "json").Out, StringComparison.Ordinal);

    [Fact]
    public void Plan_JobDuration_AndFrom_TimeTheJobAndListTheCronJobsRuns()
    {
        const string cron = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  completions: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: report, image: "report:1.0"}]
            """;
        var (exit, output, _) = TestConsole.Run("plan", Write("cron.yaml", cron), "--job-duration", "5m", "--from", "2026-03-06T12:00:00Z", "-f", "json");

        Assert.Equal(0, exit);
        Assert.Contains("\"durationSeconds\": 310", output, StringComparison.Ordinal);
        Assert.Contains("\"2026-03-07T03:00:00+00:00\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--job-duration", "soon", "--job-duration must be a duration")]
    [InlineData("--from", "yesterday", "--from must be an ISO 8601 time")]
    public void Plan_BadJobOptions_AreUsageErrors(string option, string value, string expected)
    {
        var (exit, _, error) = TestConsole.Run("plan", Write("web.yaml", Web), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Scale_NotesTheAutoscalerBound()
    {
        var (exit, output, _) = TestConsole.Run("plan", Write("web.yaml", Web, Hpa), "--scale", "deploy/web=2");

        Assert.Equal(0, exit);
        Assert.Contains("Deployment/web in default  Scale", output, StringComparison.Ordinal);
        Assert.Contains("2 is below its minReplicas, so the autoscaler scales it back up to 4", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("markdown", "| wave | actions |")]
    [InlineData("svg", "xmlns=\"http://www.w3.org/2000/svg\"")]
    [InlineData("JSON", "\"plans\": [")]
    public void Plan_Format_PicksTheWriter(string format, string expected) =>
        Assert.Contains(expected, TestConsole.Run("plan", Write("web.yaml", Web), "--format", format).Out, StringComparison.Ordinal);

    [Theory]
    // --scale: malformed, unknown kind, a DaemonSet, a name that matches nothing
    [InlineData("--scale", "web=3", "KIND/NAME")]
    [InlineData("--scale", "deploy/web", "KIND/NAME=REPLICAS")]
    [InlineData("--scale", "deploy/web=-2", "non-negative integer")]
    [InlineData("--scale", "pod/web=3", "unknown kind")]
    [InlineData("--scale", "ds/agent=3", "DaemonSet has no replicas")]
    [InlineData("--scale", "deploy/api=3", "no Deployment of that name")]
    [InlineData("--scale", "deploy/prod/web=3", "no Deployment of that name")]
    [InlineData("--scale", "sts/web=3", "no StatefulSet of that name")]
    // other options
    [InlineData("--format", "yaml", "unknown --format")]
    [InlineData("--from-replicas", "ten", "--from-replicas must be")]
    [InlineData("--node-count", "-1", "--node-count must be")]
    [InlineData("--pod-startup", "soon", "--pod-startup must be")]
    [InlineData("--kubernetes-version", "latest", "--kubernetes-version")]
    [InlineData("--nodes", "missing.yaml", "no such file")]
    public void Plan_UsageErrors_ExitTwo(string option, string value, string message)
    {
        var (exit, _, error) = TestConsole.Run("plan", Write("web.yaml", Web), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ScaleAndFromReplicas_AreExclusive() =>
        Assert.Equal(2, TestConsole.Run("plan", Write("web.yaml", Web), "--scale", "deploy/web=3", "--from-replicas", "4").Exit);

    [Fact]
    public void Plan_MissingPath_ExitsTwo() =>
        Assert.Equal(2, TestConsole.Run("plan", Path.Combine(_dir, "nope.yaml")).Exit);

    [Fact]
    public void Diff_ChangedImage_PrintsThePlanTable()
    {
        var old = Write("old.yaml", Web);
        var @new = Write("new.yaml", Web.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        var (exit, output, _) = TestConsole.Run("diff", old, @new);

        Assert.Equal(1, exit);
        Assert.Contains("a rolling update of 10 replicas in 3 waves, about 20s", output, StringComparison.Ordinal);
        Assert.Contains("    wave  old  new  pods  available  duration", output, StringComparison.Ordinal);
        Assert.Contains("       1    8    5    13          8       10s  ", output, StringComparison.Ordinal);
    }
}
