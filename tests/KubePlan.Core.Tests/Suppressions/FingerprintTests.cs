using KubePlan.Core.Tests.Rules;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Suppressions;

/// <summary>Fingerprints name the finding, not where it sits: unrelated edits leave them unchanged.</summary>
public class FingerprintTests
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
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

    private static Dictionary<string, string> Prints(string yaml) =>
        RuleHarness.Lint(yaml).Diagnostics.Where(d => d.RuleId == RuleIds.NoReadinessProbe).ToDictionary(d => d.Container!, d => d.Fingerprint!);

    [Fact]
    public void EveryFinding_HasAFingerprint_AndTheContainerItIsAbout()
    {
        var findings = RuleHarness.Lint(Web).Diagnostics;
        Assert.All(findings, d => Assert.Matches("^[0-9a-f]{32}$", d.Fingerprint));
        Assert.Equal(["web", "sidecar"], findings.Where(d => d.RuleId == RuleIds.NoReadinessProbe).Select(d => d.Container));
        Assert.Equal(findings.Count, findings.Select(d => d.Fingerprint).Distinct().Count());
    }

    [Theory]
    // Lines added above the object, a comment inside it, another object before it, the object moved to another file.
    [InlineData("# a comment\n# and another\n\n", "", "test.yaml")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n", "", "test.yaml")]
    [InlineData("", "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n", "test.yaml")]
    [InlineData("", "", "other/place.yaml")]
    public void UnrelatedEdits_KeepEveryFingerprint(string before, string after, string path)
    {
        var original = Prints(Web);
        var edited = RuleHarness.Lint(before + Web + after, path: path).Diagnostics
            .Where(d => d.RuleId == RuleIds.NoReadinessProbe).ToDictionary(d => d.Container!, d => d.Fingerprint!);
        Assert.Equal(original, edited);
    }

    [Fact]
    public void ReorderingContainers_KeepsEachContainersFingerprint()
    {
        // The two containers trade places (the path of each finding names another index).
        var swapped = Web.Replace("- name: web", "- name: TMP", StringComparison.Ordinal)
            .Replace("- name: sidecar", "- name: web", StringComparison.Ordinal)
            .Replace("- name: TMP", "- name: sidecar", StringComparison.Ordinal);
        Assert.NotEqual(Web, swapped);
        Assert.Equal(Prints(Web), Prints(swapped));
    }

    [Theory]
    [InlineData("name: web\n  namespace: shop", "name: web\n  namespace: prod")]     // another namespace
    [InlineData("name: web\n  namespace: shop", "name: api\n  namespace: shop")]      // another name
    [InlineData("kind: Deployment", "kind: StatefulSet")]                              // another kind
    public void TheObjectsIdentity_IsPartOfTheFingerprint(string from, string to)
    {
        var changed = Web.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Web, changed);
        Assert.NotEqual(Prints(Web)["web"], Prints(changed)["web"]);
    }

    [Fact]
    public void TheApiVersion_IsNot_OnlyTheGroup()
    {
        // apps/v1beta2 -> apps/v1 is the same object (as kubeplan diff matches them).
        var a = new Diagnostic("r", Severity.Error, "m", "f.yaml", 3, 1, new("apps/v1", "Deployment", "shop", "web"), "/spec", null);
        var b = a with { Object = new("apps/v1beta2", "Deployment", "shop", "web"), Line = 40 };
        var c = a with { Object = new("extensions/v1beta1", "Deployment", "shop", "web") };
        Assert.Equal(Fingerprints.KeyOf(a), Fingerprints.KeyOf(b));
        Assert.NotEqual(Fingerprints.KeyOf(a), Fingerprints.KeyOf(c));
    }

    [Fact]
    public void IdenticalKeys_AreNumbered_SoEachFingerprintIsUnique()
    {
        var d = new Diagnostic("r", Severity.Error, "m", "f.yaml", 3, 1, new("v1", "Service", "shop", "web"), "/spec/ports", null);
        var assigned = Fingerprints.Assign([d, d with { Line = 9, Message = "other" }], new ManifestLocator([]));
        Assert.NotEqual(assigned[0].Fingerprint, assigned[1].Fingerprint);
    }

    [Theory]
    [InlineData("/spec/template/spec/containers/3/image", "web", "/spec/template/spec/containers/name=web/image")]
    [InlineData("/spec/jobTemplate/spec/template/spec/initContainers/0", "init", "/spec/jobTemplate/spec/template/spec/initContainers/name=init")]
    [InlineData("/spec/template/spec/containers/0/env/2", null, "/spec/template/spec/containers/0/env/2")]
    [InlineData("/spec/replicas", "web", "/spec/replicas")]
    public void NormalizedPath_NamesTheContainer(string path, string? container, string expected) =>
        Assert.Equal(expected, Fingerprints.NormalizedPath(path, container));
}
