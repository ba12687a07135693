using KubePlan.Core.Tests.Rules;
using KubePlan.Rules;
using KubePlan.Suppressions;

namespace KubePlan.Core.Tests.Suppressions;

public class BaselineTests
{
    private const string Two = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: web:1.0
                  ports: [{containerPort: 8080}]
                  resources: {requests: {cpu: 10m, memory: 16Mi}}
                - name: sidecar
                  image: side:1.0
                  ports: [{containerPort: 8080}]
                  resources: {requests: {cpu: 10m, memory: 16Mi}}
        """;

    [Fact]
    public void Write_IsSortedByFingerprint_OneFindingPerLine()
    {
        var text = Baseline.Write(RuleHarness.Lint(Two));
        var lines = text.Split('\n').Where(l => l.Contains("\"fingerprint\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("\"container\":\"sidecar\"", text, StringComparison.Ordinal);
        Assert.Equal(text, Baseline.Write(RuleHarness.Lint(Two)));     // deterministic
    }

    [Fact]
    public void Apply_HoldsBackBaselinedFindings_ReportsNewOnes_AndCountsTheGone()
    {
        var baseline = Baseline.Parse("b.json", Baseline.Write(RuleHarness.Lint(Two)));

        var same = baseline.Apply(RuleHarness.Lint(Two));
        Assert.Empty(same.Diagnostics);
        Assert.Equal(new BaselineCounts(2, 0), same.Summary.Baseline);

        // A third container without a probe is new; the sidecar fixed is gone.
        var changed = Two.Replace("image: side:1.0", "image: side:1.0\n          readinessProbe: {exec: {command: [ready]}}\n          resources: {requests: {cpu: 10m, memory: 16Mi}}\n        - name: third\n          image: third:1.0", StringComparison.Ordinal);
        var next = baseline.Apply(RuleHarness.Lint(changed));
        Assert.Equal(["third"], next.Diagnostics.Select(d => d.Container));
        Assert.Equal(new BaselineCounts(1, 1), next.Summary.Baseline);
        Assert.Equal(1, next.Summary.Warnings);
    }

    [Theory]
    [InlineData("", "b.json:1:1: not a baseline file: the JSON does not parse")]
    [InlineData("{\"version\": 1,\n", "b.json:2:1: not a baseline file: the JSON does not parse")]
    [InlineData("[]", "b.json: not a baseline file: it needs \"version\" and a \"findings\" list")]
    [InlineData("{\"version\": 2, \"findings\": []}", "b.json: baseline version 2 is not supported")]
    [InlineData("{\"version\": 1, \"findings\": [{\"ruleId\": \"x\"}]}", "b.json: finding 1 of the baseline has no \"fingerprint\" string")]
    public void Parse_Rejects_SayingWhy(string text, string expected)
    {
        var e = Assert.Throws<BaselineException>(() => Baseline.Parse("b.json", text));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OfAMissingFile_SaysHowToCreateIt()
    {
        var e = Assert.Throws<BaselineException>(() => Baseline.Load(Path.Combine(Path.GetTempPath(), "no-such-kubeplan-baseline.json")));
        Assert.Contains("no such baseline file (create it with --write-baseline", e.Message, StringComparison.Ordinal);
    }
}
