using System.Collections.Concurrent;
using System.Text;

namespace KubePlan.Manifests;

/// <summary>A problem that cost (part of) the input: unreadable files, bad YAML, non-object documents.</summary>
public sealed record InputProblem(SourceFile File, SourcePosition Position, InputProblemKind Kind, string Message, string? Hint);

public enum InputProblemKind
{
    /// <summary>Bytes that are not text, or YAML that does not parse.</summary>
    Syntax,

    /// <summary>A document that parses but is not a Kubernetes object (not a mapping, bad List).</summary>
    Structure,

    /// <summary>Bytes that are not valid UTF-8: read as U+FFFD, as Kubernetes does, and warned about.</summary>
    Encoding,

    /// <summary>A document Kubernetes reads but that nests deeper than KubePlan analyses.</summary>
    NestingLimit,
}

/// <summary>Everything read from the sources of one run.</summary>
public sealed class LoadResult
{
    public List<SourceFile> Files { get; } = [];

    public List<Manifest> Manifests { get; } = [];

    public List<InputProblem> Problems { get; } = [];

    /// <summary>Every non-empty document read, including broken ones, so nothing vanishes silently.</summary>
    public int Documents { get; set; }

    public void Add(LoadResult other)
    {
        Files.AddRange(other.Files);
        Manifests.AddRange(other.Manifests);
        Problems.AddRange(other.Problems);
        Documents += other.Documents;
    }
}

/// <summary>Reads files, directories and stdin into manifests.</summary>
public sealed class ManifestLoader
{
    public const string StdinPath = "-";
    public const string StdinName = "<stdin>";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public ManifestLoader(string? defaultNamespace = null) => DefaultNamespace = defaultNamespace ?? KubernetesKinds.DefaultNamespace;

    public string DefaultNamespace { get; }


    /// <summary>
    /// Expands paths into the files to read: files as given, directories recursively (manifest
    /// extensions only, hidden folders skipped, sorted ordinally so runs are deterministic).
    /// Paths that do not exist are returned separately: they are usage errors, not findings.
    /// </summary>
    public static (List<string> Files, List<string> Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (path == StdinPath || File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(EnumerateManifestFiles(path));
            }
            else
            {
                missing.Add(path);
            }
        }

