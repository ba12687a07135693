using System.Text;
using KubePlan.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// <see cref="YamlEventParser"/> stands in for YamlDotNet's <see cref="Parser"/>: on every input it must
/// give the same events (kind, marks, anchor, tag, value, style, implicitness) and fail with the same
/// exception (type, message, marks) after the same events. Compared on every YAML file of the
/// repository, on hand-written edge cases (directives, flow collections, explicit keys, anchors
/// and tags in every place), and on deterministic mutations of both.
/// </summary>
public class YamlEventParserTests
{
    public static TheoryData<string> EdgeCases() =>
    [
        "",
        "# only a comment\n",
        "a: 1\n",
        "--- \n...\n--- a\n...\n",
        "%YAML 1.1\n---\na: b\n",
        "%YAML 1.2\n%YAML 1.2\n---\na\n",
        "%YAML 2.0\n---\na\n",
        "%TAG !e! tag:example.com,2000:\n---\n!e!foo bar\n",
        "%TAG !e! tag:example.com,2000:\n%TAG !e! tag:other\n---\na\n",
        "!e!foo bar\n",
        "a: !!str 1\nb: !!int '2'\nc: !local x\nd: ! y\ne: !<tag:yaml.org,2002:str> z\n",
        "&a x: &b y\n*a : *b\n",
        "a: &anchor\n  b: c\nd: *anchor\ne:\n  <<: *anchor\n",
        "a: &x !!str\nb: !!str &y\nc: &z\n",
        "&a &b x\n",
        "!!str !!int x\n",
        "a: [1, 2, {b: c}, [d, e], f: g, ? h : i]\n",
        "{a: 1, b: [2, 3], ? c : d, e, : f}\n",
        "{a: 1 b: 2}\n",
        "[a, b\n",
        "{a: b\n",
        "[a, b]]\n",
        "{a: b}}\n",
        "{\"a\":1, \"b\":2}\n",
        "[a, *x]\n",
        "? a\n: b\n? c\n? - d\n  - e\n: - f\n",
        "? |\n  block\n: >\n  folded\n  text\n",
        "- a\n- - b\n  - c\n- d: e\n  f: g\n-\n- ",
        "a:\n- b\n- c\nd: e\n",
        "a:\n  - b\n  -\n  - c: d\n",
        "key: \"double \\\" quoted\"\nother: 'single '' quoted'\n",
        "a: |\n  literal\n   more\nb: >-\n  folded\n\nc: |+\n  keep\n\n",
        "a: b: c\n",
        "a:\n  b\n c\n",
        "- a\nb: c\n",
        "a: 1\n- b\n",
        "  a: 1\nb: 2\n",
        "a: 'unclosed\n",
        "a: \"unclosed\n",
        "a: @b\n",
        "a: `b\n",
        "a: *\n",
        "a: &\n",
        "*a\n",
        "&a\n",
        "!\n",
        "a: b\n...\nc: d\n",
        "a: b\n---\nc: d\n--- e\n",
        "- [a, b]: c\n",
        "[a: b, c: d]\n",
        "[? a : b]\n",
        "{? a}\n",
        "{a, b: c}\n",
        "a: {b: c, d: [e, f]}\ng: h\n",
        "\ta: b\n",
        "a:\n\tb: c\n",
        ": a\n",
        "- : a\n",
        "a: - b\n",
        "a: b #comment\n#c\nc: d # e\n",
        "%FOO bar\n---\na\n",
        "---\n%YAML 1.2\n---\na\n",
        "a: [b, c]d\n",
        "a: {b: c}d\n",
        "[a]: b\n",
        "{a: b}: c\n",
        "a: !!binary aGVsbG8=\n",
        "- &a\n- *a\n- &b [1]\n- *b\n",
        "a:\n  &x b: c\n",
        "? &x a\n: &y b\n",
        "'a': b\n\"c\": d\n",
        "a: 'b'c\n",
        "a: \"b\"c\n",
        "a: \"b\" # c\n",
        "[a, 'b', \"c\", &d e, !f g, *d]\n",
        "{a: &b, c: !d}\n",
        "{&a : b}\n",
        "[&a ]\n",
        "[!a ]\n",
        "a: [\n  b,\n  c\n]\n",
        "a: {\n  b: c,\n}\n",
        "- - - a\n    - b\n  - c\n",
        "a:\n  b:\n    c:\n      d: e\n  f: g\nh: i\n",
    ];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void GivesTheSameEventsAsYamlDotNetsParser_OnEdgeCases(string yaml)
    {
        AssertSameEvents(yaml);
        foreach (var mutant in Mutants(yaml, seed: yaml.Length, count: 40))
        {
            AssertSameEvents(mutant);
        }
    }

