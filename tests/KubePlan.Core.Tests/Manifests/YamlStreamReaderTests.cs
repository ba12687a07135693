using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

public class YamlStreamReaderTests
{
    [Fact]
    public void Positions_AreOneBased_AndPointAtNodes()
    {
        var result = YamlStreamReader.Read("a: 1\nb:\n  c: x\n");
        var root = Assert.IsType<YMapping>(result.Documents[0].Root);
        var c = ((YMapping)root["b"]!).GetEntry("c")!.Value;
        Assert.Equal(new SourcePosition(3, 3), c.Key.Start);
        Assert.Equal(new SourcePosition(3, 6), c.Value.Start);
    }

    [Fact]
    public void DuplicateKey_IsAProblem_AndTheLastValueWins()
    {
        var result = YamlStreamReader.Read("a: 1\na: 2\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Position.Line);
        Assert.False(problem.Fatal);
        Assert.Equal(2L, ((YScalar)((YMapping)result.Documents[0].Root!)["a"]!).Value);
    }

    // yaml.v2 merge keys: explicit keys win over merged ones wherever they stand.
    [Fact]
    public void MergeKeys_ExplicitKeysWin()
    {
        var result = YamlStreamReader.Read("base: &b {x: 1, q: 2}\nobj:\n  x: 9\n  <<: *b\n");
        var obj = (YMapping)((YMapping)result.Documents[0].Root!)["obj"]!;
        Assert.Equal(9L, ((YScalar)obj["x"]!).Value);
        Assert.Equal(2L, ((YScalar)obj["q"]!).Value);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void BillionLaughs_IsReported_NotExpanded()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        var previous = "a";
        for (var i = 0; i < 8; i++)
        {
            var name = "l" + i;
            text += $"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
            previous = name;
        }

        var result = YamlStreamReader.Read(text);
        Assert.Empty(result.Documents);
        Assert.Contains("excessive aliasing", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_CostsOnlyItsDocument()
    {
        var result = YamlStreamReader.Read("a: 1\n---\nb: {c\n---\nd: 2\n");
        Assert.Equal(2, result.Documents.Count);
        Assert.Equal(1, result.BrokenDocuments);
    }

    // Helm renders literal block scalars whose first line holds only spaces; yaml.v2 accepts them.
    [Fact]
    public void BlockScalar_WithWhitespaceOnlyFirstLine_Parses()
    {
        var result = YamlStreamReader.Read("script: |\n    \n  echo hi\nnext: 1\n");
        Assert.Empty(result.Problems);
        Assert.Equal(2, ((YMapping)result.Documents[0].Root!).Count);
    }

    // yaml.v2/v3 (and so kubectl) read \' in a double-quoted scalar as an apostrophe.
    [Fact]
    public void EscapedApostrophe_InDoubleQuotes_IsAnApostrophe()
    {
        var result = YamlStreamReader.Read("cmd: [\"echo \\\"A=\\'x\\'\\\" > f\"]\nnext: \"it\\'s\"\nplain: a\\'b\n");
        Assert.Empty(result.Problems);
        var root = (YMapping)result.Documents[0].Root!;
        Assert.Equal("echo \"A='x'\" > f", ((YScalar)((YSequence)root["cmd"]!).Items[0]).Value);
        Assert.Equal("it's", ((YScalar)root["next"]!).Value);
        Assert.Equal("a\\'b", ((YScalar)root["plain"]!).Value);
        Assert.Equal(new SourcePosition(2, 7), root["next"]!.Start);
    }

    // Any other unknown escape is still an error, reported where it stands.
    [Fact]
    public void UnknownEscape_AfterAnApostropheEscape_IsReportedAtItself()
    {
        var result = YamlStreamReader.Read("a: \"it\\'s \\q\"\n");
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Fatal);
        Assert.Equal(new SourcePosition(1, 11), problem.Position);
    }

    [Fact]
    public void DeepNesting_IsNotAnalysed_NotAStackOverflow()
    {
        var text = new string('[', 5000) + new string(']', 5000);
        var result = YamlStreamReader.Read(text);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(YamlProblemKind.NestingLimit, problem.Kind);
        Assert.Contains("nests deeper", problem.Message, StringComparison.Ordinal);
    }
}
