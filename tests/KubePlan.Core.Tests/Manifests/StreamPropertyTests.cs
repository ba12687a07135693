using System.Text;
using FsCheck;
using FsCheck.Xunit;
using KubePlan.Core.Tests.Rules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// Nothing is lost on damaged input (issue 15): multi-document streams are built from real
/// single-document files (examples/ and the rule fixtures) joined with <c>---</c> lines, then damaged,
/// and loaded and linted whole. For every case no exception escapes, the findings come out in
/// <see cref="Diagnostic.Order"/>, and every document is accounted for in <c>summary.documents</c>:
/// damage confined inside one document (characters deleted or inserted, a tab, an invalid UTF-8 byte,
/// a duplicated key line) never changes the count, since a broken document still counts as one; a
/// stray <c>---</c> or <c>...</c> line adds at most one part; a truncated stream counts exactly the
/// documents before the cut plus the cut one if anything but comments and blanks is left of it.
/// A fixed replay seed keeps the cases the same on every run.
/// </summary>
public class StreamPropertyTests
{
    /// <summary>Each text reads alone as exactly one document without a problem, and has no marker-like line to damage into a separator.</summary>
    private static readonly string[] Pool = BuildPool();

    // Inserted characters: YAML indicators, white space and letters; no '-' or '.', so no insertion
    // inside a document can form a '---' or '...' marker line.
    private const string Alphabet = "ab: \t\n#&*!|>'\"{}[],%@?~0";

    private static string[] BuildPool()
    {
        var root = RuleHarness.RepoRoot;
        var files = Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "KubePlan.Core.Tests", "Fixtures"), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        var pool = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (text.Contains('\r') || text.Contains("---", StringComparison.Ordinal) || text.Contains("...", StringComparison.Ordinal) || !text.EndsWith('\n') || text.Any(c => c > '\u007E' || (c < ' ' && c != '\n')))
            {
                continue;
            }

