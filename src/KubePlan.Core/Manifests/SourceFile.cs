namespace KubePlan.Manifests;

/// <summary>A file (or stdin, or a file at a git revision) that was read, with its text for code frames.</summary>
public sealed class SourceFile
{
    /// <summary>Where each line starts (offsets into <see cref="Text"/>), built on first use: 4 bytes a line, not a copy of the text.</summary>
    private int[]? _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path as the user gave it (forward slashes), <c>&lt;stdin&gt;</c>, or <c>REV:path</c>.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>The 1-based line's text without its line break, or null when out of range.</summary>
    public string? Line(int line)
    {
        var starts = _lineStarts ??= LineStarts(Text);
        if (line < 1 || line > starts.Length)
        {
            return null;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] - 1 : Text.Length;
        return Text.AsSpan(start, end - start).TrimEnd('\r').ToString();
    }

    /// <summary>The offset of each line's first character; lines end at '\n' only, as before.</summary>
    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return [.. starts];
    }
}
