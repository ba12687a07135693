using System.Text;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// apimachinery's YAMLOrJSONDecoder (util/yaml/decoder.go, GuessJSONStream) reads a stream whose first
/// non-space character is '{' as a sequence of JSON values with encoding/json, to its end: several
/// objects may follow one another with nothing but white space between them, and anything that is not
/// JSON (a --- line, an unquoted key, a trailing comma) ends the stream at that point with an error.
/// Every row was checked with <c>kubectl label --local -f FILE k=v -o name</c> (kubectl 1.32): the
/// objects listed are those kubectl printed before its error, if any.
/// </summary>
public class JsonStreamTests
{
    private static string Map(string name) => $"{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"{name}\"}}}}";

    public static TheoryData<string, string[], int, string> Streams() => new()
    {
        // text, the objects Kubernetes reads, documents counted, the syntax problem ("line:column text") or ""
        { Map("a"), ["a"], 1, "" },
        { Map("a") + "\n" + Map("b") + "\n", ["a", "b"], 2, "" },
        { Map("a") + " " + Map("b"), ["a", "b"], 2, "" },
        { Map("a") + Map("b"), ["a", "b"], 2, "" },
        { "\n  \t\n" + Map("a"), ["a"], 1, "" },
        // Not JSON, so the stream ends there: "invalid character '-' in numeric literal".
        { Map("a") + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n", ["a"], 2, "2:2 JSON syntax error" },
        // Flow-style YAML is not JSON: "invalid character 'a' looking for beginning of object key string".
        { "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n", [], 1, "1:2 JSON syntax error" },
        { "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"},}", [], 1, "1:69 trailing comma" },
        // "unexpected EOF": the first object is read, the unfinished second is lost.
        { Map("a") + "\n" + Map("b")[..^1] + "\n", ["a"], 2, "3:1 JSON syntax error" },
        // "cannot unmarshal number 1e400 into Go value of type float64".
        { "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\", \"x\": 1e400}}", [], 1, "1:74 out of range" },
        // A comment first makes the stream YAML, where flow style is fine.
        { "# config\n{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n", ["a"], 1, "" },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void AStreamStartingWithABrace_IsReadAsJsonValues(string text, string[] names, int documents, string problem)
    {
        var result = new ManifestLoader().LoadText("t.json", text);

        Assert.Equal(names, result.Manifests.Select(m => m.Name));
        Assert.Equal(documents, result.Documents);
        var syntax = result.Problems.Where(p => p.Kind == InputProblemKind.Syntax).Select(p => $"{p.Position.Line}:{p.Position.Column} {p.Message}").ToList();
        if (problem.Length == 0)
        {
            Assert.Empty(syntax);
        }
        else
        {
            var (at, words) = (problem[..problem.IndexOf(' ', StringComparison.Ordinal)], problem[(problem.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var found = Assert.Single(syntax);
            Assert.StartsWith(at + " ", found, StringComparison.Ordinal);
            Assert.Contains(words, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ALargeJsonStream_IsNotCutIntoYamlPieces()
    {
        // Large UTF-8 files are read in pieces cut at --- lines; a JSON stream has none and is read whole, as JSON.
        var text = "\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => Map("m" + i)));
        var result = new ManifestLoader().LoadBytes("t.json", Encoding.UTF8.GetBytes(text), 256);

        Assert.Equal(200, result.Manifests.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Numbers_AreIntegersWhenTheyFit64Bits_ElseFloats()
    {
        // apimachinery's json.Unmarshal keeps int64 when the literal parses as one, else float64.
        var result = new ManifestLoader().LoadText("t.json", "{\"kind\": \"X\", \"metadata\": {\"name\": \"n\"}, \"a\": 3, \"b\": 3.0, \"c\": 1e3, \"d\": 18446744073709551615, \"e\": -7}");
        var root = Assert.Single(result.Manifests).Root;

        Assert.Equal((ScalarKind.Int, (object)3L), Kind(root, "a"));
        Assert.Equal((ScalarKind.Float, (object)3.0), Kind(root, "b"));
        Assert.Equal((ScalarKind.Float, (object)1000.0), Kind(root, "c"));
        Assert.Equal((ScalarKind.Float, (object)18446744073709551615.0), Kind(root, "d"));
        Assert.Equal((ScalarKind.Int, (object)-7L), Kind(root, "e"));
    }

    [Fact]
    public void Strings_AreNeverResolved_AndPositionsCountCharacters()
    {
        var text = "{\"kind\": \"X\", \"metadata\": {\"name\": \"n\"},\n \"é\": \"yes\", \"t\": \"2024-01-02\", \"u\": \"caf\\u00e9\"}";
        var root = Assert.Single(new ManifestLoader().LoadText("t.json", text).Manifests).Root;

        Assert.Equal((ScalarKind.String, (object)"yes"), Kind(root, "é"));
        Assert.Equal((ScalarKind.String, (object)"2024-01-02"), Kind(root, "t"));
        Assert.Equal((ScalarKind.String, (object)"café"), Kind(root, "u"));
        // The value of "t" starts after "é" (one character, two bytes) on line 2.
        Assert.Equal(new SourcePosition(2, 19), root["t"]!.Start);
    }

    [Theory]
    // encoding/json reads a \u escape of a lone surrogate as U+FFFD (kubectl prints "\ufffd"); pairs stay pairs.
    [InlineData("\\ud800", "\ufffd")]
    [InlineData("\\udc00y\\n", "\ufffdy\n")]
    [InlineData("\\ud83d\\ude00 \\ud800\\\"", "\ud83d\ude00 \ufffd\"")]
    [InlineData("a\\u0000b", "a\0b")]
    public void EscapedLoneSurrogates_BecomeReplacementCharacters(string escaped, string text)
    {
        var result = new ManifestLoader().LoadText("t.json", "{\"kind\": \"X\", \"metadata\": {\"name\": \"n\"}, \"k\": \"" + escaped + "\"}");

        Assert.Equal((ScalarKind.String, (object)text), Kind(Assert.Single(result.Manifests).Root, "k"));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void ADuplicateKey_KeepsTheLastValue_AndIsReported()
    {
        // encoding/json keeps the last value; strict field validation refuses the object.
        var result = new ManifestLoader().LoadText("t.json", "{\"kind\": \"ConfigMap\", \"apiVersion\": \"v1\", \"metadata\": {\"name\": \"a\", \"name\": \"b\"}}");

        Assert.Equal("b", Assert.Single(result.Manifests).Name);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new SourcePosition(1, 69), problem.Position);
        Assert.Contains("duplicate key \"name\"", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Deeper than KubePlan analyses: counted and reported, not checked. Deeper than Kubernetes reads
    // ("exceeded max depth"): refused, with one finding rather than both.
    [InlineData(600, InputProblemKind.NestingLimit, "not checked")]
    [InlineData(10_001, InputProblemKind.Syntax, "exceeded max depth of 10000")]
    public void DeepNesting_IsBoundedAsInYaml(int depth, InputProblemKind kind, string words)
    {
        var text = "{\"kind\": \"X\", \"x\": " + new string('[', depth) + new string(']', depth) + "}\n" + Map("after");
        var result = new ManifestLoader().LoadText("t.json", text);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(kind, problem.Kind);
        Assert.Contains(words, problem.Message, StringComparison.Ordinal);
        Assert.Equal(kind == InputProblemKind.NestingLimit ? ["after"] : [], result.Manifests.Select(m => m.Name));
    }

    [Theory]
    // kubectl drops a byte order mark (UTF-8 or UTF-16) before it sniffs: the '{' behind it still starts JSON.
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public void BehindAByteOrderMark_TheStreamIsStillJson(string encoding)
    {
        var text = Map("a") + Map("b") + "\n";
        var bytes = Encoding.GetEncoding(encoding).GetPreamble().Concat(Encoding.GetEncoding(encoding).GetBytes(text)).ToArray();
        var result = new ManifestLoader().LoadBytes("t.json", bytes);

        Assert.Equal(["a", "b"], result.Manifests.Select(m => m.Name));
        Assert.Empty(result.Problems);
    }

    private static (ScalarKind, object?) Kind(YMapping root, string key) => root[key] is YScalar s ? (s.Kind, s.Value) : default;
}
