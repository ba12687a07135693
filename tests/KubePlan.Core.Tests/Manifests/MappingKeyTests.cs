using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// A mapping holds a string key inline, as its text and position, and the readers share one string
/// per key text; these pin that nothing of the key is lost and that keys still tell places apart.
/// </summary>
public sealed class MappingKeyTests
{
    private static YMapping Root(YamlReadResult result) => Assert.IsType<YMapping>(result.Documents[0].Root);

    [Theory]
    // Text, style and position of a string key survive; the scalar is made again when asked for.
    [InlineData("name: x\n", "name", true, 1, 1)]
    [InlineData("\"quoted\": x\n", "quoted", false, 1, 1)]
    [InlineData("a: {'single': x}\n", "single", false, 1, 5)]
    [InlineData("a:\n  ? |\n    block\n  : x\n", "block\n", false, 2, 5)]
    public void A_string_key_keeps_its_text_style_and_position(string yaml, string key, bool plain, int line, int column)
    {
        var root = Root(YamlStreamReader.Read(yaml));
        var entry = root.GetEntry(key) ?? ((YMapping)root["a"]!).GetEntry(key)!.Value;
        Assert.True(entry.KeyIsString);
        Assert.Equal(key, entry.KeyText);
        Assert.Equal(new SourcePosition(line, column), entry.KeyStart);
        Assert.Equal(ScalarKind.String, entry.Key.Kind);
        Assert.Equal(key, entry.Key.Text);
        Assert.Equal(plain, entry.Key.IsPlain);
        Assert.Equal(entry.KeyStart, entry.Key.Start);
    }

    /// <summary>Each duplicate names where its own key was first defined, also when a mapping repeats two keys (sigs.k8s.io/yaml refuses both).</summary>
    [Fact]
    public void Every_duplicate_key_names_its_own_first_definition()
    {
        var problems = YamlStreamReader.Read("x: 1\nz: 2\nx: 3\nz: 4\nx: 5\n").Problems.Select(p => (p.Position.Line, p.Message)).ToList();

        Assert.Equal(
            [
                (3, "duplicate key \"x\" (first defined at line 1)"),
                (4, "duplicate key \"z\" (first defined at line 2)"),
                (5, "duplicate key \"x\" (first defined at line 1)"),
            ],
            problems);
    }

    [Theory]
    // Other keys keep their scalar: their JSON text is what sigs.k8s.io/yaml makes of them.
    [InlineData("1: x\n", ScalarKind.Int, "1")]
    [InlineData("0x10: x\n", ScalarKind.Int, "16")]
    [InlineData("yes: x\n", ScalarKind.Bool, "true")]
    [InlineData("1.5: x\n", ScalarKind.Float, "1.5")]
    public void A_key_of_another_kind_keeps_its_scalar(string yaml, ScalarKind kind, string keyText)
    {
        var entry = Assert.Single(Root(YamlStreamReader.Read(yaml)).Entries);
        Assert.False(entry.KeyIsString);
        Assert.Equal(kind, entry.Key.Kind);
        Assert.Equal(keyText, entry.KeyText);
        Assert.Same(entry.Key, entry.Key);
    }

    [Fact]
    public void A_json_key_is_a_quoted_string_key()
    {
        var entry = Root(JsonStreamReader.Read("{\"kind\": \"Pod\", \"a\\u0062\": 1}")).GetEntry("ab")!.Value;
        Assert.True(entry.KeyIsString);
        Assert.False(entry.Key.IsPlain);
        Assert.Equal(new SourcePosition(1, 17), entry.KeyStart);
    }

    [Fact]
    public void Readers_share_one_string_per_key_text()
    {
        var yaml = Root(YamlStreamReader.Read("metadata:\n  labels: {app: web}\n"));
        var json = Root(JsonStreamReader.Read("{\"metadata\": {\"labels\": {\"app\": \"db\"}}}"));
        Assert.Same(yaml.Entries[0].KeyText, json.Entries[0].KeyText);
        var yamlLabels = (YMapping)((YMapping)yaml["metadata"]!)["labels"]!;
        var jsonLabels = (YMapping)((YMapping)json["metadata"]!)["labels"]!;
        Assert.Same(yamlLabels.Entries[0].KeyText, jsonLabels.Entries[0].KeyText);
    }

    [Fact]
    public void The_yaml_reader_shares_short_values_across_reads()
    {
        var first = (YScalar)Root(YamlStreamReader.Read("app: web-frontend\n"))["app"]!;
        var second = (YScalar)Root(YamlStreamReader.Read("name: web-frontend\n"))["name"]!;
        Assert.Same(first.Text, second.Text);
    }

    [Fact]
    public void Entries_are_equal_when_they_hold_the_same_key_at_the_same_place_and_the_same_value()
    {
        var root = Root(YamlStreamReader.Read("a: &v x\nb: *v\n"));
        var (a, b) = (root.Entries[0], root.Entries[1]);
        Assert.Same(a.Value, b.Value);
        Assert.Equal(a, root.GetEntry("a"));
        Assert.NotEqual(a, b);
        Assert.Equal(a, a with { Key = a.Key });
        Assert.NotEqual(a, a with { Key = b.Key });
        Assert.Equal(b.KeyText, b.WithValue(a.Value).KeyText);
    }

    [Fact]
    public void Located_values_at_one_node_differ_by_their_key()
    {
        // An alias puts one node under two keys: the key tells the two places apart even at one pointer.
        var root = Root(YamlStreamReader.Read("a: &v {x: 1}\nb: *v\n"));
        var located = new Located(root, string.Empty, null);
        var a = located.Get("a")!.Value with { Pointer = "/p" };
        var b = located.Get("b")!.Value with { Pointer = "/p" };
        Assert.Same(a.Node, b.Node);
        Assert.NotEqual(a, b);
        Assert.Equal(a, located.Get("a")!.Value with { Pointer = "/p" });
        Assert.Equal("a", a.KeyText);
        Assert.True(a.HasKey);
        Assert.Equal(new SourcePosition(2, 1), b.KeyPosition);
        Assert.False(located.HasKey);
        Assert.Null(located.KeyText);

        // As navigation made them, and with the key given as a scalar: the same place either way.
        var stepped = located.Get("b")!.Value;
        Assert.Equal(stepped, located.Entries().Last());
        Assert.Equal(new SourcePosition(2, 1), stepped.KeyPosition);
        Assert.Equal("b", stepped.KeyText);
        Assert.Equal(stepped, new Located(stepped.Node, "/b", stepped.Key));
        Assert.NotEqual(stepped, new Located(stepped.Node, "/b", located.Get("a")!.Value.Key));
        Assert.Equal(stepped with { Pointer = "/q" }, b with { Pointer = "/q" });
    }
}
