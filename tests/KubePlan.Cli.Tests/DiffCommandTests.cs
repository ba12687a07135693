using System.Diagnostics;

namespace KubePlan.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "web:1.0"}]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kubeplan-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, TestConsole Console) Run(string stdin, params string[] args)
    {
        var console = new TestConsole(stdin);
        return (Program.Run(args, console), console);
    }

    [Fact]
    public void NoChanges_ExitsZero()
    {
        var a = Write("a.yaml", Deployment);
        var b = Write("b/one.yaml", Deployment.Replace("\"web:1.0\"", "'web:1.0'", StringComparison.Ordinal));

        var (code, console) = Run(string.Empty, "diff", a, Path.GetDirectoryName(b)!);

        Assert.Equal(0, code);
        Assert.Contains("no changes", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_ExitOne_AndStdinWorksForOneSide()
    {
        var a = Write("a.yaml", Deployment);

        var (code, console) = Run(Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal), "diff", a, "-", "--format", "json");

        Assert.Equal(1, code);
        Assert.Contains("\"rollout\"", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    // --fail-on turns the diff into a merge gate for the named impacts or severities only
    [InlineData("rejected", 0)]
    [InlineData("rollout", 1)]
    [InlineData("rejected,rollout", 1)]
    [InlineData("error", 0)]
    public void FailOn_GatesOnNamedImpacts(string failOn, int expected)
    {
        var a = Write("a.yaml", Deployment);
        var b = Write("b.yaml", Deployment.Replace("web:1.0", "web:1.1", StringComparison.Ordinal));

        Assert.Equal(expected, Run(string.Empty, "diff", a, b, "--fail-on", failOn).Code);
    }

    [Fact]
    public void FailOnRejected_FailsOnImmutableChange()
    {
        var a = Write("a.yaml", Deployment);
        var b = Write("b.yaml", Deployment.Replace("app: web", "app: web2", StringComparison.Ordinal));

        var (code, console) = Run(string.Empty, "diff", a, b, "--fail-on", "rejected", "--format", "markdown");

        Assert.Equal(1, code);
        Assert.Contains("**rejected**", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_AddsFindingsOfTheNewSide()
    {
        var a = Write("a.yaml", Deployment);
        var b = Write("b.yaml", Deployment + "\n---\nkind: [\n");

        var (code, console) = Run(string.Empty, "diff", a, b, "--lint", "--format", "json", "--fail-on", "error");

        Assert.Equal(1, code);
        Assert.Contains("\"ruleId\": \"yaml-syntax\"", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "only-one-path")]
    [InlineData("diff", "a", "b", "c")]
    [InlineData("diff", "-", "-")]
    [InlineData("diff", "--head", "HEAD", "x", "y")]
    [InlineData("diff", "--format", "xml", "x", "y")]
    [InlineData("diff", "--fail-on", "sometimes", "x", "y")]
    [InlineData("diff", "missing-a.yaml", "missing-b.yaml")]
    public void UsageErrors_ExitTwo(params string[] args)
    {
        var (code, console) = Run(string.Empty, args);

        Assert.Equal(2, code);
        Assert.StartsWith("kubeplan: ", console.ErrorOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_OutsideRepository_OrUnknownRevision_ExitsTwo()
    {
        if (!Git(_dir, "--version"))
        {
            Console.WriteLine("git is not available: skipping");
            return;
        }

        var (outside, console) = Run(string.Empty, "diff", "--base", "HEAD", _dir);
        Assert.Equal(2, outside);
        Assert.Contains("not inside a git repository", console.ErrorOutput, StringComparison.Ordinal);

        Assert.True(Git(_dir, "init", "-q") && Git(_dir, "config", "user.email", "t@example.com") && Git(_dir, "config", "user.name", "t"));
        Write("k8s/web.yaml", Deployment);
        Assert.True(Git(_dir, "add", "-A") && Git(_dir, "-c", "commit.gpgsign=false", "commit", "-qm", "first"));
        var (unknown, console2) = Run(string.Empty, "diff", "--base", "nope", Path.Combine(_dir, "k8s"));
        Assert.Equal(2, unknown);
        Assert.Contains("unknown git revision", console2.ErrorOutput, StringComparison.Ordinal);

        Write("k8s/web.yaml", Deployment.Replace("replicas: 3", "replicas: 4", StringComparison.Ordinal));
        var (changed, console3) = Run(string.Empty, "diff", "--base", "HEAD", Path.Combine(_dir, "k8s"));
        Assert.Equal(1, changed);
        Assert.Contains("[scale]", console3.Output, StringComparison.Ordinal);

        var (head, _) = Run(string.Empty, "diff", "--base", "HEAD", "--head", "HEAD", Path.Combine(_dir, "k8s"));
        Assert.Equal(0, head);
    }

    private static bool Git(string dir, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
