using System.Text;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// Inputs on which YamlDotNet and Kubernetes' YAML reading (apimachinery's YAMLReader cutting the
/// stream at --- lines, then go-yaml v2 decoding each part) disagree. Every row was checked with
/// <c>kubectl label --local -f FILE k=v -o name</c> (kubectl 1.32): a row with a position is an
/// input kubectl refuses, a row without one is an input kubectl reads.
/// </summary>
public class KubernetesYamlFidelityTests
{
    private const string Head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";

    public static TheoryData<string, int, int> Refused() => new()
    {
        // Tabs where go-yaml's scanner allows no white space but spaces (scannerc.go,
        // yaml_parser_scan_to_next_token: "found character that cannot start any token").
        { Head + "---\n\tdata: {}\n", 6, 1 },             // a tab at the start of the line after ---
        { "\t# comment\n" + Head, 1, 1 },                 // a tab before a comment on line 1
        { "- \ta\n", 1, 3 },                              // a tab after '- '
        { "a: 'b'\n\tc: d\n", 2, 1 },                     // a tab opening a line after a quoted value
        // A part that starts with '...' (decoder.go cuts at ---; go-yaml: "did not find expected node content").
        { Head + "---\n...\n---\n" + Head, 6, 1 },
        { "...\n" + Head, 1, 1 },
        // Anchor names are letters, digits, '-' and '_' (scannerc.go, yaml_parser_scan_anchor).
        { Head + "data:\n  x: &a.b c\n", 6, 8 },          // "did not find expected alphabetic or numeric character"
        { "spec:\n  containers:\n  - &name:nginx\n    image: nginx\n", 4, 10 }, // name ends at ':', ":nginx image" is a multi-line key
        // A line that starts with --- must be a separator (decoder.go: "invalid Yaml document separator").
        { Head + "--- {a: b}\n", 5, 4 },
        { Head + "-----BEGIN-----\n", 5, 4 },
        // Characters go-yaml's reader refuses (readerc.go: "control characters are not allowed").
        { Head + "data:\n  x: \"a\u0001b\"\n", 6, 8 },
        { Head + "data:\n  x: a\u007Fb\n", 6, 7 },
        { Head + "data:\n  x: \"a\u009Fb\"\n", 6, 8 },
        { Head + "data:\n  x: \"a\uFFFEb\"\n", 6, 8 },
        { Head + "data:\n  x: \"a\0b\"\n", 6, 8 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_IsAPositionedSyntaxError(string text, int line, int column)
    {
        var result = YamlStreamReader.Read(text);
        var problem = Assert.Single(result.Problems, p => p.Fatal);
        Assert.Equal(YamlProblemKind.Syntax, problem.Kind);
        Assert.Equal(new SourcePosition(line, column), problem.Position);
    }

    public static TheoryData<string> Accepted() => new()
    {
        // Tabs that go-yaml skips: after a simple key's ':', after a value, in flow context.
        "a:\tb\n",
        "a: b \t# comment\n",
        "a: [\tb]\n",
        "a: b\t\n",
        Head + "--- \t# a comment after the separator\n" + Head,
        // go-yaml does not check the indentation of a double-quoted scalar's continuation lines.
        Head + "data:\n  x: \"a\nb\"\n",
        Head + "data:\n  x: \"a\u0085b\"\n",
        // An anchor that ends at ':' before a plain value: the value is ":b".
        Head + "data:\n  x: &a:b\n",
        // Empty parts and a part holding only a comment are no documents at all.
        Head + "---\n# only a comment\n---\n\n---\n" + Head,
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_ReadsWithoutAnError(string text)
    {
        var result = YamlStreamReader.Read(text);
        Assert.DoesNotContain(result.Problems, p => p.Fatal);
    }

    [Fact]
    public void AnchorEndingAtColon_ReadsTheValueAsKubernetesDoes()
    {
        var result = YamlStreamReader.Read("x: &a:b\nz: *a\n");
        Assert.Empty(result.Problems);
        var root = (YMapping)result.Documents[0].Root!;
        Assert.Equal(":b", ((YScalar)root["x"]!).Text);
        Assert.Equal(":b", ((YScalar)root["z"]!).Text);
        Assert.Equal(new SourcePosition(1, 4), root["x"]!.Start);
    }

    [Fact]
    public void QuotedContinuation_KeepsItsValue_AndLaterPositions()
    {
        var result = YamlStreamReader.Read("a:\n  x: \"one\ntwo\"\n  z: 1\n");
        Assert.Empty(result.Problems);
        var a = (YMapping)((YMapping)result.Documents[0].Root!)["a"]!;
        Assert.Equal("one two", ((YScalar)a["x"]!).Text);
        Assert.Equal(new SourcePosition(4, 3), a.GetEntry("z")!.Value.Key.Start);
    }

    // An alias bomb is one finding and one document (it was once reported twice and counted twice).
    [Fact]
    public void AliasBomb_InALaterDocument_IsOneProblemAndOneDocument()
    {
        var text = Head + "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
        var previous = "a";
        for (var i = 0; i < 8; i++)
        {
            text += $"l{i}: &l{i} [" + string.Join(", ", Enumerable.Repeat("*" + previous, 10)) + "]\n";
            previous = "l" + i;
        }

        var result = new ManifestLoader().LoadText("bomb.yaml", text + "---\n" + Head);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("excessive aliasing", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Documents);
        Assert.Equal(2, result.Manifests.Count);
    }

    // go-yaml's "exceeded max depth of 10000", and the JSON decoder's 10,000 levels after it:
    // 9,998 lists under metadata.x are read by kubectl, 9,999 are refused.
    [Theory]
    [InlineData(9998, YamlProblemKind.NestingLimit)]
    [InlineData(9999, YamlProblemKind.Syntax)]
    public void DeepNesting_IsTheLimitItReaches(int lists, YamlProblemKind kind)
    {
        var text = Head + "  x: " + new string('[', lists) + new string(']', lists) + "\n---\n" + Head;
        var result = new ManifestLoader().LoadText("deep.yaml", text);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(kind == YamlProblemKind.Syntax ? InputProblemKind.Syntax : InputProblemKind.NestingLimit, problem.Kind);
        Assert.Equal(new SourcePosition(5, 6 + 498), problem.Position); // the 501st level
        Assert.Equal(2, result.Documents);
        Assert.Single(result.Manifests);
    }

    [Fact]
    public void FiveHundredLevels_AreRead_FiveHundredAndOneAreNot()
    {
        // root mapping, metadata, x: then lists; 500 levels in all, then 501.
        Assert.Empty(YamlStreamReader.Read(Head + "  x: " + new string('[', 498) + new string(']', 498) + "\n").Problems);
        Assert.Single(YamlStreamReader.Read(Head + "  x: " + new string('[', 499) + new string(']', 499) + "\n").Problems);
    }

    // Kubernetes (Go) reads invalid UTF-8 as U+FFFD and loses no document; so does KubePlan, with a warning.
    [Fact]
    public void InvalidUtf8_IsAWarningAtTheByte_AndEveryDocumentIsRead()
    {
        var bytes = Encoding.UTF8.GetBytes(Head + "data:\n  x: \"a").Concat(new byte[] { 0xFF, 0xFE })
            .Concat(Encoding.UTF8.GetBytes("b\"\n  z: \"c")).Concat(new byte[] { 0xE2, 0x82 })
            .Concat(Encoding.UTF8.GetBytes("d\"\n---\n" + Head.Replace("name: a", "name: b", StringComparison.Ordinal))).ToArray();
        var result = new ManifestLoader().LoadBytes("bad.yaml", bytes);
        Assert.Equal(2, result.Documents);
        Assert.Equal(2, result.Manifests.Count);
        Assert.All(result.Problems, p => Assert.Equal(InputProblemKind.Encoding, p.Kind));
        Assert.Equal([new SourcePosition(6, 8), new SourcePosition(7, 8)], result.Problems.Select(p => p.Position));
        // kubectl shows the same replacement: FF FE gives two U+FFFD, a cut-off E2 82 gives one.
        var data = (YMapping)result.Manifests[0].Root["data"]!;
        Assert.Equal("a\uFFFD\uFFFDb", ((YScalar)data["x"]!).Text);
        Assert.Equal("c\uFFFDd", ((YScalar)data["z"]!).Text);
    }

    [Fact]
    public void ManyInvalidBytes_AreCappedWithACount()
    {
        var line = Encoding.UTF8.GetBytes("# ").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\n"));
        var bytes = Enumerable.Repeat(line, 25).SelectMany(b => b).Concat(Encoding.UTF8.GetBytes(Head)).ToArray();
        var result = new ManifestLoader().LoadBytes("latin1.yaml", bytes);
        Assert.Equal(ManifestLoader.MaxEncodingWarnings, result.Problems.Count);
        Assert.Contains("16 runs", result.Problems[^1].Message, StringComparison.Ordinal);
        Assert.Single(result.Manifests);
    }

    // A stray control character costs its own document only.
    [Fact]
    public void ControlCharacter_CostsOnlyItsDocument()
    {
        var result = new ManifestLoader().LoadText("c.yaml", Head + "data:\n  x: \"\u001b[0m\"\n---\n" + Head);
        Assert.Single(result.Problems);
        Assert.Equal(2, result.Documents);
        Assert.Single(result.Manifests);
    }
}
