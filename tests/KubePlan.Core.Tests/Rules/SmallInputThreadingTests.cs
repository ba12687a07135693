using System.Collections.Concurrent;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>A small input is checked on the calling thread, a large one on every core: both give every finding, in input order.</summary>
public class SmallInputThreadingTests
{
    /// <summary>Records the threads its check and its own Parallel.For ran on, and reports every object.</summary>
    private sealed class ThreadRecordingRule : Rule
    {
        public ConcurrentBag<int> Threads { get; } = [];

        public override RuleInfo Info { get; } = new("t-threads", Severity.Warning, "test", "Reports every object.", "Nothing to fix.");

        public override IEnumerable<Diagnostic> Check(AnalysisContext context)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            var all = context.Manifests.All;
            var found = new Diagnostic[all.Count];
            Parallel.For(0, all.Count, i =>
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                found[i] = Report(all[i], all[i].Located, "seen " + all[i].Name);
            });
            return found;
        }
    }

    private static LoadResult ConfigMaps(int count)
    {
        var input = new ManifestLoader().LoadText(
            "a.yaml",
            string.Join("---\n", Enumerable.Range(0, count).Select(i => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n")));
        Assert.Equal(count, input.Documents);
        return input;
    }

    [Fact]
    public void SmallInput_GivesEveryFindingInInputOrder()
    {
        var report = Linter.Run(ConfigMaps(Linter.OneThreadDocuments), new LintOptions(), rules: [new ThreadRecordingRule()]);

        Assert.Equal(Enumerable.Range(0, Linter.OneThreadDocuments).Select(i => "seen c" + i), report.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void LargeInput_GivesTheFindingsInTheSameOrder()
    {
        var count = Linter.OneThreadDocuments + 8;
        var report = Linter.Run(ConfigMaps(count), new LintOptions(), rules: [new ThreadRecordingRule()]);

        Assert.Equal(Enumerable.Range(0, count).Select(i => "seen c" + i), report.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void CallingThreadScheduler_PropagatesAFailure()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CallingThreadScheduler.Run(() => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", e.Message);
    }
}
