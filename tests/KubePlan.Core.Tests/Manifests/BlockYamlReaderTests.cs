using System.Text;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// BlockYamlReader must give the trees, positions and problems that reading with YamlDotNet gives, wherever it reads a
/// part at all: every YAML file of the repository, and rows at the edges of what it reads, are read both ways and compared.
/// </summary>
public class BlockYamlReaderTests
{
    public static TheoryData<string> RepositoryFiles()
    {
        var root = RepositoryRoot();
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "examples", "tests", "rules", "docs", "fuzz" })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositoryFiles))]
    public void RepositoryFile_ReadsAsWithYamlDotNet(string path)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), path));
        Assert.Equal(Dump(ReadWithYamlDotNet(text)), Dump(YamlStreamReader.Read(text)));
    }

    /// <summary>
    /// A line of only spaces inside a literal block, more of them than its indentation, is a content line of spaces (YAML
    /// 1.1's l-nb-literal-text; go-yaml's yaml_parser_scan_block_scalar_breaks stops eating spaces at the indentation),
    /// also in a part that YamlDotNet reads only after emptying the blank first lines of a block scalar. Checked with
    /// kubectl label --local -f FILE k=v -o json (kubectl 1.32): k is "\nx\n  \ny\n" and j is "x\n  \n".
    /// </summary>
    [Fact]
    public void WhitespaceLineInLiteral_KeepsItsSpacesAsKubernetesDoes()
    {
        const string text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: |\n    \n    x\n      \n    y\n  j: |\n    x\n      \n";
        foreach (var result in new[] { YamlStreamReader.Read(text), ReadWithYamlDotNet(text) })
        {
            var data = (YMapping)((YMapping)result.Documents[0].Root!)["data"]!;
            Assert.Equal("\nx\n  \ny\n", data.GetString("k"));
            Assert.Equal("x\n  \n", data.GetString("j"));
        }
    }

    public static TheoryData<string> Edges() => new()
    {
        // Keys and plain values.
        "a: b\n",
        "a: b",
        "a:   b   \n",
        "a: b # comment\n",
        "a: b#c\n",
        "a: http://x:80/y\n",
        "a: -1\n",
        "a: --flag=x\n",
        "a/b.c_d-e: f\n",
        "a b: c d\n",
        "'a': b\n",
        "\"a\": b\n",
        "'a' : b\n",
        "a : b\n",
        "a: 'it''s'\n",
        "a: ''\n",
        "a: \"\"\n",
        "a: \"x: y\"\n",
        "a: 'x # y'\n",
        "a: 'b' # c\n",
        "a: null\n",
        "a: ~\n",
        "a: true\n",
        "a: 0x1F\n",
        "a: 1.5e3\n",
        "a: 2001-12-14\n",
        "a: [] # none\n",
        "a: {}\n",
        "a: []\nb: {}\n",
        "a: b\na: c\n",
        "on: yes\n",
        "<<: b\n",
        // Escapes in double quotes.
        "a: \"b\\nc\\td\\\\e\\\"f\"\n",
        "a: \"\\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P\"\n",
        "a: \"\\x41\\u00e9\\U0001F600\"\n",
        "\"a\\nb\": c\n",
        "- \"\\\\.[0-9]+$\"\n",
        "a: \"\\'\"\n",
        "a: \"\\/\"\n",
        "a: \"\\q\"\n",
        "a: \"\\x4\"\n",
        "a: \"\\uD800\"\n",
        "a: \"\\U00110000\"\n",
        "a: \"b\\\n",
        // Empty values.
        "a:\n",
        "a:\nb:\n",
        "a: # comment\nb: c\n",
        "a:\n  # comment\nb: c\n",
        "a:\n\n\nb: c\n",
        // Nesting.
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "a:\n    b: c\n",
        "a:\n- b\n- c\nd: e\n",
        "a:\n  - b\n  - c\n",
        "a:\n- b: c\n  d: e\n- f: g\n",
        "- a\n- b\n",
        "- a: b\n  c: d\n",
        "-   a: b\n    c: d\n",
        "- \n  a: b\n",
        "-\n  a: b\n",
        "- # c\n  a: b\n",
        "-\n- a\n",
        "- a:\n  - b\n",
        "- a:\n    b: c\n",
        "- []\n- {}\n",
        "- 'a'\n- \"b\"\n",
        "  a: b\n  c: d\n",
        "a:\n  b:\n  - c\n  d: e\n",
        // Literal block scalars.
        "a: |\n  x\n  y\n",
        "a: |-\n  x\n  y\n",
        "a: |\n  x\n\n  y\n\n\nb: c\n",
        "a: |-\n  x\n\n\n",
        "a: |\n  x\n    y\n  z\n",
        "a: |\n    x\n    y\nb: c\n",
        "a: |\n\n  x\n",
        "a: |\n  \n  x\n",
        "a: |\n  x\n  # not a comment\n# a comment\nb: y\n",
        "a: | # comment\n  x\n",
        "a: |\n  x",
        "a: |-\n  x",
        "- |\n  x\n- y\n",
        "- a: |\n    x\n  b: y\n",
        "a: |\n  ü €\n",
        "a: |\n  x\n      \n  y\n",
        "a: |\n  x\n      \nb: y\n",
        "a: |-\n  x\n   \n",
        // What is left to YamlDotNet, or refused: the reading must not change either way.
        "a: b\n  c\n",
        "a: b\n  # c\n  d\n",
        "a: b: c\n",
        "a: b:\n",
        "a:\n  b\n",
        "a: &x b\nc: *x\n",
        "a: !!str 1\n",
        "a: [b, c]\n",
        "a: {b: c}\n",
        "a: >\n  x\n  y\n",
        "a: |+\n  x\n\n",
        "a: |2\n   x\n",
        "a: |\n",
        "a: |\nb: c\n",
        "a: |\n    \n  x\n",
        "a: \"b\\nc\"\n",
        "a: 'b\n  c'\n",
        "a: b\n- c\n",
        "- a\nb: c\n",
        "- - a\n",
        "a:\n  - b\n  c: d\n",
        "a: b\n c: d\n",
        "a: b\n...\n",
        "a: b\n...\nc: d\n",
        "a: b\n\u00a0c: d\n",
        "%YAML 1.1\n---\na: b\n",
        "? a\n: b\n",
        "a: @b\n",
        "a: `b\n",
        "a: b\r\nc: d\r\n",
        "a:\tb\n",
        "a: b\n  \t\n",
        "just a scalar\n",
        "'quoted scalar'\n",
        "# only a comment\n",
        "a: b\nc\n",
        "a:b\n",
        "-a: b\n",
        "a: 'b' c\n",
        "a: [] c\n",
        "a: 'b\n",
        "\"a\"b: c\n",
        "a: b\n\n  c: d\n",
        "a: \u0085b\n",
        "a: b \n   \n",
        new string(' ', 0) + "a:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', 2 * (i + 1)) + "a:\n")),
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_ReadsAsWithYamlDotNet(string text)
    {
        Assert.Equal(Dump(ReadWithYamlDotNet(text)), Dump(YamlStreamReader.Read(text)));
        Assert.Equal(Dump(ReadWithYamlDotNet("x: y\n---\n" + text)), Dump(YamlStreamReader.Read("x: y\n---\n" + text)));
    }

    public static TheoryData<string> Read() => new()
    {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {}\ndata:\n  k: |\n    line\n",
        "- a\n- b: c\n  d: []\n",
        "a:\n- b\n",
    };

    /// <summary>The rows the fast reader is for are read by it (the comparisons above would pass vacuously otherwise).</summary>
    [Theory]
    [MemberData(nameof(Read))]
    public void CommonManifest_IsReadByTheFastReader(string text) =>
        Assert.NotNull(BlockYamlReader.TryRead(text, 0, text.Length, 0, []));

    [Fact]
    public void HelmOutput_IsReadByTheFastReader()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "KubePlan.Core.Tests", "Corpus", "helm-rendered.yaml"));
        var parts = KubectlYaml.Split(text).Where(p => p.Length > 0 && text.AsSpan(p.Offset, p.Length).Trim().Length > 0).ToList();
        var read = parts.Count(p => BlockYamlReader.TryRead(text, p.Offset, p.Length, p.Line, []) is not null);
        Assert.True(read * 10 >= parts.Count * 9, $"{read} of {parts.Count} parts read");
    }

    private static YamlReadResult ReadWithYamlDotNet(string text)
    {
        BlockYamlReader.Disabled.Value = true;
        try
        {
            return YamlStreamReader.Read(text);
        }
        finally
        {
            BlockYamlReader.Disabled.Value = false;
        }
    }

    private static string Dump(YamlReadResult result)
    {
        var text = new StringBuilder();
        text.Append("broken ").Append(result.BrokenDocuments).Append('\n');
        foreach (var problem in result.Problems)
        {
            text.Append("problem ").Append(problem).Append('\n');
        }

        foreach (var document in result.Documents)
        {
            text.Append("document ").Append(document.Index).Append(' ').Append(document.Start).Append('\n');
            if (document.Root is { } root)
            {
                Dump(root, 1, text);
            }
        }

        return text.ToString();
    }

    private static void Dump(YNode node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case YScalar scalar:
                text.Append($"scalar {scalar.Start} {scalar.Kind} plain={scalar.IsPlain} [{scalar.Text}] {scalar.Value}\n");
                break;
            case YSequence sequence:
                text.Append($"sequence {sequence.Start}\n");
                foreach (var item in sequence.Items)
                {
                    Dump(item, depth + 1, text);
                }

                break;
            case YMapping mapping:
                text.Append($"mapping {mapping.Start}\n");
                foreach (var entry in mapping.Entries)
                {
                    text.Append(' ', depth * 2 + 2).Append($"key {entry.KeyStart} plain={entry.Key.IsPlain} {entry.Key.Kind} [{entry.KeyText}]\n");
                    Dump(entry.Value, depth + 2, text);
                }

                break;
        }
    }

    private static string RepositoryRoot() => KubePlan.Core.Tests.Rules.RuleHarness.RepoRoot;
}
