using System.Text;

namespace KubePlan.Manifests;

/// <summary>A file (or stdin, or a file at a git revision) that was read, with its text for code frames.</summary>
/// <remarks>
/// A file read from disk as UTF-8 keeps its bytes (one byte a character for YAML), not the decoded text
/// (two bytes a character), which is garbage once the file is parsed: a line is decoded when a code
/// frame asks for it. Lines are found through an index of line starts (4 bytes a line) built on first use.
/// </remarks>
public sealed class SourceFile
{
    private readonly string? _text;
    private readonly byte[]? _utf8;
    private readonly int _utf8Start;
    private int[]? _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        _text = text;
    }

    /// <summary>A file whose text is the UTF-8 bytes from <paramref name="start"/> on (after a byte order mark).</summary>
    internal SourceFile(string path, byte[] utf8, int start)
    {
        Path = path;
        _utf8 = utf8;
        _utf8Start = start;
    }

    /// <summary>The path as the user gave it (forward slashes), <c>&lt;stdin&gt;</c>, or <c>REV:path</c>.</summary>
    public string Path { get; }

    /// <summary>The whole text. For a file kept as UTF-8 this decodes it on every call: prefer <see cref="Line"/>.</summary>
    public string Text => _text ?? Encoding.UTF8.GetString(_utf8!, _utf8Start, _utf8!.Length - _utf8Start);

    /// <summary>The 1-based line's text without its line break, or null when out of range.</summary>
    public string? Line(int line)
    {
        var starts = _lineStarts ??= _text is not null ? LineStarts(_text.AsSpan()) : LineStarts(_utf8.AsSpan(_utf8Start));
        if (line < 1 || line > starts.Length)
        {
            return null;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] - 1 : Length;
        return Slice(start, end);
    }

    /// <summary>The 1-based numbers and texts (without line breaks) of the lines that contain an ASCII marker, in order.</summary>
    internal IEnumerable<(int Line, string Text)> LinesContaining(string marker)
    {
        var line = 1;
        var lineStart = 0;
        var utf8Marker = Encoding.ASCII.GetBytes(marker);
        while (true)
        {
            var at = IndexOf(marker, utf8Marker, lineStart);
            if (at < 0)
            {
                yield break;
            }

            line += CountLineBreaks(lineStart, at);
            var lineEnd = IndexOfLineBreak(at);
            yield return (line, Slice(StartOfLine(at), lineEnd < 0 ? Length : lineEnd));
            if (lineEnd < 0)
            {
                yield break;
            }

            line++;
            lineStart = lineEnd + 1;
        }
    }

    private int Length => _text?.Length ?? _utf8!.Length - _utf8Start;

    private int IndexOf(string marker, byte[] utf8Marker, int from)
    {
        var at = _text is not null ? _text.AsSpan(from).IndexOf(marker, StringComparison.Ordinal) : _utf8.AsSpan(_utf8Start + from).IndexOf(utf8Marker);
        return at < 0 ? -1 : from + at;
    }

    private int IndexOfLineBreak(int from)
    {
        var at = _text is not null ? _text.AsSpan(from).IndexOf('\n') : _utf8.AsSpan(_utf8Start + from).IndexOf((byte)'\n');
        return at < 0 ? -1 : from + at;
    }

    private int StartOfLine(int offset)
    {
        var at = _text is not null ? _text.AsSpan(0, offset).LastIndexOf('\n') : _utf8.AsSpan(_utf8Start, offset).LastIndexOf((byte)'\n');
        return at + 1;
    }

    private int CountLineBreaks(int from, int to) =>
        _text is not null ? _text.AsSpan(from, to - from).Count('\n') : _utf8.AsSpan(_utf8Start + from, to - from).Count((byte)'\n');

    /// <summary>The text between two offsets (characters, or bytes for a UTF-8 file), without a trailing '\r'.</summary>
    private string Slice(int start, int end)
    {
        if (_text is not null)
        {
            return _text.AsSpan(start, end - start).TrimEnd('\r').ToString();
        }

        var bytes = _utf8.AsSpan(_utf8Start + start, end - start);
        return Encoding.UTF8.GetString(bytes.TrimEnd((byte)'\r'));
    }

    /// <summary>The offset of each line's first character; lines end at '\n' only.</summary>
    private static int[] LineStarts(ReadOnlySpan<char> text)
    {
        var starts = new List<int> { 0 };
        for (var at = text.IndexOf('\n'); at >= 0; at = text[starts[^1]..].IndexOf('\n'))
        {
            starts.Add(starts[^1] + at + 1);
        }

        return [.. starts];
    }

    private static int[] LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        for (var at = utf8.IndexOf((byte)'\n'); at >= 0; at = utf8[starts[^1]..].IndexOf((byte)'\n'))
        {
            starts.Add(starts[^1] + at + 1);
        }

        return [.. starts];
    }
}