    [Fact]
    public void GivesTheSameEventsAsYamlDotNetsParser_OnEveryYamlFileOfTheRepository()
    {
        var root = Core.Tests.Rules.RuleHarness.RepoRoot;
        var files = new[] { "tests", "examples", "rules", "docs", "schemas" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100, $"expected the repository's YAML files, found {files.Count}");
        var compared = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (text.Length > 200_000)
            {
                continue;
            }

            // Markdown files hold YAML examples in fenced blocks; each block is an input of its own.
            foreach (var yaml in file.EndsWith(".md", StringComparison.Ordinal) ? FencedYaml(text) : [text])
            {
                AssertSameEvents(yaml, file);
                foreach (var mutant in Mutants(yaml, seed: compared, count: 6))
                {
                    AssertSameEvents(mutant, file);
                }

                compared++;
            }
        }

        Assert.True(compared > 100);
    }

    private static IEnumerable<string> FencedYaml(string markdown)
    {
        var at = 0;
        while ((at = markdown.IndexOf("```yaml\n", at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + "```yaml\n".Length;
            var end = markdown.IndexOf("```", start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            yield return markdown[start..end];
            at = end + 3;
        }
    }

    /// <summary>Characters that steer YAML's grammar, inserted or swapped in at random offsets.</summary>
    private const string Steering = ":-?[]{},#&*!|>'\"%@` \t\n";

    private static IEnumerable<string> Mutants(string yaml, int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var at = yaml.Length == 0 ? 0 : random.Next(yaml.Length);
            var c = Steering[random.Next(Steering.Length)];
            yield return (i % 4) switch
            {
                0 => yaml.Insert(at, c.ToString()),
                1 when yaml.Length > 0 => yaml.Remove(at, 1),
                2 when yaml.Length > 0 => string.Concat(yaml.AsSpan(0, at), c.ToString(), yaml.AsSpan(at + 1)),
                _ => yaml[..at],
            };
        }
    }

    private static void AssertSameEvents(string yaml, string? file = null)
    {
        // KubePlan reads without comments; with them, comment events are queued around the others.
        foreach (var skipComments in new[] { true, false })
        {
            var expected = Trace(new Parser(new KubectlTagScanner(new Scanner(new StringReader(yaml), skipComments))));
            var actual = Trace(new YamlEventParser(new KubectlTagScanner(new Scanner(new StringReader(yaml), skipComments))));
            if (expected != actual)
            {
                Assert.Fail($"{file ?? "input"} (skipComments: {skipComments}):\n---- input\n{yaml}\n---- YamlDotNet\n{expected}\n---- YamlEventParser\n{actual}");
            }
        }
    }

    /// <summary>Every event up to the end or the first exception, one line each.</summary>
    private static string Trace(IParser parser)
    {
        var trace = new StringBuilder();
        try
        {
            for (var i = 0; i < 100_000 && parser.MoveNext(); i++)
            {
                trace.AppendLine(Describe(parser.Current!));
            }
        }
        catch (Exception e)
        {
            trace.Append(e.GetType().FullName).Append(": ").AppendLine(e.Message);
            if (e is YamlException y)
            {
                trace.Append(y.Start).Append(" - ").Append(y.End).AppendLine();
            }
        }

        return trace.ToString();
    }

    private static string Describe(ParsingEvent e)
    {
        var text = $"{e.GetType().Name} {e.Start} - {e.End}";
        if (e is NodeEvent node)
        {
            text += $" anchor={node.Anchor} tag={node.Tag}";
        }

        return e switch
        {
            Scalar s => $"{text} value=[{s.Value}] style={s.Style} plain={s.IsPlainImplicit} quoted={s.IsQuotedImplicit}",
            MappingStart m => $"{text} implicit={m.IsImplicit} style={m.Style}",
            SequenceStart q => $"{text} implicit={q.IsImplicit} style={q.Style}",
            DocumentStart d => $"{text} implicit={d.IsImplicit} version={d.Version?.Version.Major}.{d.Version?.Version.Minor} tags={string.Join(",", d.Tags?.Select(t => t.Handle + "=" + t.Prefix) ?? [])}",
            DocumentEnd d => $"{text} implicit={d.IsImplicit}",
            Comment c => $"{text} [{c.Value}] inline={c.IsInline}",
            _ => text,
        };
    }
}
