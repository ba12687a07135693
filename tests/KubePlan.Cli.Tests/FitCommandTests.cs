namespace KubePlan.Cli.Tests;

public sealed class FitCommandTests : IDisposable
{
    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata:
          name: control-plane-1
        spec:
          taints:
            - key: node-role.kubernetes.io/control-plane
              effect: NoSchedule
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels:
            disktype: hdd
        """;

    private const string Fits = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        """;

    private const string FitsNone = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
        spec:
          nodeSelector:
            disktype: ssd
          containers:
            - name: db
              image: postgres:16
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kubeplan-fit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fit_ExitsZero_AndNamesTheNodes_WhenEveryWorkloadFits()
    {
        var (code, console) = Run("fit", Write("web.yaml", Fits), "--nodes", Write("nodes.yaml", Nodes));

        Assert.Equal(0, code);
        Assert.Contains("fits 1 of 2 nodes", console.Output, StringComparison.Ordinal);
        Assert.Contains("fits: worker-1", console.Output, StringComparison.Ordinal);
        Assert.Contains("control-plane-1: taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ExitsOne_WithReasons_WhenAWorkloadFitsNoNode()
    {
        var (code, console) = Run("fit", Write("db.yaml", FitsNone), "--nodes", Write("nodes.yaml", Nodes));

        Assert.Equal(1, code);
        Assert.Contains("worker-1: nodeSelector disktype=ssd does not match (node has disktype=hdd)", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_UsesNodeObjectsOfTheInput_AndWritesJson()
    {
        var (code, console) = Run("fit", Write("all.yaml", Nodes + "\n---\n" + Fits), "--format", "json");

        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(console.Output);
        var workload = doc.RootElement.GetProperty("workloads")[0];
        Assert.True(workload.GetProperty("fits").GetBoolean());
        Assert.Equal("worker-1", workload.GetProperty("nodes")[0].GetString());
        Assert.Equal("control-plane-1", workload.GetProperty("rejected")[0].GetProperty("node").GetString());
    }

    [Fact]
    public void Fit_ExitsTwo_WithoutANodeInventory()
    {
        var (code, console) = Run("fit", Write("web.yaml", Fits));

        Assert.Equal(2, code);
        Assert.Contains("node inventory", console.ErrorOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_ExitsTwo_WhenTheNodesFileIsMissing()
    {
        var (code, _) = Run("fit", Write("web.yaml", Fits), "--nodes", Path.Combine(_dir, "missing.yaml"));

        Assert.Equal(2, code);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, TestConsole Console) Run(params string[] args)
    {
        var console = new TestConsole();
        return (Program.Run(args, console), console);
    }
}
