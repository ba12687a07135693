using KubePlan.Manifests;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// Tags as Kubernetes reads them: go-yaml v2 (under sigs.k8s.io/yaml) scans any run of URI
/// characters after '!' as a tag (scannerc.go, yaml_parser_scan_tag), resolves only the tags it
/// knows (resolve.go, resolvableTag: !!str !!bool !!int !!float !!null !!timestamp) and fails the
/// document when the text does not fit one ("cannot decode !!str `abc` as a !!int"), decodes
/// !!binary from base64 (decode.go, scalar), and leaves a scalar under any other tag (local tags,
/// the non-specific '!', !!map or !!seq on a scalar, malformed global tags) a string. Tags on
/// mappings and lists are ignored. Every row was checked with
/// <c>kubectl label --local -f FILE k=v -o json</c> (kubectl 1.32), the value of <c>data.a</c>.
/// </summary>
public class YamlTagTests
{
    public static TheoryData<string, string> Read() => new()
    {
        // Tags yaml.v2 cannot resolve: the text stays a string, whatever it looks like.
        { "!!!!!!!A!!!!] 12", "\"12\"" },       // handle !!, suffix !!!!!A!!!!]: no valid URI, still a tag
        { "!foo 123", "\"123\"" },               // a local tag
        { "! 123", "\"123\"" },                  // the non-specific tag
        { "!foo", "\"\"" },                      // a local tag on an empty value: an empty string, not null
        { "!", "\"\"" },
        { "!<!bar> 7", "\"7\"" },                // verbatim local tag
        { "!<!!int> 5", "\"5\"" },               // verbatim "!!int" is not tag:yaml.org,2002:int
        { "!!map foo", "\"foo\"" },
        { "!!seq 5", "\"5\"" },
        { "!!merge 5", "\"5\"" },
        { "!!set 5", "\"5\"" },
        { "!x,y 1", "\"1\"" },                   // ',' is a URI character
        { "!a%41 5", "\"5\"" },                  // %-escapes in a tag
        { "!a%C3%A9 5", "\"5\"" },
        // In a flow list the comma belongs to the tag too: "!foo," tags the next item.
        { "[!foo, 1]", "[\"1\"]" },
        { "[!x,y, 1]", "[\"1\"]" },
        { "[a, !foo, b]", "[\"a\",\"b\"]" },
        { "[!, 1]", "[\"1\"]" },
        { "[!!, 1]", "[\"1\"]" },
        { "[!!str, 1]", "[\"1\"]" },
        { "[!foo , 1]", "[\"\",1]" },
        // Tags yaml.v2 resolves: the text must fit them.
        { "!!str 123", "\"123\"" },
        { "!!str ~", "\"~\"" },
        { "!!str", "\"\"" },
        { "!<tag:yaml.org,2002:str> 5", "\"5\"" },
        { "!<tag:yaml.org,2002:int> \"5\"", "5" },
        { "!!int \"12\"", "12" },
        { "!!int 0b101", "5" },
        { "!!int 0o17", "15" },
        { "!!int \"0777\"", "511" },
        { "!!int 1_000", "1000" },
        { "!!int &a \"7\"", "7" },
        { "&a !!int 5", "5" },
        { "!!float 1", "1.0" },                  // kubectl prints the float 1.0 as 1
        { "!!float 0x10", "16.0" },
        { "!!float 1e3", "1000.0" },
        { "!!bool yes", "true" },
        { "!!bool \"on\"", "true" },
        { "!!null \"\"", "null" },
        { "!!null", "null" },
        // !!binary is base64, decoded; Go skips only line breaks in it.
        { "!!binary aGVsbG8=", "\"hello\"" },
        { "!!binary \"\"", "\"\"" },
        { "!!binary |\n    aGVs\n    bG8=", "\"hello\"" },
        { "!!binary /w==", "\"\uFFFD\"" },       // not UTF-8: JSON gets U+FFFD
        // Tags on mappings and lists are not checked.
        { "!!str {b: 1}", "{\"b\":1}" },
        { "!!int [1]", "[1]" },
        { "!foo {b: 1}", "{\"b\":1}" },
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void Tagged_IsReadAsKubernetesReadsIt(string value, string json)
    {
        var result = YamlStreamReader.Read("a: " + value + "\n");
        Assert.Empty(result.Problems);
        var root = Assert.Single(result.Documents).Root!;
        Assert.Equal("{\"a\":" + json + "}", YamlJson.ToJToken(root).ToString(Formatting.None));
    }

    public static TheoryData<string, int, string> Refused() => new()
    {
        // resolve.go: the text does not fit a tag yaml.v2 resolves (the document is refused).
        { "!!int \"abc\"", 4, "cannot decode !!str `abc` as a !!int" },
        { "!!int 1.5", 4, "cannot decode !!float `1.5` as a !!int" },
        { "!!int 2001-02-03", 4, "cannot decode !!str `2001-02-03` as a !!int" },
        { "!!int", 4, "cannot decode !!null `` as a !!int" },
        { "!!int ~", 4, "cannot decode !!null `~` as a !!int" },
        { "!!float 18446744073709551615", 4, "cannot decode !!int `18446744073709551615` as a !!float" },
        { "!!bool \"abc\"", 4, "cannot decode !!str `abc` as a !!bool" },
        { "!!bool", 4, "cannot decode !!null `` as a !!bool" },
        { "!!null x", 4, "cannot decode !!str `x` as a !!null" },
        { "!!timestamp foo", 4, "cannot decode !!str `foo` as a !!timestamp" },
        // decode.go: !!binary that is not base64.
        { "!!binary not*base64", 4, "!!binary value contains invalid base64 data" },
        { "!!binary aGVsbG8", 4, "!!binary value contains invalid base64 data" },
        { "!!binary \"aGVs bG8=\"", 4, "!!binary value contains invalid base64 data" },
        // scannerc.go: a handle with no suffix, an empty verbatim tag ("did not find expected tag URI").
        { "!! 5", 4, "tag URI" },
        { "!<> 5", 4, "tag URI" },
        { "!e! 5", 4, "tag URI" },
        // scannerc.go: the character after a tag must be white space or a line break.
        { "!x{ 1", 6, "whitespace" },             // at the character after the tag,
        { "!x\"a\" 1", 6, "whitespace" },
        { "!<a>b 1", 8, "whitespace" },
        { "!<x 5", 7, "'>'" },
        { "!a%zz 5", 6, "URI escaped octet" },
        { "!a%FF 5", 6, "UTF-8 octet" },
        // The comma is part of the tag: what follows it is no longer a list item or mapping entry
        // (found where the collection should have closed: the end of the document).
        { "[!foo,]", 0, "" },
        { "{b: !x, c: 1}", 0, "" },
        { "{b: !x,}", 0, "" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refused_IsASyntaxErrorOfItsDocumentOnly(string value, int column, string message)
    {
        var text = "a: " + value + "\n---\nb: 2\n";
        var result = YamlStreamReader.Read(text);
        var problem = Assert.Single(result.Problems, p => p.Fatal);
        Assert.True(result.Problems.Count == 1, string.Join("; ", result.Problems));
        Assert.True(problem.Fatal);
        Assert.Equal(YamlProblemKind.Syntax, problem.Kind);
        if (column > 0)
        {
            Assert.Equal(new SourcePosition(1, column), problem.Position);
        }

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.BrokenDocuments);
        Assert.Single(result.Documents);
    }

    [Theory]
    // decode.go, isMerge: "<<" merges when untagged and plain, under the non-specific tag '!', or
    // tagged !!merge; a quoted "<<" is an ordinary key.
    [InlineData("<<", "{\"a\":1,\"b\":2}")]
    [InlineData("!!merge <<", "{\"a\":1,\"b\":2}")]
    [InlineData("! <<", "{\"a\":1,\"b\":2}")]
    [InlineData("! \"<<\"", "{\"a\":1,\"b\":2}")]
    [InlineData("\"<<\"", "{\"<<\":{\"a\":1},\"b\":2}")]
    public void MergeKey_FollowsItsTag(string key, string json)
    {
        var result = YamlStreamReader.Read("x: &A {a: 1}\nv:\n  " + key + ": *A\n  b: 2\n");
        Assert.Empty(result.Problems);
        var root = (YMapping)Assert.Single(result.Documents).Root!;
        Assert.True(JToken.DeepEquals(JToken.Parse(json), YamlJson.ToJToken(root["v"]!)), YamlJson.ToJToken(root["v"]!).ToString(Formatting.None));
    }
}
