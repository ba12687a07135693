using System.Text;
using KubePlan.Core.Tests.Rules;
using KubePlan.Manifests;
using KubePlan.Reporting;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// A large stream is read in pieces on every core; what comes out must be exactly what reading it
/// whole gives: the same documents, numbers, trees and positions, problems and reports.
/// </summary>
public class ParallelReadingTests
{
    private static string Join(params string[] folders) =>
        string.Join("---\n", folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RuleHarness.RepoRoot, folder), "*.yaml").Order(StringComparer.Ordinal))
            .Select(File.ReadAllText).Select(text => text.EndsWith('\n') ? text : text + "\n"));

    public static TheoryData<string, int> Streams() => new()
    {
        // The realistic corpus and the examples as one stream, cut into pieces of a few hundred characters or more.
        { "corpus", 200 },
        { "corpus", 5_000 },
        { "examples", 300 },
        // A syntax error in one piece: the whole is read as one, so recovery is as before.
        { "broken", 200 },
        // Directives and CRLF line ends are read whole.
        { "directive", 50 },
        { "crlf", 50 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void LoadText_InPieces_IsTheSameAsWhole(string stream, int pieceLength)
    {
        var text = Text(stream);
        var loader = new ManifestLoader();
        var whole = loader.LoadText("all.yaml", text, int.MaxValue / 2);
        var pieces = loader.LoadText("all.yaml", text, pieceLength);
        Assert.True(whole.Manifests.Count > 3);
        Assert.Equal(Dump(whole), Dump(pieces));
        Assert.Equal(Report(whole), Report(pieces));
    }

    public static TheoryData<string, int> ByteStreams() => new()
    {
        { "corpus", 200 },
        { "corpus", 5_000 },
        { "broken", 200 },
        { "directive", 50 },
        { "crlf", 50 },
        // Characters of two and three bytes before, in and after the cuts; a byte order mark; a separator followed by a no-break space.
        { "non-ascii", 100 },
        { "bom", 100 },
        { "nbsp-separator", 100 },
    };

    /// <summary>A large UTF-8 file is cut in its bytes and each piece decoded on its own: the same as reading the decoded text whole.</summary>
    [Theory]
    [MemberData(nameof(ByteStreams))]
    public void LoadBytes_InPieces_IsTheSameAsWhole(string stream, int pieceLength)
    {
        var text = stream switch
        {
            "non-ascii" => NonAscii(),
            "bom" => "\uFEFF" + NonAscii(),
            "nbsp-separator" => NonAscii().Replace("---\n", "---\u00A0\n", StringComparison.Ordinal),
            _ => Text(stream),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        var loader = new ManifestLoader();
        var whole = loader.LoadText("all.yaml", text.TrimStart('\uFEFF'), int.MaxValue / 2);
        var pieces = loader.LoadBytes("all.yaml", bytes, pieceLength);
        Assert.True(whole.Manifests.Count > 3);
        Assert.Equal(Dump(whole), Dump(pieces));
        Assert.Equal(Report(whole), Report(pieces));
        Assert.Equal(whole.Files[0].Line(7), pieces.Files[0].Line(7));
    }

    /// <summary>
    /// A large file on disk is not held while it is read: each piece is read from the file when its turn comes, and the
    /// lines of code frames later. The same as reading the decoded text whole.
    /// </summary>
    [Theory]
    [MemberData(nameof(ByteStreams))]
    public void LoadFile_InPiecesFromDisk_IsTheSameAsWhole(string stream, int pieceLength)
    {
        var text = stream switch
        {
            "non-ascii" => NonAscii(),
            "bom" => "\uFEFF" + NonAscii(),
            "nbsp-separator" => NonAscii().Replace("---\n", "---\u00A0\n", StringComparison.Ordinal),
            _ => Text(stream),
        } + "# kubeplan:ignore schema\n";
        var path = Path.Combine(Path.GetTempPath(), $"kubeplan-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        try
        {
            var loader = new ManifestLoader();
            var whole = loader.LoadText(ManifestLoader.DisplayPath(path), text.TrimStart('\uFEFF'), int.MaxValue / 2);
            var pieces = loader.LoadFile(path, piece => piece, pieceLength);
            Assert.True(whole.Manifests.Count > 3);
            Assert.Equal(stream is not ("broken" or "directive" or "crlf"), pieces.Files[0].IsReleased);
            Assert.Equal(Dump(whole), Dump(pieces));
            Assert.Equal(Report(whole), Report(pieces));
            var lines = text.Split('\n').Length;
            Assert.Equal(Enumerable.Range(0, lines + 2).Select(whole.Files[0].Line), Enumerable.Range(0, lines + 2).Select(pieces.Files[0].Line));
            Assert.Equal(whole.Files[0].LinesContaining("kubeplan:ignore"), pieces.Files[0].LinesContaining("kubeplan:ignore"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string NonAscii() => string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: café-{i}\n  annotations:\n    note: \"naïve — ünïcode ✓ {i}\"\ndata:\n  κλειδί: \"τιμή {i}\"\n  emoji: \"😀 {i}\"\n  port: {i}\n"));

    private static string Text(string stream) => stream switch
    {
        "corpus" => Join(Path.Combine("tests", "KubePlan.Core.Tests", "Corpus"), "examples"),
        "examples" => Join("examples"),
        "broken" => Join("examples") + "---\nkind: ConfigMap\nmetadata: {name: \"open\n---\n" + Join("examples"),
        "directive" => "%YAML 1.1\n---\n" + Join("examples"),
        "crlf" => Join("examples").Replace("\n", "\r\n", StringComparison.Ordinal),
        _ => throw new ArgumentException(stream),
    };

    private static string Report(LoadResult input)
    {
        var report = Linter.Run(input, new LintOptions());
        using var writer = new StringWriter();
        ReportWriters.Find("json")!.Write(report, writer, new ReportOptions(false, RuleCatalog.BuiltIn, KubePlan.Diagnostics.Severity.Error));
        return writer.ToString();
    }

    private static string Dump(LoadResult result)
    {
        var builder = new StringBuilder();
        builder.Append("documents ").Append(result.Documents).Append('\n');
        foreach (var problem in result.Problems)
        {
            builder.Append("problem ").Append(problem.Position).Append(' ').Append(problem.Message).Append('\n');
        }

        foreach (var manifest in result.Manifests)
        {
            builder.Append("manifest ").Append(manifest.DocumentIndex).Append(' ').Append(manifest.Ref).Append('\n');
            Dump(builder, manifest.Root, 1);
        }

        return builder.ToString();
    }

    [Fact]
    // Files are read largest first; what comes out is still in the order given, one file after another,
    // and the same as reading each file alone.
    public void LoadFiles_KeepsTheOrderGiven_WhateverTheSizes()
    {
        var dir = Directory.CreateTempSubdirectory("kubeplan-order-");
        try
        {
            var sizes = new[] { 1, 40, 3, 200, 2, 0, 90 };
            var paths = new List<string>();
            for (var f = 0; f < sizes.Length; f++)
            {
                var path = Path.Combine(dir.FullName, $"f{f}.yaml");
                var text = new StringBuilder();
                for (var d = 0; d < sizes[f]; d++)
                {
                    text.Append($"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f{f}-{d}\ndata:\n  k: v\n");
                }

                File.WriteAllText(path, text.ToString());
                paths.Add(path);
            }

            paths.Insert(3, Path.Combine(dir.FullName, "missing.yaml"));
            var loader = new ManifestLoader();
            var all = loader.LoadFiles(paths);
            var alone = paths.Select(p => loader.LoadFiles([p])).ToList();
            Assert.Equal(alone.SelectMany(r => r.Files).Select(f => f.Path), all.Files.Select(f => f.Path));
            Assert.Equal(alone.SelectMany(r => r.Manifests).Select(m => (m.File.Path, m.Name)), all.Manifests.Select(m => (m.File.Path, m.Name)));
            Assert.Equal(alone.SelectMany(r => r.Problems).Select(p => (p.File.Path, p.Message)), all.Problems.Select(p => (p.File.Path, p.Message)));
            Assert.Equal(sizes.Sum(), all.Manifests.Count);
            Assert.Single(all.Problems);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Dump(StringBuilder builder, YNode node, int depth)
    {
        builder.Append(' ', depth * 2).Append(node.Start).Append(' ');
        switch (node)
        {
            case YScalar s:
                builder.Append(s.Kind).Append(' ').Append(s.Text).Append(s.IsPlain ? " plain" : string.Empty).Append('\n');
                break;
            case YMapping m:
                builder.Append("mapping\n");
                foreach (var entry in m.Entries)
                {
                    Dump(builder, entry.Key, depth + 1);
                    Dump(builder, entry.Value, depth + 2);
                }

                break;
            case YSequence q:
                builder.Append("sequence\n");
                foreach (var item in q.Items)
                {
                    Dump(builder, item, depth + 1);
                }

                break;
        }
    }
}
