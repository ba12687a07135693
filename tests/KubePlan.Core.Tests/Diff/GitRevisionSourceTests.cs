using System.Diagnostics;
using KubePlan.Diff;
using KubePlan.Manifests;
using KubePlan.Sources;

namespace KubePlan.Core.Tests.Diff;

/// <summary>Reading manifests at a revision of a throwaway repository. Passes with a message when git is absent.</summary>
public sealed class GitRevisionSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubeplan-git-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static bool Git(string dir, params string[] args)
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

    internal static bool InitRepository(string dir) =>
        Git(dir, "init", "-q") && Git(dir, "config", "user.email", "t@example.com") && Git(dir, "config", "user.name", "t")
        && Git(dir, "config", "commit.gpgsign", "false");

    [Fact]
    public void Diff_AgainstCommittedRevision()
    {
        if (!InitRepository(_dir))
        {
            Console.WriteLine("git is not available: skipping");
            return;
        }

        Directory.CreateDirectory(Path.Combine(_dir, "k8s"));
        File.WriteAllText(Path.Combine(_dir, "k8s", "app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: one}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
        File.WriteAllText(Path.Combine(_dir, "README.md"), "not a manifest");
        Assert.True(Git(_dir, "add", "-A") && Git(_dir, "commit", "-qm", "first"));
        File.WriteAllText(Path.Combine(_dir, "k8s", "app.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: two}\n");

        var source = GitRevisionSource.Open("HEAD", [Path.Combine(_dir, "k8s")]);
        var loader = new ManifestLoader();
        var oldSide = source.Load([Path.Combine(_dir, "k8s")], loader);
        var newSide = loader.LoadFiles(ManifestLoader.Expand([Path.Combine(_dir, "k8s")]).Files);
        var result = new DiffEngine().Compare(oldSide, newSide);

        Assert.Equal(["HEAD:k8s/app.yaml"], oldSide.Files.Select(f => f.Path));
        Assert.Equal(["ConfigMap/default/a:update", "ConfigMap/default/b:removed"], result.Changes.Select(c => c.Key + ":" + c.Impacts[0].ToName()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnknownRevision_And_OutsideRepository_AreErrors()
    {
        if (!Git(_dir, "--version"))
        {
            Console.WriteLine("git is not available: skipping");
            return;
        }

        var outside = Assert.Throws<GitSourceException>(() => GitRevisionSource.Open("HEAD", [_dir]));
        Assert.Contains("not inside a git repository", outside.Message, StringComparison.Ordinal);

        Assert.True(InitRepository(_dir));
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "kind: ConfigMap\n");
        Assert.True(Git(_dir, "add", "-A") && Git(_dir, "commit", "-qm", "first"));
        var unknown = Assert.Throws<GitSourceException>(() => GitRevisionSource.Open("no-such-branch", [_dir]));
        Assert.Contains("unknown git revision 'no-such-branch'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<GitSourceException>(() => GitRevisionSource.Open("--output=x", [_dir]));
    }
}
