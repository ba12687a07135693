using System.Text;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// A file read from disk keeps its UTF-8 bytes instead of its decoded text; its lines (code frames) and
/// the lines holding a marker (suppression comments) must be exactly those of the decoded text.
/// </summary>
public class SourceFileTests
{
    public static TheoryData<string, byte[]> Files() => new()
    {
        { "plain", Encoding.UTF8.GetBytes("a: 1\nb: two\n# kubeplan:ignore x\nc: 3") },
        { "trailing line break", Encoding.UTF8.GetBytes("a: 1\n# kubeplan:ignore x -- why\n") },
        { "byte order mark and CRLF", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: 1\r\nname: caf\u00e9 \u2603 # kubeplan:ignore y\r\n\r\nz: 0\r\n")] },
        { "invalid bytes", [.. Encoding.UTF8.GetBytes("a: \""), 0xFF, 0xE2, 0x82, .. Encoding.UTF8.GetBytes("\"\nb: 1 # kubeplan:ignore q\n"), 0xE2, 0x82, (byte)'\n', .. Encoding.UTF8.GetBytes("kubeplan:ignore kubeplan:ignore")] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadedFile_LinesAreThoseOfTheDecodedText(string name, byte[] bytes)
    {
        var loaded = new ManifestLoader().LoadBytes(name + ".yaml", bytes).Files[0];
        var start = bytes.Length >= 3 && bytes[0] == 0xEF ? 3 : 0;
        var text = new SourceFile("text.yaml", Encoding.UTF8.GetString(bytes, start, bytes.Length - start));

        Assert.Equal(text.Text, loaded.Text);
        var lines = text.Text.Split('\n').Length;
        for (var line = 0; line <= lines + 1; line++)
        {
            Assert.Equal(text.Line(line), loaded.Line(line));
        }

        Assert.Equal(text.LinesContaining("kubeplan:ignore"), loaded.LinesContaining("kubeplan:ignore"));
    }

    [Fact]
    public void LinesContaining_NumbersEachLineOnce()
    {
        var file = new SourceFile("f.yaml", "x\n# kubeplan:ignore a kubeplan:ignore b\ny\n\n#kubeplan:ignore c\r\n");
        Assert.Equal([(2, "# kubeplan:ignore a kubeplan:ignore b"), (5, "#kubeplan:ignore c")], file.LinesContaining("kubeplan:ignore"));
    }

    /// <summary>A lint run drops the bytes of a file read from disk; every line it may ask for is then read from the file again.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void ReleasedFile_ReadsTheSameLinesFromDisk(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kubeplan-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        try
        {
            var kept = new ManifestLoader().LoadFiles([path]).Files[0];
            var released = new ManifestLoader().LoadFiles([path]).Files[0];
            released.ReleaseText("kubeplan:ignore");

            Assert.True(released.IsReleased, name);
            Assert.Equal(kept.LinesContaining("kubeplan:ignore"), released.LinesContaining("kubeplan:ignore"));
            Assert.Equal(kept.LinesContaining("a:"), released.LinesContaining("a:"));
            var lines = kept.Text.Split('\n').Length;
            for (var line = lines + 1; line >= 0; line--)
            {
                Assert.Equal(kept.Line(line), released.Line(line));
            }

            Assert.Equal(kept.Text, released.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReleasedFile_ChangedOnDisk_GivesNoLine_ButKeepsItsSuppressionComments()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kubeplan-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "a: 1\n# kubeplan:ignore x\n");
        try
        {
            var file = new ManifestLoader().LoadFiles([path]).Files[0];
            file.ReleaseText("kubeplan:ignore");
            File.WriteAllText(path, "a: 100\nb: 2\n");

            Assert.Null(file.Line(1));
            Assert.Equal([(2, "# kubeplan:ignore x")], file.LinesContaining("kubeplan:ignore"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TextNotFromDisk_IsKept()
    {
        var file = new ManifestLoader().LoadText("<stdin>", "a: 1\n").Files[0];
        file.ReleaseText("kubeplan:ignore");

        Assert.False(file.IsReleased);
        Assert.Equal("a: 1", file.Line(1));
    }
}