        return (files, missing);
    }

    /// <param name="files">The files to read, in order (<see cref="StdinPath"/> for stdin).</param>
    /// <param name="stdin">The reader for stdin (default: the console's).</param>
    /// <param name="eachFile">
    /// Called with each file's result as soon as the file is read, on the thread that read it (several at once); what it
    /// returns is kept in its place, so a caller can check the objects of a file and keep less of them.
    /// </param>
    public LoadResult LoadFiles(IEnumerable<string> files, Func<TextReader>? stdin = null, Func<LoadResult, LoadResult>? eachFile = null)
    {
        // Files are read and parsed in parallel (every core), and their results joined in the
        // order given, so the output does not depend on which thread finished first.
        eachFile ??= static loaded => loaded;
        var paths = files as IReadOnlyList<string> ?? files.ToList();
        var loaded = new LoadResult[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i] == StdinPath)
            {
                using var reader = (stdin ?? (() => Console.In))();
                loaded[i] = eachFile(LoadText(StdinName, reader.ReadToEnd(), DefaultPieceLength, eachFile));
            }
        }

        if (paths.Count == 1)
        {
            // One file: nothing to share between threads (a large one is still read in pieces in parallel).
            if (paths[0] != StdinPath)
            {
                loaded[0] = eachFile(LoadFile(paths[0], eachFile));
            }
        }
        else
        {
            // Largest first, one file at a time: a large file taken last (a repository's big
            // multi-document file often sorts last) keeps one core reading while the others wait;
            // taken first, the small files fill the other cores around it.
            var sizes = paths.Select(p => p == StdinPath ? 0 : SizeOf(p)).ToArray();
            // A few small files are read before a pump's hand-overs would pay for themselves (see YamlEventPump).
            using var pump = sizes.Sum() >= 2L * DefaultPieceLength ? YamlEventPump.StartForParallelRead() : null;
            var order = Enumerable.Range(0, paths.Count).Where(i => paths[i] != StdinPath).OrderByDescending(i => sizes[i]).ThenBy(i => i);
            Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                loaded[i] = eachFile(LoadFile(paths[i], eachFile));
            });
        }

        var result = new LoadResult();
        foreach (var one in loaded)
        {
            result.Add(one);
        }

        return result;
    }

    /// <summary>A file's size, to order the reads (0 when it cannot be had: reading the file reports why).</summary>
    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <param name="pieceLength">How large the pieces of a large file are (smaller in tests).</param>
    internal LoadResult LoadFile(string path, Func<LoadResult, LoadResult> eachPiece, int pieceLength = DefaultPieceLength)
    {
        byte[] bytes;
        DateTime written;
        try
        {
            // When it was last changed, before reading: a line read again later must come from these bytes.
            written = File.GetLastWriteTimeUtc(path);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CannotRead(DisplayPath(path), e);
        }

        return LoadBytes(DisplayPath(path), bytes, pieceLength, eachPiece, new DiskFile(path, bytes.LongLength, written));
    }

    private static LoadResult CannotRead(string displayPath, Exception e)
    {
        var result = new LoadResult();
        var file = new SourceFile(displayPath, string.Empty);
        result.Files.Add(file);
        result.Problems.Add(new InputProblem(file, new SourcePosition(1, 1), InputProblemKind.Syntax, "the file cannot be read: " + e.Message, "Check that the file exists and is readable."));
        return result;
    }

    /// <summary>Invalid UTF-8 sequences reported one by one up to this many per file; the last one counts the rest.</summary>
    public const int MaxEncodingWarnings = 10;

    /// <summary>
    /// Decodes bytes (UTF-8 with or without BOM, UTF-16 with BOM) and loads them. Invalid UTF-8
    /// sequences become U+FFFD, as Kubernetes' decoder makes them, so every document is still read;
    /// each is a warning at its position.
    /// </summary>
    public LoadResult LoadBytes(string displayPath, byte[] bytes) => LoadBytes(displayPath, bytes, DefaultPieceLength);

    /// <summary>Loads bytes, reading a large UTF-8 stream in pieces of about <paramref name="pieceLength"/> bytes in parallel.</summary>
    /// <param name="eachPiece">Called with each piece's result as soon as it is read, when a large file is read in pieces (see <see cref="LoadFiles"/>).</param>
    /// <param name="disk">The file on disk the bytes are, so that its lines can be read again (<see cref="SourceFile.ReleaseText"/>).</param>
    internal LoadResult LoadBytes(string displayPath, byte[] bytes, int pieceLength, Func<LoadResult, LoadResult>? eachPiece = null, DiskFile? disk = null)
    {
        eachPiece ??= static piece => piece;
        // A large file of valid UTF-8 is decoded piece by piece as the pieces are read: the decoded text of the
        // whole (two bytes a character, garbage once parsed) never exists, which halves the memory reading takes.
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (bytes.Length - bom >= 2 * pieceLength && !JsonStreamReader.MayBeJsonStream(bytes.AsSpan(bom)) && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(bom)))
        {
            var utf8 = new SourceFile(displayPath, bytes, bom, disk);
            if (FindCuts(bytes.AsSpan(bom), pieceLength) is not { } cuts)
            {
                // Nothing to read in pieces.
            }
            else if (disk is not { } onDisk)
            {
                if (ReadPieces(cuts, bytes.Length - bom, (from, to, firstLine) => Decode(bytes, bom + from, to - from, firstLine), piece => eachPiece(Collect(utf8, piece))) is { } read)
                {
                    return read;
                }
            }
            else
            {
                // A large file from disk is not held while it is read: each piece is read from the file again when its turn
                // comes, so the whole never sits beside the trees read from it. The file keeps its suppression comments, and
                // any other line is read again when asked for (the file is gone from memory, see SourceFile.ReleaseText).
                var length = bytes.Length - bom;
                utf8.ReleaseText(Suppressions.Suppression.CommentMarker);
                bytes = [];
                if (ReadPiecesFromDisk(onDisk, bom, cuts, length, piece => eachPiece(Collect(utf8, piece))) is { } read)
                {
                    return read;
                }

                try
                {
                    bytes = File.ReadAllBytes(onDisk.Path);
                    disk = new DiskFile(onDisk.Path, bytes.LongLength, File.GetLastWriteTimeUtc(onDisk.Path));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return CannotRead(displayPath, e);
                }
            }

            // What stopped the pieces (a problem, a directive, unusual line breaks) stops them in the text too: read it whole.
            pieceLength = int.MaxValue / 2;
        }

        var (text, invalid, utf8Start) = Decode(bytes);
        // A UTF-8 file keeps its bytes for code frames, not the decoded text (half the size, and the
        // text is garbage once parsed).
        var file = utf8Start >= 0 ? new SourceFile(displayPath, bytes, utf8Start, disk) : new SourceFile(displayPath, text);
        var result = LoadText(file, text, pieceLength, eachPiece);
        for (var i = 0; i < Math.Min(invalid.Count, MaxEncodingWarnings); i++)
        {
            var more = i == MaxEncodingWarnings - 1 && invalid.Count > MaxEncodingWarnings
                ? $"; {invalid.Count - MaxEncodingWarnings + 1} runs of invalid bytes from here on"
                : string.Empty;
            result.Problems.Add(new InputProblem(file, invalid[i], InputProblemKind.Encoding,
                $"bytes that are not valid UTF-8, read as the replacement character U+FFFD, as Kubernetes reads them{more}",
                "Save the file as UTF-8; a value written in another encoding reaches the cluster as replacement characters."));
        }

        return result;
    }

    public LoadResult LoadText(string displayPath, string text) => LoadText(displayPath, text, DefaultPieceLength);

    /// <summary>Loads text, reading a large stream in pieces of about <paramref name="pieceLength"/> characters in parallel.</summary>
    internal LoadResult LoadText(string displayPath, string text, int pieceLength, Func<LoadResult, LoadResult>? eachPiece = null) =>
        LoadText(new SourceFile(displayPath, text), text, pieceLength, eachPiece ?? (static piece => piece));

    // The text is sniffed after decoding: kubectl drops a byte order mark before it looks for '{'.
    private LoadResult LoadText(SourceFile file, string text, int pieceLength, Func<LoadResult, LoadResult> eachPiece) =>
        JsonStreamReader.IsJsonStream(text) ? Collect(file, JsonStreamReader.Read(text))
        : ReadInParallel(text, pieceLength, piece => eachPiece(Collect(file, piece))) ?? Collect(file, YamlStreamReader.Read(text));

    /// <summary>The manifests and problems of a file that was read.</summary>
    private LoadResult Collect(SourceFile file, YamlReadResult read)
    {
        var result = new LoadResult();
        result.Files.Add(file);
        result.Documents += read.BrokenDocuments;
        foreach (var p in read.Problems)
        {
            var kind = p.Kind == YamlProblemKind.NestingLimit ? InputProblemKind.NestingLimit : InputProblemKind.Syntax;
            result.Problems.Add(new InputProblem(file, p.Position, kind, p.Message, p.Hint));
        }

        foreach (var document in read.Documents)
        {
            if (document.Root is null)
            {
                continue; // An empty document (a lone '---', or only comments) holds nothing to lose.
            }

            result.Documents++;
            AddObject(result, file, document.Index, document.Root, isListItem: false);
        }

        return result;
    }

    /// <summary>Texts shorter than twice this many characters are read in one piece.</summary>
    internal const int DefaultPieceLength = 1 << 20;

    /// <summary>
    /// Reads a large stream in pieces on every core: it is cut at <c>---</c> lines (document starts) into pieces of
    /// about <paramref name="pieceLength"/> characters, each piece is read on its own, starting at its own line
    /// (so every position is the same as in the whole, and no piece copies or re-scans what precedes it), and the documents are numbered again in
    /// order. Null, so the whole is read as one, unless this gives exactly the same result: a stream with
    /// directives or unusual line breaks, or any piece with a problem (error recovery may cross a cut), is read whole.
    /// </summary>
    private static LoadResult? ReadInParallel(string text, int pieceLength, Func<YamlReadResult, LoadResult> collect)
    {
        if (text.Length < 2 * pieceLength || text.AsSpan().IndexOfAny("\r\u0085\u2028\u2029") >= 0
            || text.StartsWith('%') || text.Contains("\n%", StringComparison.Ordinal))
        {
            return null;
        }

        var cuts = new List<(int Offset, int Line)> { (0, 0) };
        var line = 0;
        for (var end = text.IndexOf('\n'); end >= 0; end = text.IndexOf('\n', end + 1))
        {
            line++;
            var start = end + 1;
            if (start - cuts[^1].Offset >= pieceLength && text.Length - start >= 3 && text.AsSpan(start, 3).SequenceEqual("---")
                && (text.Length - start == 3 || char.IsWhiteSpace(text[start + 3])))
            {
                cuts.Add((start, line));
            }
        }

        if (cuts.Count < 2)
        {
            return null;
        }

        return ReadPieces(cuts, text.Length, (from, to, firstLine) => YamlStreamReader.Read(text, from, to, firstLine), collect);
    }

    /// <summary>
    /// Where to cut valid UTF-8 bytes into pieces for <see cref="ReadPieces"/>: the cuts of <see cref="ReadInParallel(string, int, Func{YamlReadResult, LoadResult})"/>,
    /// found in the bytes (offsets in bytes, each piece decoded only when it is read). Cutting at line starts keeps every line and
    /// column. Null when the bytes cannot be read in pieces.
    /// </summary>
    private static List<(int Offset, int Line)>? FindCuts(ReadOnlySpan<byte> utf8, int pieceLength)
    {
        // The UTF-8 forms of '\r', U+0085, U+2028 and U+2029: line breaks for YAML that the cuts do not count.
        if (utf8.IndexOf((byte)'\r') >= 0 || utf8.IndexOf([(byte)0xC2, (byte)0x85]) >= 0
            || utf8.IndexOf([(byte)0xE2, (byte)0x80, (byte)0xA8]) >= 0 || utf8.IndexOf([(byte)0xE2, (byte)0x80, (byte)0xA9]) >= 0
            || (utf8.Length > 0 && utf8[0] == '%') || utf8.IndexOf("\n%"u8) >= 0)
        {
            return null;
        }

        var cuts = new List<(int Offset, int Line)> { (0, 0) };
        var line = 0;
        for (var end = utf8.IndexOf((byte)'\n'); end >= 0; end = utf8[(end + 1)..].IndexOf((byte)'\n') is var next and >= 0 ? end + 1 + next : -1)
        {
            line++;
            var lineStart = end + 1;
            if (lineStart - cuts[^1].Offset >= pieceLength && utf8.Length - lineStart >= 3 && utf8.Slice(lineStart, 3).SequenceEqual("---"u8)
                && (utf8.Length - lineStart == 3 || (System.Text.Rune.DecodeFromUtf8(utf8[(lineStart + 3)..], out var after, out _) == System.Buffers.OperationStatus.Done && System.Text.Rune.IsWhiteSpace(after))))
            {
                cuts.Add((lineStart, line));
            }
        }

        return cuts.Count < 2 ? null : cuts;
    }

    /// <summary>Reads one piece of UTF-8 bytes, decoded on its own.</summary>
    private static YamlReadResult Decode(ReadOnlySpan<byte> bytes, int from, int length, int firstLine)
    {
        var piece = Encoding.UTF8.GetString(bytes.Slice(from, length));
        return YamlStreamReader.Read(piece, 0, piece.Length, firstLine);
    }

    /// <summary>
    /// <see cref="ReadPieces"/> over a file on disk, each piece read from it when its turn comes; null when a piece has a
    /// problem, or when the file is no longer the one whose cuts were found (its length or time of last change differ).
    /// </summary>
    private static LoadResult? ReadPiecesFromDisk(DiskFile disk, int start, List<(int Offset, int Line)> cuts, int length, Func<YamlReadResult, LoadResult> collect)
    {
        try
        {
            if (!disk.IsUnchanged())
            {
                return null;
            }

            using var handle = File.OpenHandle(disk.Path);

            var changed = false;
            var read = ReadPieces(cuts, length, (from, to, firstLine) =>
            {
                var bytes = new byte[to - from];
                if (RandomAccess.Read(handle, bytes, start + from) != bytes.Length)
                {
                    changed = true; // shorter than when the cuts were found: read the whole again
                    return new YamlReadResult([], [], 1);
                }

                return Decode(bytes, 0, bytes.Length, firstLine);
            }, collect);
            return changed ? null : read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the pieces between cuts on every core, collects each piece's objects as soon as it is read (so a caller can
    /// check them and keep less while the other pieces are read), and joins them with their documents numbered again in
    /// order; null when any piece had a problem.
    /// </summary>
    private static LoadResult? ReadPieces(List<(int Offset, int Line)> cuts, int length, Func<int, int, int, YamlReadResult> read, Func<YamlReadResult, LoadResult> collect)
    {
        var pieces = new LoadResult[cuts.Count];
        var documents = new int[cuts.Count];
        var failed = 0;
        using var pump = YamlEventPump.StartForParallelRead();
        Parallel.For(0, cuts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (Volatile.Read(ref failed) != 0)
            {
                return; // the whole is read again anyway
            }

            var (from, firstLine) = cuts[i];
            var to = i + 1 < cuts.Count ? cuts[i + 1].Offset : length;
            var piece = read(from, to, firstLine);
            if (piece.Problems.Count > 0 || piece.BrokenDocuments > 0)
            {
                Volatile.Write(ref failed, 1);
                return;
            }

            documents[i] = piece.Documents.Count;
            pieces[i] = collect(piece);
        });
        if (failed != 0)
        {
            return null;
        }

        var result = new LoadResult();
        result.Files.AddRange(pieces[0].Files);
        var offset = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            foreach (var manifest in pieces[i].Manifests)
            {
                manifest.DocumentIndex += offset;
            }

            result.Manifests.AddRange(pieces[i].Manifests);
            result.Documents += pieces[i].Documents;
            offset += documents[i];
        }

        return result;
    }

    private void AddObject(LoadResult result, SourceFile file, int documentIndex, YNode root, bool isListItem)
    {
        if (root is not YMapping mapping)
        {
            var what = isListItem ? "an item of a List" : "a document";
            result.Problems.Add(new InputProblem(file, root.Start, InputProblemKind.Structure, $"{what} must be a Kubernetes object (a mapping), but this is {root.Describe()}", "Write the object as a mapping with apiVersion, kind and metadata."));
            return;
        }

        var kind = mapping.GetString("kind");
        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && mapping["items"] is YSequence items)
        {
            foreach (var item in items.Items)
            {
                AddObject(result, file, documentIndex, item, isListItem: true);
            }

            return;
        }

        result.Manifests.Add(new Manifest(file, documentIndex, mapping, DefaultNamespace));
    }

    /// <summary>The text, the positions of invalid UTF-8, and where the UTF-8 text starts in the bytes (-1: not UTF-8).</summary>
    private static (string Text, List<SourcePosition> Invalid, int Utf8Start) Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return (encoding.GetString(bytes, 2, bytes.Length - 2), [], -1);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var span = bytes.AsSpan(start);
        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            return (Encoding.UTF8.GetString(span), [], start);
        }

        // The replacing decoder turns each maximal invalid subsequence into one U+FFFD, as
        // kubectl's output shows for the same bytes (E2 82 41 gives one, FF FE gives two).
        return (Encoding.UTF8.GetString(span), FindInvalidSequences(span), start);
    }

    /// <summary>The 1-based positions (in decoded characters) of each run of invalid UTF-8 sequences.</summary>
    private static List<SourcePosition> FindInvalidSequences(ReadOnlySpan<byte> bytes)
    {
        var found = new List<SourcePosition>();
        var line = 1;
        var column = 1;
        var offset = 0;
        var previousInvalid = false;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                if (!previousInvalid)
                {
                    found.Add(new SourcePosition(line, column));
                }

                previousInvalid = true;
                column++;
                offset += Math.Max(1, consumed);
                continue;
            }

            previousInvalid = false;
            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column += rune.Utf16SequenceLength;
            }

            offset += Math.Max(1, consumed);
        }

        return found;
    }

    private static IEnumerable<string> EnumerateManifestFiles(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = FileAttributes.None,
        };
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
            {
                if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    found.Add(file);
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                var info = new DirectoryInfo(sub);
                if (info.Name.StartsWith('.') || info.LinkTarget is not null)
                {
                    continue; // .git and friends hold no manifests; linked folders could loop.
                }

                pending.Push(sub);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public static string DisplayPath(string path)
    {
        var display = path.Replace('\\', '/');
        return display.StartsWith("./", StringComparison.Ordinal) ? display[2..] : display;
    }
}