            var alone = new ManifestLoader().LoadText("one.yaml", text);
            if (alone.Documents == 1 && alone.Problems.Count == 0)
            {
                pool.Add(text);
            }
        }

        return [.. pool];
    }

    [Fact]
    public void Pool_HoldsEnoughDocuments() => Assert.True(Pool.Length >= 20, $"only {Pool.Length} single-document files");

    /// <summary>A stream of the picked documents, and where each one's text starts and ends (before its last line break).</summary>
    private static (string Text, List<(int Start, int End)> Spans) Build(int[] picks)
    {
        var text = new StringBuilder();
        var spans = new List<(int, int)>();
        for (var i = 0; i < picks.Length; i++)
        {
            if (i > 0)
            {
                text.Append("---\n");
            }

            var doc = Pool[picks[i] % Pool.Length];
            spans.Add((text.Length, text.Length + doc.Length - 1));
            text.Append(doc);
        }

        return (text.ToString(), spans);
    }

    private static LintReport Lint(LoadResult input) => Linter.Run(input, new LintOptions());

    private static void AssertSorted(LintReport report)
    {
        for (var i = 1; i < report.Diagnostics.Count; i++)
        {
            Assert.True(Diagnostic.Order.Compare(report.Diagnostics[i - 1], report.Diagnostics[i]) <= 0, $"findings {i - 1} and {i} out of order");
        }
    }

    /// <summary>Whether YAML text holds anything but blank and comment lines.</summary>
    private static bool HasContent(string text) =>
        text.Split('\n').Any(l => l.Trim(' ', '\t').Length > 0 && !l.TrimStart(' ', '\t').StartsWith('#'));

    private static int[] Picks(NonEmptyArray<NonNegativeInt> picks) => [.. picks.Get.Take(6).Select(p => p.Get)];

    [Property(MaxTest = 60, Replay = "(15,2027)")]
    public void IntactStream_CountsEveryDocument(NonEmptyArray<NonNegativeInt> picks)
    {
        var docs = Picks(picks);
        var (text, _) = Build(docs);
        var report = Lint(new ManifestLoader().LoadText("s.yaml", text));
        Assert.Equal(docs.Length, report.Summary.Documents);
        Assert.DoesNotContain(report.Diagnostics, d => d.RuleId == RuleIds.YamlSyntax);
        AssertSorted(report);
    }

    [Property(MaxTest = 250, Replay = "(15,2027)")]
    public void DamageInsideOneDocument_NeverChangesTheCount(NonEmptyArray<NonNegativeInt> picks, NonNegativeInt which, NonNegativeInt where, NonNegativeInt kind, NonNegativeInt what)
    {
        var docs = Picks(picks);
        var (text, spans) = Build(docs);
        var (start, end) = spans[which.Get % spans.Count];
        var at = start + (where.Get % (end - start));
        var loader = new ManifestLoader();
        LoadResult input;
        switch (kind.Get % 5)
        {
            case 0: // delete a character (never the document's last line break)
                input = loader.LoadText("s.yaml", text.Remove(at, 1));
                break;
            case 1: // insert a character
                input = loader.LoadText("s.yaml", text.Insert(at, Alphabet[what.Get % Alphabet.Length].ToString()));
                break;
            case 2: // insert a tab
                input = loader.LoadText("s.yaml", text.Insert(at, "\t"));
                break;
            case 3: // an invalid UTF-8 byte
                var bytes = Encoding.UTF8.GetBytes(text[..at]).Append((byte)(0x80 + (what.Get % 0x80))).Concat(Encoding.UTF8.GetBytes(text[at..])).ToArray();
                input = loader.LoadBytes("s.yaml", bytes);
                Assert.Contains(input.Problems, p => p.Kind == InputProblemKind.Encoding);
                break;
            default: // a duplicated line (a duplicate key, or a repeated list item)
                var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
                if (lineStart < start)
                {
                    lineStart = start;
                }

                var lineEnd = text.IndexOf('\n', lineStart) + 1;
                input = loader.LoadText("s.yaml", text.Insert(lineEnd, text[lineStart..lineEnd]));
                break;
        }

        var report = Lint(input);
        Assert.Equal(docs.Length, report.Summary.Documents);
        AssertSorted(report);
    }

    [Property(MaxTest = 120, Replay = "(15,2027)")]
    public void StrayMarkerLine_AddsAtMostOnePart(NonEmptyArray<NonNegativeInt> picks, NonNegativeInt which, NonNegativeInt where, bool end)
    {
        var docs = Picks(picks);
        var (text, spans) = Build(docs);
        var (start, stop) = spans[which.Get % spans.Count];
        var lineStarts = Enumerable.Range(start, stop - start + 1).Where(i => i == start || text[i - 1] == '\n').ToList();
        var at = lineStarts[where.Get % lineStarts.Count];
        var damaged = text.Insert(at, end ? "...\n" : "---\n");

        var report = Lint(new ManifestLoader().LoadText("s.yaml", damaged));
        Assert.InRange(report.Summary.Documents, docs.Length, docs.Length + 1);
        if (!end)
        {
            // A '---' line cuts the document in two: each half with content is a document of its own.
            var halves = (HasContent(text[start..at]) ? 1 : 0) + (HasContent(text[at..(stop + 1)]) ? 1 : 0);
            Assert.Equal(docs.Length - 1 + halves, report.Summary.Documents);
        }

        AssertSorted(report);
    }

    [Property(MaxTest = 120, Replay = "(15,2027)")]
    public void Truncation_CountsTheDocumentsBeforeTheCut(NonEmptyArray<NonNegativeInt> picks, NonNegativeInt where)
    {
        var docs = Picks(picks);
        var (text, spans) = Build(docs);
        var cut = where.Get % (text.Length + 1);
        var before = spans.Count(s => s.End < cut);
        var partial = spans.FirstOrDefault(s => s.Start < cut && s.End >= cut);
        var expected = before + (partial != default && HasContent(text[partial.Start..cut]) ? 1 : 0);

        var report = Lint(new ManifestLoader().LoadText("s.yaml", text[..cut]));
        Assert.Equal(expected, report.Summary.Documents);
        AssertSorted(report);
    }
}
