using System.Text;

namespace KubePlan.Manifests;

/// <summary>A file (or stdin, or a file at a git revision) that was read, with its text for code frames.</summary>
/// <remarks>
/// A file read from disk as UTF-8 keeps its bytes (one byte a character for YAML), not the decoded text
/// (two bytes a character), which is garbage once the file is parsed: a line is decoded when a code
/// frame asks for it. Lines are found through an index of line starts (4 bytes a line) built on first use.
/// A lint run that needs no more than that drops even the bytes of a file it read from disk
/// (<see cref="ReleaseText"/>): a line is then read from the file again when asked for.
/// </remarks>
public sealed class SourceFile
{
    private readonly string? _text;
    private readonly int _utf8Start;
    private readonly Lock _lock = new();
    private byte[]? _utf8;
    private int[]? _lineStarts;

    /// <summary>Where a file read from disk is, with its length and time of last change when read (null: not from disk).</summary>
    private readonly DiskFile? _disk;

    /// <summary>Once the bytes are dropped: the marker whose lines were kept, and those lines.</summary>
    private (string Marker, List<(int Line, string Text)> Lines)? _marked;

    public SourceFile(string path, string text)
    {
        Path = path;
        _text = text;
    }

    /// <summary>A file whose text is the UTF-8 bytes from <paramref name="start"/> on (after a byte order mark).</summary>
    /// <param name="disk">The file it was read from on disk, its length and when it was last changed, so that its lines can be read again.</param>
    internal SourceFile(string path, byte[] utf8, int start, DiskFile? disk = null)
    {
        Path = path;
        _utf8 = utf8;
        _utf8Start = start;
        _disk = disk;
    }

    /// <summary>
    /// Drops the bytes of a file read from disk, keeping the lines that contain <paramref name="marker"/>: from now on
    /// any other line is read from the file again when asked for (and is missing if the file has changed since).
    /// Files from stdin or a git revision, and decoded texts, keep what they hold.
    /// </summary>
    internal void ReleaseText(string marker)
    {
        lock (_lock)
        {
            if (_utf8 is null || _disk is null)
            {
                return;
            }

            _marked = (marker, Search(marker).ToList());
            _utf8 = null;
        }
    }

    /// <summary>Whether the bytes were dropped (see <see cref="ReleaseText"/>).</summary>
    internal bool IsReleased => _text is null && Bytes() is null;

    private byte[]? Bytes()
    {
        lock (_lock)
        {
            return _utf8;
        }
    }

    /// <summary>The file's bytes read again from disk, or null when it is gone or has changed since it was read.</summary>
    private byte[]? ReadAgain()
    {
        var disk = _disk!.Value;
        try
        {
            if (!disk.IsUnchanged())
            {
                return null;
            }

            var bytes = File.ReadAllBytes(disk.Path);
            return bytes.Length == disk.Length ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file whose bytes were dropped, as it is on disk again (null: gone or changed).</summary>
    private SourceFile? Reread() => ReadAgain() is { } bytes ? new SourceFile(Path, bytes, _utf8Start) : null;

    /// <summary>The path as the user gave it (forward slashes), <c>&lt;stdin&gt;</c>, or <c>REV:path</c>.</summary>
    public string Path { get; }

    /// <summary>The whole text. For a file kept as UTF-8 this decodes it on every call: prefer <see cref="Line"/>.</summary>
    public string Text => _text ?? (Bytes() is { } utf8 ? Encoding.UTF8.GetString(utf8, _utf8Start, utf8.Length - _utf8Start) : Reread()?.Text ?? string.Empty);

    /// <summary>The 1-based line's text without its line break, or null when out of range.</summary>
    public string? Line(int line)
    {
        // The bytes are taken once: the file may be released meanwhile, by the run reading another piece of it.
        var utf8 = Bytes();
        if (_text is null && utf8 is null)
        {
            // Only the lines a report or a rule asks for are read again, each on its own, through an index built once.
            if (_lineStarts is null && LineStartsOnDisk() is { } found)
            {
                lock (_lock)
                {
                    _lineStarts ??= found;
                }
            }

            return _lineStarts is null ? null : ReadLine(line);
        }

        var starts = _lineStarts ??= _text is not null ? LineStarts(_text.AsSpan()) : LineStarts(utf8.AsSpan(_utf8Start));
        if (line < 1 || line > starts.Length)
        {
            return null;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] - 1 : _text?.Length ?? utf8!.Length - _utf8Start;
        return Slice(utf8, start, end);
    }

    /// <summary>The 1-based numbers and texts (without line breaks) of the lines that contain an ASCII marker, in order.</summary>
    internal IEnumerable<(int Line, string Text)> LinesContaining(string marker)
    {
        if (IsReleased)
        {
            return _marked is { } marked && marked.Marker == marker ? marked.Lines : (Reread()?.LinesContaining(marker) ?? []);
        }

        return Search(marker);
    }

    private IEnumerable<(int Line, string Text)> Search(string marker)
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
            yield return (line, Slice(_utf8, StartOfLine(at), lineEnd < 0 ? Length : lineEnd));
            if (lineEnd < 0)
            {
                yield break;
            }

            line++;
            lineStart = lineEnd + 1;
        }
    }

    private int Length => _text?.Length ?? _utf8!.Length - _utf8Start;

    /// <summary>The line index of a released file, read from disk in small blocks (the whole is not held); null when it has changed.</summary>
    private int[]? LineStartsOnDisk()
    {
        var disk = _disk!.Value;
        try
        {
            if (!disk.IsUnchanged())
            {
                return null;
            }

            using var stream = new FileStream(disk.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);

            var starts = new List<int> { 0 };
            var block = new byte[1 << 16];
            long offset = 0;
            int read;
            while ((read = stream.Read(block)) > 0)
            {
                var span = block.AsSpan(0, read);
                for (var at = span.IndexOf((byte)'\n'); at >= 0; at = span.IndexOf((byte)'\n'))
                {
                    var next = offset + at + 1 - _utf8Start;
                    if (next > 0)
                    {
                        starts.Add((int)next);
                    }

                    offset += at + 1;
                    span = span[(at + 1)..];
                }

                offset += span.Length;
            }

            return offset == disk.Length ? [.. starts] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A line of a released file, read from disk through the line index; null when out of range or the file has changed.</summary>
    private string? ReadLine(int line)
    {
        var starts = _lineStarts!;
        var disk = _disk!.Value;
        if (line < 1 || line > starts.Length)
        {
            return null;
        }

        try
        {
            if (!disk.IsUnchanged())
            {
                return null;
            }

            var start = starts[line - 1];
            var end = line < starts.Length ? starts[line] - 1 : (int)(disk.Length - _utf8Start);
            var bytes = new byte[end - start];
            using var handle = File.OpenHandle(disk.Path);
            var read = RandomAccess.Read(handle, bytes, _utf8Start + start);
            return read == bytes.Length ? Encoding.UTF8.GetString(bytes.AsSpan().TrimEnd((byte)'\r')) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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

    /// <summary>
    /// The text between two offsets (characters, or bytes for a UTF-8 file), without a trailing '\r'. The bytes are
    /// given, taken once by the caller: the file may be released meanwhile by the run reading another piece of it.
    /// </summary>
    private string Slice(byte[]? utf8, int start, int end)
    {
        if (_text is not null)
        {
            return _text.AsSpan(start, end - start).TrimEnd('\r').ToString();
        }

        var bytes = utf8.AsSpan(_utf8Start + start, end - start);
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
