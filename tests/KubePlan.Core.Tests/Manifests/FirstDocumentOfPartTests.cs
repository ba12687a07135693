using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// Kubernetes cuts a stream at --- lines (apimachinery's YAMLReader) and yaml.v2 decodes only the
/// first document of each part (decode.go: one document per Unmarshal), so whatever follows it up
/// to the next --- line (after a ... end marker, or after a root that ends early) is dropped without
/// a word from kubectl. KubePlan reads the first document as Kubernetes does, reports the dropped
/// content where it starts, and counts it as a document that is lost. Every row was checked with
/// <c>kubectl label --local -f FILE k=v -o name</c> (kubectl 1.32): the objects listed are those
/// kubectl printed.
/// </summary>
public class FirstDocumentOfPartTests
{
    private static string Map(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n";

    public static TheoryData<string, string[], int, int, int> Dropped() => new()
    {
        // text, the objects Kubernetes reads, documents counted, line and column of the finding
        { Map("a") + "...\n" + Map("b"), ["a"], 2, 6, 1 },
        { Map("a") + "... # end\n" + Map("b") + "---\n" + Map("c"), ["a", "c"], 3, 6, 1 },
        { Map("a") + "...\n- a\n", ["a"], 2, 6, 1 },
        { Map("a") + "...\n]]]\n", ["a"], 2, 6, 1 },
        // What follows a ... marker is not even scanned: a tab or a control character there is no error of its own.
        { Map("a") + "...\n\tb: \u0001\n", ["a"], 2, 6, 2 },
        // A root that ends before the part does: an indented first line, then a line indented less
        // (kubectl: "Object 'Kind' is missing in '{"apiVersion":"v1"}'"), or a root scalar. YAML has
        // no second document here, so this is the rest of the one document, not another one.
        { "  apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n", [], 1, 2, 1 },
        { "\"just a string\"\nkind: x\n", [], 1, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Dropped))]
    public void ContentAfterTheFirstDocument_IsReported_AndCountedAsALostDocument(string text, string[] names, int documents, int line, int column)
    {
        var result = new ManifestLoader().LoadText("t.yaml", text);
        // The first document may have problems of its own (a missing kind, a string for an object).
        var problem = Assert.Single(result.Problems, p => p.Kind == InputProblemKind.Syntax);
        Assert.Equal(new SourcePosition(line, column), problem.Position);
        Assert.Contains("ignores", problem.Message, StringComparison.Ordinal);
        Assert.Equal(documents, result.Documents);
        Assert.Equal(names, result.Manifests.Where(m => m.Name is not null).Select(m => m.Name!).ToArray());
    }

    public static TheoryData<string, string[]> NothingDropped() => new()
    {
        // Only comments, end markers and directives after the document: nothing is lost.
        { Map("a") + "...\n# just a comment\n", ["a"] },
        { Map("a") + "...\n...\n", ["a"] },
        { Map("a") + "...\n%YAML 1.1\n---\n" + Map("b"), ["a", "b"] },
        { Map("a") + "...\n---\n" + Map("b"), ["a", "b"] },
    };

    [Theory]
    [MemberData(nameof(NothingDropped))]
    public void EndMarkersCommentsAndDirectives_AfterTheDocument_AreNoFinding(string text, string[] names)
    {
        var result = new ManifestLoader().LoadText("t.yaml", text);
        Assert.Empty(result.Problems);
        Assert.Equal(names.Length, result.Documents);
        Assert.Equal(names, result.Manifests.Select(m => m.Name!).ToArray());
    }

    [Fact]
    public void ReadResult_KeepsTheFirstDocument_AndCountsTheDroppedOneAsBroken()
    {
        var result = YamlStreamReader.Read(Map("a") + "...\n" + Map("b"));
        Assert.Single(result.Documents);
        Assert.Equal(1, result.BrokenDocuments);
        Assert.True(Assert.Single(result.Problems).Fatal);
    }

    [Fact]
    public void ReadResult_WithoutAnEndMarker_TheDroppedRestIsPartOfTheDocument()
    {
        var result = YamlStreamReader.Read("  apiVersion: v1\nkind: ConfigMap\n");
        Assert.Single(result.Documents);
        Assert.Equal(0, result.BrokenDocuments);
        Assert.False(Assert.Single(result.Problems).Fatal);
    }

    public static TheoryData<string, int, int> RefusedKeys() => new()
    {
        // go-yaml: a ':' with no key before it ("did not find expected key").
        { "a: 1\n: b\n", 2, 1 },
        { ": b\n", 1, 1 },
        { "a: {: b}\n", 1, 5 },
        // In a block list item YamlDotNet loses the value as well; the ':' is still what go-yaml refuses.
        { "a:\n  - : b\n", 2, 5 },
        { "- : b\n", 1, 3 },
        // sigs.k8s.io/yaml: a null key ("unsupported map key of type: %!s(<nil>)").
        { "~: b\n", 1, 1 },
        { "null: b\n", 1, 1 },
        { "a:\n  ~: b\n", 2, 3 },
        { "? \n: b\n", 1, 2 },                    // an explicit key with nothing in it
        // sigs.k8s.io/yaml: a list or a mapping as a key ("invalid map key").
        { "? [a]\n: b\n", 1, 3 },
        { "? {a: 1}\n: b\n", 1, 3 },
    };

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public void KeysKubernetesCannotTurnIntoJson_FailTheirDocument(string text, int line, int column)
    {
        var result = YamlStreamReader.Read(text + "---\n" + Map("b"));
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Fatal);
        Assert.Equal(new SourcePosition(line, column), problem.Position);
        Assert.Single(result.Documents);
    }

    [Theory]
    // Keys that are strings for JSON: empty, tagged empty, booleans, numbers.
    [InlineData("\"\": b\n", "")]
    [InlineData("!!str : b\n", "")]
    [InlineData("!foo : b\n", "")]
    [InlineData("true: b\n", "true")]
    [InlineData("1.5: b\n", "1.5")]
    public void KeysKubernetesReads_AreStrings(string text, string key)
    {
        var result = YamlStreamReader.Read(text);
        Assert.Empty(result.Problems);
        var root = (YMapping)Assert.Single(result.Documents).Root!;
        Assert.Equal(key, Assert.Single(root.Entries).Key.KeyText);
    }
}
