using System.Runtime.CompilerServices;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>
/// A lint run checks the objects whose trees no rule reads later as soon as their file (or piece of a large
/// file) is read, and keeps only their skeletons (<see cref="LintRun"/>): the trees are then garbage, and the
/// findings are exactly those of a run that keeps every tree.
/// </summary>
public class TreeReleaseTests
{
    // A custom resource before its CustomResourceDefinition (its schema is known only at the end), a ServiceAccount
    // and a Role that no cross-object rule reads, and a Deployment that several do.
    private const string Input = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: first
        spec:
          size: big
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
          annotations:
            kubeplan.io/ignore: "api-deprecated"
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: Web_Account
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: Web_Account
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: reader
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, explode]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers:
              - name: web
                image: web:latest
        """;

    [Fact]
    public void ObjectsNoLaterRuleReads_AreReleasedAsRead_AndTheirTreesCollected()
    {
        var (read, released) = ReadAndDropTheLoadedTrees();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(["CustomResourceDefinition", "ServiceAccount", "ServiceAccount", "Role"],
            read.Manifests.Where(m => m.IsReleased).Select(m => m.Kind));
        Assert.Equal(["Widget", "Deployment"], read.Manifests.Where(m => !m.IsReleased).Select(m => m.Kind));
        Assert.All(released, tree => Assert.False(tree.IsAlive, "a released object's tree is still reachable"));
        GC.KeepAlive(read);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (LoadResult Read, List<WeakReference> Released) ReadAndDropTheLoadedTrees()
    {
        var loaded = new ManifestLoader().LoadText("app.yaml", Input);
        var roots = loaded.Manifests.Where(m => m.Kind is "CustomResourceDefinition" or "ServiceAccount" or "Role")
            .Select(m => new WeakReference(m.Root)).ToList();
        return (Linter.Start(new LintOptions()).Read(loaded), roots);
    }

    [Fact]
    public void Skeleton_KeepsIdentityPositionsAndSuppressionAnnotations()
    {
        var crd = new ManifestLoader().LoadText("app.yaml", Input).Manifests[1];
        var skeleton = ManifestSkeleton.Of(crd);

        Assert.True(skeleton.IsReleased);
        Assert.Equal(crd.Ref, skeleton.Ref);
        Assert.Equal(crd.Key, skeleton.Key);
        Assert.Equal(crd.Root.Start, skeleton.Root.Start);
        Assert.Equal(crd.At("metadata", "name")?.Node, skeleton.At("metadata", "name")?.Node);
        Assert.Equal(crd.At("metadata", "annotations", "kubeplan.io/ignore")?.Pointer, skeleton.At("metadata", "annotations", "kubeplan.io/ignore")?.Pointer);
        Assert.Null(skeleton.At("spec"));
    }

    // A ConfigMap and a Secret that a pod references by key: their trees go as they are read, their skeletons keep the keys.
    private const string ReferencedConfig = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: web:1.0
                env:
                - name: MODE
                  valueFrom: {configMapKeyRef: {name: web, key: mode}}
                - name: LEVEL
                  valueFrom: {configMapKeyRef: {name: web, key: level}}
                - name: TOKEN
                  valueFrom: {secretKeyRef: {name: web, key: token}}
                - name: PASSWORD
                  valueFrom: {secretKeyRef: {name: web, key: password}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web}
        data:
          mode: a long configuration file
        binaryData:
          blob: AAAA
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: web}
        stringData:
          token: abc
        data:
          other: AAAA
        """;

    [Fact]
    public void ConfigMapAndSecret_AreReleased_TheirSkeletonsKeepTheKeysOfTheirData_NotTheValues()
    {
        var loaded = new ManifestLoader().LoadText("app.yaml", ReferencedConfig);
        var read = Linter.Start(new LintOptions()).Read(loaded);

        Assert.Equal(["ConfigMap", "Secret"], read.Manifests.Where(m => m.IsReleased).Select(m => m.Kind));
        var configMap = read.Manifests[1];
        Assert.Equal(["mode"], configMap.At("data")!.Value.Entries().Select(e => e.Pointer.Split('/')[^1]));
        Assert.Equal(["blob"], configMap.At("binaryData")!.Value.Entries().Select(e => e.Pointer.Split('/')[^1]));
        Assert.Equal(loaded.Manifests[1].At("data", "mode")!.Value.KeyPosition, configMap.At("data", "mode")!.Value.KeyPosition);
        Assert.Equal(ScalarKind.Null, Assert.IsType<YScalar>(configMap.At("data", "mode")!.Value.Node).Kind);
        Assert.Equal(["other"], read.Manifests[2].At("data")!.Value.Entries().Select(e => e.Pointer.Split('/')[^1]));
        Assert.Equal(["token"], read.Manifests[2].At("stringData")!.Value.Entries().Select(e => e.Pointer.Split('/')[^1]));
    }

    /// <summary>missing-reference reads a released ConfigMap's and Secret's keys (kubelet: a missing key is CreateContainerConfigError).</summary>
    [Fact]
    public void MissingKey_OfReleasedConfigMapAndSecret_IsReportedAsFromTheWholeTree()
    {
        var input = new ManifestLoader().LoadText("app.yaml", ReferencedConfig);
        var options = AllRules();

        var report = Linter.Run(input, options);
        var missing = report.Diagnostics.Where(d => d.RuleId == RuleIds.MissingReference).Select(d => d.Message).ToList();

        Assert.Equal(2, missing.Count);
        Assert.Contains(missing, m => m.Contains("ConfigMap \"web\" has no key \"level\" (it has \"blob\", \"mode\")", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("Secret \"web\" has no key \"password\" (it has \"other\", \"token\")", StringComparison.Ordinal));
        Assert.Equal(Describe(KeepingEveryTree(input, options)), Describe(report));
    }

    [Fact]
    public void CustomResourceBeforeItsDefinition_IsCheckedAgainstIt()
    {
        var report = Linter.Run(new ManifestLoader().LoadText("app.yaml", Input), new LintOptions());

        var schema = Assert.Single(report.Diagnostics, d => d.RuleId == RuleIds.Schema);
        Assert.Equal((6, 9), (schema.Line, schema.Column));
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.SchemaUnknownKind);
    }

    [Fact]
    public void Release_ChangesNoFinding_OnThisInput()
    {
        var input = new ManifestLoader().LoadText("app.yaml", Input);
        var options = AllRules();

        var releasing = Linter.Start(options);
        Assert.True(releasing.ReleasesTrees);
        Assert.Equal(Describe(KeepingEveryTree(input, options)), Describe(releasing.Finish(releasing.Read(input))));
    }

    [Fact]
    public void LargeFileReadInPieces_ReleasesEachPieceAsRead_WithTheSameFindings()
    {
        // Twenty copies, each in its own namespace, read in pieces of about one copy.
        var text = string.Join("\n---\n", Enumerable.Range(0, 20).Select(i => Input.Replace("metadata:\n  name: ", $"metadata:\n  namespace: ns{i}\n  name: ", StringComparison.Ordinal)));
        var options = AllRules();
        var run = Linter.Start(options);
        var pieces = 0;
        var read = new ManifestLoader().LoadText("big.yaml", text, Input.Length, piece =>
        {
            Interlocked.Increment(ref pieces);
            return run.Read(piece);
        });

        Assert.True(pieces > 10, $"read in {pieces} pieces");
        Assert.Equal(80, read.Manifests.Count(m => m.IsReleased));
        Assert.Equal(Enumerable.Range(0, 120), read.Manifests.Select(m => m.DocumentIndex));
        var whole = new ManifestLoader().LoadText("big.yaml", text, int.MaxValue / 2);
        Assert.Equal(Describe(KeepingEveryTree(whole, options)), Describe(run.Finish(read)));
    }

    /// <summary>A built-in rule that does not say what it reads keeps every tree of every run: each must say.</summary>
    [Fact]
    public void EveryBuiltInRule_DeclaresWhatItReads()
    {
        Assert.Empty(RuleCatalog.BuiltIn.Where(r => ReferenceEquals(r.Reads, RuleReads.WholeInput)).Select(r => r.Id));
    }

    [Fact]
    public void CustomRule_KeepsEveryTree()
    {
        var run = Linter.Start(new LintOptions(), [.. RuleCatalog.BuiltIn, new ReadsEverything()]);
        var input = new ManifestLoader().LoadText("app.yaml", Input);

        Assert.False(run.ReleasesTrees);
        Assert.Same(input, run.Read(input));
    }

    [Fact]
    public void FileFromDisk_KeepsNoBytesOnceRead_UnlessACustomRuleMayReadThem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeplan-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Input);
        try
        {
            var releasing = Linter.Start(new LintOptions());
            var keeping = Linter.Start(new LintOptions(), [.. RuleCatalog.BuiltIn, new ReadsEverything()]);

            Assert.True(new ManifestLoader().LoadFiles([path], eachFile: releasing.Read).Files[0].IsReleased);
            Assert.False(new ManifestLoader().LoadFiles([path], eachFile: keeping.Read).Files[0].IsReleased);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "Fixtures"), "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "Corpus"), "*.yaml")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    /// <summary>Every rule's declaration of what it reads, checked on every fixture: releasing trees changes no finding.</summary>
    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Release_ChangesNoFinding_OnFixtures(string file)
    {
        var text = File.ReadAllText(Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", file));
        var input = new ManifestLoader().LoadText(file, text);
        var options = RuleHarness.OptionsFor(text).Enabling([.. RuleCatalog.BuiltIn.Select(r => r.Id)]);

        Assert.Equal(Describe(KeepingEveryTree(input, options)), Describe(Linter.Run(input, options)));
    }

    private static LintOptions AllRules() => new LintOptions().Enabling([.. RuleCatalog.BuiltIn.Select(r => r.Id)]);

    /// <summary>The run as it was before trees were released: one more active rule that declares nothing keeps them all.</summary>
    private static LintReport KeepingEveryTree(LoadResult input, LintOptions options)
    {
        var run = Linter.Start(options, [.. RuleCatalog.BuiltIn, new ReadsEverything()]);
        Assert.False(run.ReleasesTrees);
        return run.Finish(run.Read(input));
    }

    private static string Describe(LintReport report) =>
        string.Join("\n", report.Diagnostics.Select(Describe)) + "\nsuppressed:\n" + string.Join("\n", report.Suppressed.Select(s => $"{s.Kind} {s.Line} {Describe(s.Diagnostic)}"))
        + $"\n{report.Summary}";

    private static string Describe(Diagnostic d) => $"{d} {d.Container} {d.Fingerprint}";

    /// <summary>A rule that says nothing about what it reads, as a custom rule does not; it finds nothing.</summary>
    private sealed class ReadsEverything : Rule
    {
        public override RuleInfo Info { get; } = new("test-reads-everything", Severity.Info, "test", "Finds nothing.", "Nothing to fix.");

        public override IEnumerable<Diagnostic> Check(AnalysisContext context) => [];
    }
}
