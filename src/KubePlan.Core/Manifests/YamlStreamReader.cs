using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Manifests;

/// <summary>A document of a YAML stream: its root (null when the document is empty).</summary>
public sealed record YamlDocument(int Index, SourcePosition Start, YNode? Root);

/// <summary>What kind of problem a <see cref="YamlProblem"/> is.</summary>
public enum YamlProblemKind
{
    /// <summary>YAML that Kubernetes cannot read either.</summary>
    Syntax,

    /// <summary>YAML that Kubernetes reads but that nests deeper than KubePlan analyses.</summary>
    NestingLimit,
}

/// <summary>A problem found while reading YAML; <see cref="Fatal"/> problems lost their document.</summary>
public sealed record YamlProblem(SourcePosition Position, string Message, string? Hint, bool Fatal, YamlProblemKind Kind = YamlProblemKind.Syntax);

public sealed record YamlReadResult(IReadOnlyList<YamlDocument> Documents, IReadOnlyList<YamlProblem> Problems, int BrokenDocuments);

/// <summary>
/// Reads a multi-document YAML stream into <see cref="YNode"/> trees with positions, resolving
/// anchors, aliases and merge keys. The stream is cut at <c>---</c> lines and each part is read on
/// its own, as Kubernetes does; a syntax error costs only the part (document) it is in.
/// </summary>
public static partial class YamlStreamReader
{
    /// <summary>More nodes than this after alias expansion is a "billion laughs" document.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>
    /// Deeper nesting than this is not analysed (the tree and the rules recurse, so this guards the
    /// stack); the document is reported under its own rule, and still counted.
    /// </summary>
    public const int MaxDepth = 500;

    /// <summary>yaml.v2's own limit ("exceeded max depth of 10000"): deeper than this Kubernetes refuses the document.</summary>
    public const int KubernetesMaxDepth = 10_000;

    public static YamlReadResult Read(string text) => Read(text, 0, text.Length, 0);

    /// <summary>
    /// Reads the characters <paramref name="from"/> to <paramref name="to"/> of a stream (a piece that starts at a line
    /// start, on 0-based line <paramref name="firstLine"/>) with every position as in the whole stream.
    /// </summary>
    public static YamlReadResult Read(string text, int from, int to, int firstLine)
    {
        var documents = new List<YamlDocument>();
        var problems = new List<YamlProblem>();
        var broken = 0;
        var strings = SharedStrings.Values();
        var parts = KubectlYaml.Split(text, from, to, firstLine);
        using var scanAhead = ScanAhead.For(text, parts);
        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            var lineOffset = part.Line;
            if (part.BadSeparator is { } after)
            {
                // apimachinery's YAMLReader refuses the whole stream here; the document this line opens is lost.
                problems.Add(new YamlProblem(new SourcePosition(lineOffset, 4),
                    $"a line that starts with --- must be a document separator, with only spaces or a comment after it (invalid Yaml document separator: {Shorten(after)})",
                    "Put the content on the next line after a bare ---, or indent the line if it belongs to the value above.", Fatal: true));
                broken++;
                continue;
            }

            // Nearly every part is plain block YAML, read straight into its tree here (BlockYamlReader); the rest, and every
            // part of a text after one that was not, go to YamlDotNet.
            var partText = new PartText(text, part.Offset, part.Length);
            if (scanAhead is not { Pumping: true })
            {
                if (BlockYamlReader.TryRead(text, part.Offset, part.Length, lineOffset, strings) is { } read)
                {
                    WorkCounter.Parsed(part.Length);
                    // A part opened by a --- line: its document starts at that line, as in YAML.
                    documents.Add(new YamlDocument(documents.Count, lineOffset > 0 ? new SourcePosition(lineOffset, 1) : read.Start, read.Root));
                    problems.AddRange(read.Problems);
                    continue;
                }

                if (DocumentBuilder.FindIgnoredContent(partText.Span, 0).Offset is null)
                {
                    // Nothing but white space, comments and markers (the text before a first --- line): no document, and
                    // no reason to scan ahead.
                    broken += ReadPart(partText, lineOffset, documents, problems, strings, scanned: null);
                    continue;
                }
            }

            broken += ReadPart(partText, lineOffset, documents, problems, strings, scanAhead?.Take(index));
        }

        SharedStrings.EndValues();
        return new YamlReadResult(documents, problems, broken);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private const string ExtraSpacesInFirstLine = "found extra spaces in first line";

    private const string UnknownEscape = "found unknown escape character";

    private const string CommaEndingTag = "Unexpected comma at end of tag";

    private const string QuotedScalarIndentation = "double-quoted scalar, found wrong indentation";

    /// <summary>
    /// Stands in for the backslash of a <c>\'</c> escape while YamlDotNet reads the text; one
    /// character for one keeps every position.
    /// </summary>
    internal const char EscapedApostropheMarker = '\uE027';

    /// <summary>Re-reads a part after a repairable difference this many times at most (one repair per read).</summary>
    private const int MaxRepairs = 256;

    /// <summary>
    /// Reads one part (the text between two <c>---</c> lines) and returns how many of its documents
    /// were lost. Where YamlDotNet refuses what yaml.v2 accepts, the part is repaired without moving
    /// any position that matters and read again; where yaml.v2 refuses what YamlDotNet accepts, the
    /// first such position fails the document.
    /// </summary>
    /// <param name="scanned">The part's events as the pump scans them, when its stream was opened ahead (see <see cref="ScanAhead"/>).</param>
    private static int ReadPart(PartText part, int lineOffset, List<YamlDocument> documents, List<YamlProblem> problems, HashSet<string> strings, IParser? scanned)
    {
        if (part.Length == 0)
        {
            return 0;
        }

        var guard = FirstViolation(part);
        var shifts = new List<(int Line, int Column)>();
        var attempt = new DocumentBuilder(part, lineOffset, guard, shifts, strings, scanned).Run();
        string? text = null;
        for (var repair = 0; repair < MaxRepairs && attempt.Failure is { } failure; repair++)
        {
            text ??= part.ToString();
            if (Repair(text, attempt, shifts) is not { } repaired)
            {
                break;
            }

            var retry = new DocumentBuilder(new PartText(repaired.Text, 0, repaired.Text.Length), lineOffset, guard, repaired.Shifts, strings).Run();
            if (attempt.SplitIndex is null && retry.Failure is { } later && !IsAfter(later.Position, failure.Position))
            {
                break;
            }

            (text, shifts, attempt) = (repaired.Text, repaired.Shifts, retry);
        }

        foreach (var (start, root) in attempt.Documents)
        {
            // A part opened by a --- line: its first document starts at that line, as in YAML.
            var at = lineOffset > 0 && start == attempt.Documents[0].Start ? new SourcePosition(lineOffset, 1) : start;
            documents.Add(new YamlDocument(documents.Count, at, root));
        }

        problems.AddRange(attempt.Problems);
        if (attempt.Failure is { } fatal)
        {
            problems.Add(fatal);
            return 1;
        }

        return 0;
    }

    private static bool IsAfter(SourcePosition a, SourcePosition b) => a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column);

    private static KubectlYaml.Violation? FirstViolation(PartText part)
    {
        var span = part.Span;
        KubectlYaml.Violation?[] found = [KubectlYaml.FindForbiddenCharacter(span), KubectlYaml.FindLeadingDocumentEnd(span), span.Contains('\t') ? KubectlYaml.FindRefusedTab(part.ToString()) : null];
        return found.Where(v => v is not null).MinBy(v => v!.Index);
    }

    /// <summary>
    /// A part of the text read: the characters <see cref="Offset"/> to <see cref="Offset"/> + <see cref="Length"/>
    /// of <see cref="Source"/>. Parts are read where they lie, not copied out (a copy of every part is a copy of the input).
    /// </summary>
    private readonly record struct PartText(string Source, int Offset, int Length)
    {
        public ReadOnlySpan<char> Span => Source.AsSpan(Offset, Length);

        public override string ToString() => Source.Substring(Offset, Length);
    }

    private static Parser NewParser(PartText part) => new(new KubectlTagScanner(new Scanner(new SliceReader(part), skipComments: true)));

    /// <summary>
    /// With a pump, opens the streams of the next few parts of a text before they are read, so that the pump scans them
    /// while this thread builds the part before. Opened only as each part was read, the pump waited for its readers at
    /// every small part: about a tenth of its time on the 37 MB benchmark corpus, mostly Helm output of small documents.
    /// Used from the first part of a text that <see cref="BlockYamlReader"/> does not read: until then each part is read
    /// as it comes (reading parts ahead would hold their trees, and nearly every part is read so).
    /// </summary>
    private sealed class ScanAhead(YamlEventPump pump, string text, List<KubectlYaml.Part> parts) : IDisposable
    {
        /// <summary>Enough to keep the pump busy while a reader builds and checks; the pump's budget still bounds what is held.</summary>
        private const int PartsAhead = 4;

        private readonly Queue<(int Index, YamlEventPump.EventStream Stream)> _opened = new();
        private int _next;

        // The stream taken last: its reader disposes it, and so does the next Take, in case that reader failed before it
        // could (a stream left open would hold its chunks, and the pump's budget, for good). Disposing twice is harmless.
        private YamlEventPump.EventStream? _taken;

        /// <summary>Scanning ahead for a read through a pump, or null when there is no pump or nothing to scan ahead.</summary>
        public static ScanAhead? For(string text, List<KubectlYaml.Part> parts) =>
            YamlEventPump.Current is { } pump && parts.Count > 1 ? new ScanAhead(pump, text, parts) : null;

        /// <summary>Whether the parts of the text are read through the pump from now on (<see cref="Take"/> was called).</summary>
        public bool Pumping { get; private set; }

        /// <summary>The opened stream of part <paramref name="index"/>, for the caller to dispose; the parts after it are opened.</summary>
        public IParser? Take(int index)
        {
            Pumping = true;
            _taken?.Dispose();
            for (; _next < parts.Count && _next <= index + PartsAhead; _next++)
            {
                if (parts[_next] is { BadSeparator: null, Length: > 0 } ahead)
                {
                    var part = new PartText(text, ahead.Offset, ahead.Length);
                    _opened.Enqueue((_next, pump.Open(() => NewParser(part))));
                }
            }

            _taken = _opened.TryPeek(out var first) && first.Index == index ? _opened.Dequeue().Stream : null;
            return _taken;
        }

        /// <summary>Lets go of the streams opened and not read to their end (a read that failed on the way).</summary>
        public void Dispose()
        {
            _taken?.Dispose();
            while (_opened.TryDequeue(out var left))
            {
                left.Stream.Dispose();
            }
        }
    }

    /// <summary>Reads a <see cref="PartText"/> as <see cref="StringReader"/> reads a string.</summary>
    private sealed class SliceReader(PartText part) : TextReader
    {
        private readonly int _end = part.Offset + part.Length;
        private int _position = part.Offset;

        public override int Peek() => _position < _end ? part.Source[_position] : -1;

        public override int Read() => _position < _end ? part.Source[_position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var count = Math.Min(buffer.Length, _end - _position);
            part.Source.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }

    /// <summary>A repaired text for a failure that yaml.v2 would not have, or null when there is none.</summary>
    private static (string Text, List<(int Line, int Column)> Shifts)? Repair(string text, PartResult attempt, List<(int Line, int Column)> shifts)
    {
        if (attempt.SplitIndex is { } split)
        {
            // yaml.v2 ends an anchor name at ':' or '?' and scans on from there; a space there makes
            // YamlDotNet do the same. Later positions on that line are moved back by the shift.
            var (line, column) = LineAndColumn(text, split);
            var moved = shifts.Select(s => s.Line == line && s.Column >= column ? (s.Line, s.Column + 1) : s).ToList();
            moved.Add((line, column));
            return (text.Insert(split, " "), moved);
        }

        var failure = attempt.Failure!;
        if (failure.Message.Contains(QuotedScalarIndentation, StringComparison.Ordinal) && attempt.FailureIndex is { } lineStart && attempt.ContextColumn is { } needed && needed > 0)
        {
            // yaml.v2 does not check the indentation of a quoted scalar's continuation lines;
            // YamlDotNet does. Folding drops a continuation line's leading white space, so
            // indenting the line as far as the scalar's start changes no value.
            var (line, column) = LineAndColumn(text, lineStart);
            var moved = shifts.Select(s => s.Line == line && s.Column >= column ? (s.Line, s.Column + needed) : s).ToList();
            moved.AddRange(Enumerable.Range(column, needed).Select(c => (line, c)));
            return (text.Insert(lineStart, new string(' ', needed)), moved);
        }

        if (failure.Message.Contains(CommaEndingTag, StringComparison.Ordinal) && attempt.FailureIndex is { } afterComma
            && afterComma > 0 && afterComma <= text.Length && text[afterComma - 1] == ',')
        {
            // yaml.v2 counts a ',' as a tag character, also in a flow collection ("[!foo, 1]" tags 1
            // with "!foo,"); YamlDotNet refuses a tag that ends with one. A tag with a comma is never
            // one yaml.v2 resolves, and neither is the same tag with a '.' in its place.
            return (string.Concat(text.AsSpan(0, afterComma - 1), ".", text.AsSpan(afterComma)), shifts);
        }

        if (failure.Message.Contains(ExtraSpacesInFirstLine, StringComparison.Ordinal))
        {
            // yaml.v2 accepts a block scalar whose first lines hold only spaces (Helm renders
            // such lines); YamlDotNet does not. Emptying those lines keeps every position and
            // changes no value. Only those: a line of spaces inside a block scalar's content keeps
            // the spaces past the indentation as content (go-yaml, and kubectl, read it so).
            var normalised = LeadingWhitespaceLineOfBlockScalar().Replace(text, string.Empty);
            return normalised == text ? null : (normalised, shifts);
        }

        if (failure.Message.Contains(UnknownEscape, StringComparison.Ordinal) && attempt.FailureIndex is { } offset)
        {
            // yaml.v2/v3 (and so kubectl) accept \' in a double-quoted scalar as an apostrophe;
            // YAML 1.2 and YamlDotNet do not. The escape is replaced by a marker that the
            // document builder turns back into an apostrophe. The scanner marks the backslash,
            // or the character right after it.
            var backslash = offset < text.Length && text[offset] == '\\' ? offset : offset - 1;
            if (backslash < 0 || backslash + 1 >= text.Length || text[backslash] != '\\' || text[backslash + 1] != '\'')
            {
                return null;
            }

            return (string.Concat(text.AsSpan(0, backslash), EscapedApostropheMarker.ToString(), text.AsSpan(backslash + 1)), shifts);
        }

        return null;
    }

    /// <summary>The 1-based line and column of an offset.</summary>
    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < offset; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>A line of only white space among the blank lines right after a block scalar's header ("key: |", "- >-" ...).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)(?<=(?:^|[ \t:-])[|>][-+0-9]{0,2}[ \t]*(?:#[^\r\n]*)?\r?\n(?:[ \t]*\r?\n)*)^[ \t]+(?=\r?$)")]
    private static partial System.Text.RegularExpressions.Regex LeadingWhitespaceLineOfBlockScalar();

    /// <summary>What reading one part gave: its documents, its non-fatal problems, and the fatal one.</summary>
    /// <param name="FailureIndex">The failure's offset in the text read, when the parser gave one.</param>
    /// <param name="SplitIndex">Where an anchor name must end for yaml.v2 (a repair, not a failure).</param>
    /// <param name="ContextColumn">For a scanner error, the column where the scanned token starts.</param>
    private sealed record PartResult(List<(SourcePosition Start, YNode? Root)> Documents, List<YamlProblem> Problems, YamlProblem? Failure, int? FailureIndex, int? SplitIndex, int? ContextColumn = null);

    /// <summary>Scalars this short are kept once per thread (<see cref="SharedStrings.Values"/>): keys and enum-like values repeat in every document.</summary>
    internal const int SharedStringLength = 48;

    /// <summary>The list kept for collections at a depth, emptied: nested collections are one depth deeper, so none shares it.</summary>
    internal static List<T> Scratch<T>(List<List<T>> lists, int depth)
    {
        while (lists.Count <= depth)
        {
            lists.Add([]);
        }

        var list = lists[depth];
        list.Clear();
        return list;
    }

    /// <summary>The thread's pooled string of this text when it is short (the text itself is added when new), else the text.</summary>
    internal static string Pooled(string raw, HashSet<string> strings)
    {
        if (raw.Length > SharedStringLength)
        {
            return raw;
        }

        // Most short scalars were seen before: one look-up finds them; a new one is added.
        if (strings.TryGetValue(raw, out var shared))
        {
            return shared;
        }

        strings.Add(raw);
        return raw;
    }

    /// <summary>
    /// Adds an entry to the entries of a mapping being read. A key already there is a problem (Kubernetes refuses the
    /// mapping), and the later entry takes the earlier one's place, as yaml.v2 keeps the last value.
    /// </summary>
    /// <param name="index">The entries' keys once the mapping is past a linear scan (made here).</param>
    /// <param name="firstKeys">Where each replaced key was first defined (made here): the message names the first definition.</param>
    internal static void AddEntry(List<YEntry> entries, YEntry entry, ref Dictionary<string, int>? index, ref Dictionary<int, SourcePosition>? firstKeys, List<YamlProblem> problems)
    {
        var keyText = entry.KeyText;
        if (IndexOfKey(entries, keyText, ref index) is var at and >= 0)
        {
            var first = firstKeys is not null && firstKeys.TryGetValue(at, out var recorded) ? recorded : entries[at].KeyStart;
            problems.Add(new YamlProblem(entry.KeyStart, $"duplicate key \"{keyText}\" (first defined at line {first.Line})", "Remove one of the two keys; Kubernetes rejects a mapping that defines a key twice.", Fatal: false));
            (firstKeys ??= [])[at] = first;
            entries[at] = entry;
            return;
        }

        AddKey(entries, keyText, ref index);
        entries.Add(entry);
    }

    /// <summary>Mappings with more entries than this find duplicate keys through an index, not a scan.</summary>
    private const int LinearKeyScanLimit = 16;

    /// <summary>The position of a key among the entries gathered so far, or -1.</summary>
    private static int IndexOfKey(List<YEntry> entries, string keyText, ref Dictionary<string, int>? index)
    {
        if (index is not null)
        {
            return index.TryGetValue(keyText, out var found) ? found : -1;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries);
        for (var i = 0; i < span.Length; i++)
        {
            if (string.Equals(span[i].KeyText, keyText, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Records the key of the entry about to be added (at the list's end) once the mapping is past a scan.</summary>
    private static void AddKey(List<YEntry> entries, string keyText, ref Dictionary<string, int>? index)
    {
        if (index is null && entries.Count >= LinearKeyScanLimit)
        {
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                index[entries[i].KeyText] = i;
            }
        }

        index?.Add(keyText, entries.Count);
    }

    private sealed class DocumentBuilder(PartText part, int lineOffset, KubectlYaml.Violation? guard, List<(int Line, int Column)> shifts, HashSet<string> strings, IParser? scanned = null)
    {
        // The pump scans only the parts ScanAhead opens, in the order they are read. A part opened on it otherwise (a
        // repair read again, say) would wait behind this reader's own parts opened ahead, which hold the pump's budget
        // until this reader gets to them: it is scanned here.
        private readonly IParser _parser = scanned ?? NewParser(part);
        private string? _text;

        /// <summary>The part as a string of its own, made only when a problem or a rare construct needs it.</summary>
        private string Text => _text ??= part.ToString();
        private readonly Dictionary<string, (YNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
        private readonly List<(SourcePosition Start, YNode? Root)> _documents = [];
        private readonly List<YamlProblem> _problems = [];
        private readonly List<List<YEntry>> _entryScratch = [];
        private readonly List<List<YNode>> _itemScratch = [];
        private SourcePosition _lastPosition = new(lineOffset + 1, 1);

        /// <summary>
        /// The guard's offset in the text read. Every repair inserts one character before it: the
        /// builder stops at the guard before it could find a repair past it.
        /// </summary>
        private readonly long _guardIndex = guard is null ? long.MaxValue : guard.Index + shifts.Count;

        /// <summary>Reads documents until the end of the part, or until a fatal problem stops it.</summary>
        public PartResult Run()
        {
            WorkCounter.Parsed(part.Length);
            try
            {
                return Build();
            }
            finally
            {
                (_parser as IDisposable)?.Dispose();
            }
        }

        private PartResult Build()
        {
            try
            {
                Expect<StreamStart>();
                if (Accept<StreamEnd>())
                {
                    // Only comments: no document.
                    return guard is null ? Result(null) : Result(GuardProblem());
                }

                var start = Position(Expect<DocumentStart>().Start);
                YNode? root = null;
                long rootEnd;
                if (_parser.Current is DocumentEnd end)
                {
                    rootEnd = end.Start.Index;
                }
                else
                {
                    // BuildNode leaves the root's last event current: yaml.v2 reads no further.
                    var flow = _parser.Current is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
                    var (node, weight) = BuildNode(0);
                    if (weight > MaxExpandedNodes)
                    {
                        throw new DocumentRejectedException(start, $"the document contains excessive aliasing: its aliases expand to more than {MaxExpandedNodes:N0} nodes", "Remove the recursive anchors and aliases; Kubernetes refuses such documents too (document contains excessive aliasing).");
                    }

                    root = node is YScalar { Kind: ScalarKind.Null } ? null : node;
                    // A flow collection's end event marks its closing bracket; a block one's the next token.
                    rootEnd = flow ? _parser.Current!.Start.Index + 1 : _parser.Current!.End.Index;
                }

                // yaml.v2 decodes the first document of a part and stops there (decode.go: Unmarshal
                // parses one document): whatever follows it up to the next --- line never reaches
                // Kubernetes, which kubectl does not mention. KubePlan reports it, as a document of its
                // own that is lost, so the count still matches what the file holds. yaml.v2 does scan
                // on to the next token, though, unless a ... marker ends the document.
                var (ignored, markerEnd) = FindIgnoredContent(part.Span, (int)Math.Min(rootEnd, part.Length));
                if (guard is not null && _guardIndex < (markerEnd ?? long.MaxValue))
                {
                    return Result(GuardProblem());
                }

                _documents.Add((start, root));
                if (ignored is { } at)
                {
                    // After a ... marker the content is a document of its own (YAML's grammar), lost;
                    // without one it is the rest of this document, which yaml.v2 ended early.
                    var (line, column) = LineAndColumn(Text, at);
                    var problem = new YamlProblem(Position(line, column),
                        "Kubernetes ignores everything from here to the next --- line: it reads only the first document of each part between two --- lines, and this comes after "
                        + (markerEnd is null ? "that document's end (a line indented less than the document's first line, or more text after a complete value)" : "that document and its ... end marker"),
                        "Put a --- line before this content to make it a document of its own, or delete it.", Fatal: markerEnd is not null);
                    if (problem.Fatal)
                    {
                        return Result(problem);
                    }

                    _problems.Add(problem);
                }

                return Result(null);
            }
            catch (YamlException e)
            {
                // Scanner errors ("While scanning ...") mark the context at Start and the problem at End.
                var mark = e.Message.Contains("While scanning", StringComparison.Ordinal) ? e.End : e.Start;
                if (mark.Index >= _guardIndex)
                {
                    return Result(GuardProblem());
                }

                var position = mark.Line > 0 ? Position(mark) : _lastPosition;
                if (e.Message.Contains("invalid tab", StringComparison.Ordinal) && FindIndentingTab(Text, (int)mark.Line) is { } tab)
                {
                    position = new SourcePosition(tab.Line + lineOffset, tab.Column);
                }

                var (message, hint) = YamlErrorText.Explain(e);
                return Result(new YamlProblem(position, message, hint, Fatal: true), mark.Line > 0 ? (int)mark.Index : null) with { ContextColumn = (int)e.Start.Column };
            }
            catch (GuardException)
            {
                return Result(GuardProblem());
            }
            catch (DocumentRejectedException e)
            {
                return e.SplitIndex is { } split
                    ? Result(new YamlProblem(e.Position, e.Message, e.Hint, Fatal: true), split: split)
                    : Result(new YamlProblem(e.Position, e.Message, e.Hint, Fatal: true, e.Kind));
            }
            catch (ArgumentException e)
            {
                // YamlDotNet's parser throws this on a tag it cannot build ("Global tags must be valid
                // URIs"). KubectlTagScanner passes such tags on as yaml.v2 reads them; what is left is a
                // tag under a handle that a %TAG directive defines: a syntax error at the last good position.
                return Result(new YamlProblem(_lastPosition, "the YAML cannot be read after this point (" + e.Message.TrimEnd('.') + ")", "Look for a malformed tag ('!...') right after this position.", Fatal: true));
            }
            catch (InvalidOperationException e)
            {
                if (_parser.Current is { } current && current.Start.Index >= _guardIndex)
                {
                    return Result(GuardProblem());
                }

                // YamlDotNet's scanner fails this way on some malformed plain scalars (for example a
                // NUL or BOM character inside one): still a syntax error, at the last good position.
                return Result(new YamlProblem(_lastPosition, "the YAML cannot be read after this point (" + e.Message.TrimEnd('.') + ")", "Look for a stray control character or an unclosed value right after this position.", Fatal: true));
            }
        }

        private PartResult Result(YamlProblem? failure, int? failureIndex = null, int? split = null) =>
            new(_documents, _problems, failure, failureIndex, split);

        private YamlProblem GuardProblem()
        {
            var (line, column) = LineAndColumn(Text, (int)Math.Min(_guardIndex, Text.Length));
            return new YamlProblem(Position(line, column), guard!.Message, guard.Hint, Fatal: true);
        }

        /// <summary>Stops at the first event past a position yaml.v2 refuses: the document is lost there, as in Kubernetes.</summary>
        private void CheckGuard(ParsingEvent current)
        {
            if (current.Start.Index > _guardIndex || (current.Start.Index == _guardIndex && current is not (StreamEnd or DocumentEnd)))
            {
                throw new GuardException();
            }
        }

        /// <summary>The first tab in a line's indentation at or after a 1-based line (the parser marks only the mapping).</summary>
        private static SourcePosition? FindIndentingTab(string source, int fromLine)
        {
            var lines = source.Split('\n');
            for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indent)
                {
                    return new SourcePosition(i + 1, tab + 1);
                }
            }

            return null;
        }

        private (YNode Node, long Weight) BuildNode(int depth)
        {
            var current = _parser.Current ?? throw new DocumentRejectedException(_lastPosition, "unexpected end of the YAML stream", null);
            CheckGuard(current);
            _lastPosition = Position(current.Start);
            if (depth >= MaxDepth)
            {
                throw DepthProblem(current);
            }

            CheckAnchorName(current);
            switch (current)
            {
                case AnchorAlias alias:
                    MoveNext(depth);
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new DocumentRejectedException(Position(alias.Start), $"unknown anchor '{alias.Value.Value}' referenced", "Define the anchor (&name) before the alias (*name) that uses it.");
                    }

                    return target;
                case Scalar scalar:
                {
                    MoveNext(depth);
                    var (text, kind, value) = Resolve(scalar);
                    var node = new YScalar(Position(scalar.Start), text, kind, value, scalar.Style == ScalarStyle.Plain, valueFromText: true);
                    return Remember(scalar.Anchor, node, 1);
                }

                case SequenceStart sequence:
                {
                    _parser.MoveNext();
                    var items = Scratch(_itemScratch, depth);
                    long weight = 1;
                    while (!AcceptEnd<SequenceEnd>(depth))
                    {
                        var (item, w) = BuildNode(depth + 1);
                        items.Add(item);
                        weight = SaturatingAdd(weight, w);
                    }

                    return Remember(sequence.Anchor, new YSequence(Position(sequence.Start), items.ToArray()), weight);
                }

                case MappingStart mapping:
                    return BuildMapping(mapping, depth);
                default:
                    throw new DocumentRejectedException(Position(current.Start), $"unexpected YAML event {current.GetType().Name}", null);
            }
        }

        /// <summary>A scalar's text (a short one shared), kind and value, as yaml.v2 resolves them.</summary>
        private (string Text, ScalarKind Kind, object? Value) Resolve(Scalar scalar)
        {
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            var plain = scalar.Style == ScalarStyle.Plain;
            var raw = scalar.Style == ScalarStyle.DoubleQuoted && scalar.Value.Contains(EscapedApostropheMarker, StringComparison.Ordinal)
                ? scalar.Value.Replace(EscapedApostropheMarker.ToString() + "'", "'", StringComparison.Ordinal)
                : scalar.Value;
            raw = Pooled(raw, strings);

            var (kind, value) = ScalarResolver.Resolve(raw, plain, tag, out var refused);
            if (refused is not null)
            {
                // yaml.v2 fails the whole document on a value its tag cannot hold (resolve.go).
                throw new DocumentRejectedException(Position(scalar.Start), $"the value does not fit its tag: {refused}", "Remove the tag, or write a value of the tagged type; Kubernetes refuses this document.");
            }

            // A !!binary value is its decoded text for Kubernetes.
            return (kind == ScalarKind.String && value is string decoded ? decoded : raw, kind, value);
        }

        /// <summary>
        /// The key of a mapping entry, read as <see cref="BuildNode"/> reads it. A string key, nearly every key,
        /// comes back as its text alone (no node: the entry holds it inline); an empty or merge (<c>&lt;&lt;</c>)
        /// key, or any other kind, comes back as its node for the checks that need one.
        /// </summary>
        private (YNode? Node, string? Text, SourcePosition Start, bool Plain) BuildKey(int depth)
        {
            if (_parser.Current is not Scalar { Anchor.IsEmpty: true } scalar || depth >= MaxDepth)
            {
                var node = BuildNode(depth).Node;
                return (node, null, node.Start, false);
            }

            CheckGuard(scalar);
            var start = _lastPosition = Position(scalar.Start);
            MoveNext(depth);
            var (text, kind, value) = Resolve(scalar);
            var plain = scalar.Style == ScalarStyle.Plain;
            return kind == ScalarKind.String && text.Length > 0 && text != "<<"
                ? (null, SharedStrings.Key(text), start, plain)
                : (new YScalar(start, text, kind, value, plain, valueFromText: true), null, start, plain);
        }

        private (YNode Node, long Weight) BuildMapping(MappingStart mapping, int depth)
        {
            _parser.MoveNext();
            // Entries are gathered in a list kept for this depth and copied out at exactly their number;
            // duplicate keys are found by a linear scan while the mapping is small, by an index past that.
            var entries = Scratch(_entryScratch, depth);
            Dictionary<string, int>? index = null;
            Dictionary<int, SourcePosition>? firstKeys = null;
            List<YMapping>? merges = null;
            long weight = 1;
            while (!AcceptEnd<MappingEnd>(depth))
            {
                var keyEvent = _parser.Current;
                var (keyNode, stringKey, keyStart, keyPlain) = BuildKey(depth + 1);
                var valueEvent = _parser.Current;
                if (valueEvent is MappingEnd && keyNode is not null && IsMissingKey(keyNode, keyEvent))
                {
                    // YamlDotNet reads "- : b" as an empty key whose value never comes; go-yaml refuses the ':' itself.
                    throw MissingKey(keyNode, keyEvent, valueEvent);
                }

                var (valueNode, valueWeight) = BuildNode(depth + 1);
                weight = SaturatingAdd(weight, SaturatingAdd(1, valueWeight));
                YEntry entry;
                if (stringKey is not null)
                {
                    entry = new YEntry(stringKey, keyStart, keyPlain, valueNode);
                }
                else
                {
                    // sigs.k8s.io/yaml turns keys into JSON strings and refuses a key that is a mapping or a
                    // list ("invalid map key") or null ("unsupported map key of type nil"); a ':' with no key
                    // before it is go-yaml's "did not find expected key".
                    if (keyNode is not YScalar { Kind: not ScalarKind.Null } key)
                    {
                        throw IsMissingKey(keyNode!, keyEvent)
                            ? MissingKey(keyNode!, keyEvent, valueEvent)
                            : new DocumentRejectedException(keyNode!.Start, $"a mapping key must be a string, a number or a boolean for Kubernetes, not {keyNode.Describe()} (invalid map key)", "Write the key as a string; quote it if it reads as null (~, null).");
                    }

                    if (IsMergeKey(key, keyEvent))
                    {
                        CollectMerges(key, valueNode, merges ??= []);
                        continue;
                    }

                    entry = Entry(key, valueNode);
                }

                AddEntry(entries, entry, ref index, ref firstKeys, _problems);
            }

            // Explicit keys win over merged ones; among merged mappings the first listed wins.
            foreach (var source in merges ?? [])
            {
                foreach (var entry in source.EntrySpan)
                {
                    var keyText = entry.KeyText;
                    if (IndexOfKey(entries, keyText, ref index) < 0)
                    {
                        AddKey(entries, keyText, ref index);
                        entries.Add(entry);
                    }
                }
            }

            return Remember(mapping.Anchor, new YMapping(Position(mapping.Start), entries.ToArray()), weight);
        }

        /// <summary>An entry; a string key is kept inline, its text shared with every key of that text.</summary>
        private static YEntry Entry(YScalar key, YNode value) =>
            key.IsString ? new YEntry(SharedStrings.Key(key.Text), key.Start, key.IsPlain, value) : new YEntry(key, value);


        /// <summary>An empty, untagged plain key: nothing was written before the ':'.</summary>
        private static bool IsMissingKey(YNode key, ParsingEvent? keyEvent) =>
            key is YScalar { Text.Length: 0, IsPlain: true } && keyEvent is Scalar { Tag.IsEmpty: true };

        private DocumentRejectedException MissingKey(YNode key, ParsingEvent? keyEvent, ParsingEvent? valueEvent) =>
            new(ColonBefore(valueEvent, keyEvent) ?? ColonJustBefore(keyEvent) ?? key.Start, "a ':' with no key before it (did not find expected key)", "Write the key before the ':', or remove the ':'.");

        /// <summary>The ':' right before an event with only spaces between (YamlDotNet places an empty key after its ':').</summary>
        private SourcePosition? ColonJustBefore(ParsingEvent? at)
        {
            if (at is null || Text.Length == 0)
            {
                return null;
            }

            var from = (int)Math.Min(at.Start.Index, Text.Length) - 1;
            var colon = from;
            while (colon >= 0 && Text[colon] == ' ')
            {
                colon--;
            }

            if (colon < 0 || Text[colon] != ':')
            {
                return null;
            }

            var (line, column) = LineAndColumn(Text, colon);
            return Position(line, column);
        }

        /// <summary>The position of the ':' between a missing key and its value, if it can be found.</summary>
        private SourcePosition? ColonBefore(ParsingEvent? value, ParsingEvent? key)
        {
            if (value is null || key is null || Text.Length == 0)
            {
                return null;
            }

            var colon = Text.LastIndexOf(':', (int)Math.Min(value.Start.Index, Text.Length - 1));
            if (colon < key.Start.Index)
            {
                return null;
            }

            var (line, column) = LineAndColumn(Text, colon);
            return Position(line, column);
        }

        /// <summary>
        /// A merge key for yaml.v2 (decode.go, <c>isMerge</c>): <c>&lt;&lt;</c> untagged and plain, with the
        /// non-specific tag <c>!</c>, or tagged <c>!!merge</c> in any style.
        /// </summary>
        private static bool IsMergeKey(YScalar key, ParsingEvent? keyEvent) =>
            key.Text == "<<" && keyEvent is Scalar scalar
            && (scalar.Tag.IsEmpty ? key.IsPlain : scalar.Tag.Value is "!" or "tag:yaml.org,2002:merge");

        private void CollectMerges(YScalar key, YNode value, List<YMapping> merges)
        {
            switch (value)
            {
                case YMapping m:
                    merges.Add(m);
                    return;
                case YSequence s when s.Items.All(i => i is YMapping):
                    merges.AddRange(s.Items.Cast<YMapping>());
                    return;
                default:
                    _problems.Add(new YamlProblem(key.Start, "a merge key (<<) needs a mapping or a list of mappings", "Point << at an anchored mapping, e.g. <<: *defaults.", Fatal: false));
                    return;
            }
        }

        private (YNode, long) Remember(AnchorName anchor, YNode node, long weight)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, weight);
            }

            return (node, weight);
        }

        private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        private SourcePosition Position(Mark mark) => Position((int)mark.Line, (int)mark.Column);

        /// <summary>A position in the text read, as a position in the original file (part offset added, repairs undone).</summary>
        private SourcePosition Position(int line, int column)
        {
            foreach (var (shiftLine, shiftColumn) in shifts)
            {
                if (shiftLine == line && shiftColumn < column)
                {
                    column--;
                }
            }

            return new SourcePosition(line + lineOffset, column);
        }

        /// <summary>
        /// A node deeper than <see cref="MaxDepth"/>. Its depth is measured on the text that follows,
        /// not by parsing on: YamlDotNet's scanner spends time in proportion to the depth for every
        /// token, so parsing 10,000 levels would be quadratic. Deep nesting is flow nesting in
        /// practice (10,000 block levels need 50 million spaces of indentation), so brackets are
        /// counted, outside quotes and comments, to tell what Kubernetes reads (10,000 levels) from
        /// what it refuses.
        /// </summary>
        private DocumentRejectedException DepthProblem(ParsingEvent current)
        {
            var at = Position(current.Start);
            var deepest = MaxDepth + FlowDepthFrom((int)Math.Min(current.Start.Index, Text.Length));
            return deepest > KubernetesMaxDepth
                ? new DocumentRejectedException(at, $"the document nests deeper than {KubernetesMaxDepth:N0} levels, which Kubernetes refuses (exceeded max depth of {KubernetesMaxDepth})", "Flatten the structure; no Kubernetes object nests this deep.")
                : new DocumentRejectedException(at, $"the document nests deeper than {MaxDepth} levels, more than KubePlan analyses: Kubernetes reads up to {KubernetesMaxDepth:N0} levels, but this document is not checked", "Flatten the structure if you can; no built-in Kubernetes object nests this deep.", YamlProblemKind.NestingLimit);
        }

        /// <summary>The deepest bracket nesting reached from an offset until the nesting open there closes.</summary>
        private int FlowDepthFrom(int start)
        {
            var depth = 0;
            var deepest = 0;
            for (var i = start; i < Text.Length; i++)
            {
                switch (Text[i])
                {
                    case '"':
                        for (i++; i < Text.Length && Text[i] != '"'; i++)
                        {
                            i += Text[i] == '\\' ? 1 : 0;
                        }

                        break;
                    case '\'':
                        i = Text.IndexOf('\'', i + 1) is var close and >= 0 ? close : Text.Length;
                        break;
                    case '#' when i == 0 || char.IsWhiteSpace(Text[i - 1]):
                        i = Text.IndexOf('\n', i) is var eol and >= 0 ? eol : Text.Length;
                        break;
                    case '[' or '{':
                        deepest = Math.Max(deepest, ++depth);
                        break;
                    case ']' or '}':
                        if (--depth <= 0)
                        {
                            return deepest;
                        }

                        break;
                }
            }

            return deepest;
        }

        /// <summary>
        /// yaml.v2 reads an anchor or alias name as letters, digits, '-' and '_' only. It ends the name
        /// quietly at ':' or '?' and scans on (the part is re-read with the name split there); at any
        /// other character it fails ("did not find expected alphabetic or numeric character").
        /// </summary>
        private void CheckAnchorName(ParsingEvent current)
        {
            var (name, start) = current switch
            {
                AnchorAlias alias => (alias.Value.Value, alias.Start.Index),
                NodeEvent { Anchor.IsEmpty: false } node => (node.Anchor.Value, FindAnchorStart(node)),
                _ => (null, default),
            };
            if (name is null || KubectlYaml.FirstInvalidAnchorCharacter(name) is var bad && bad < 0)
            {
                return;
            }

            var index = (int)start + 1 + bad;
            if (bad > 0 && KubectlYaml.EndsAnchorQuietly(name[bad]) && index < Text.Length && Text[index] == name[bad])
            {
                throw new DocumentRejectedException(default, string.Empty, null) { SplitIndex = index };
            }

            var (line, column) = LineAndColumn(Text, Math.Min(index, Text.Length));
            throw new DocumentRejectedException(Position(line, column), $"an anchor or alias name may hold only letters, digits, '-' and '_' for Kubernetes' YAML parser, not '{name[bad]}' (did not find expected alphabetic or numeric character)", "Rename the anchor with letters, digits, '-' and '_' only, and put a space after it.");
        }

        /// <summary>Where the '&amp;' of a node's anchor stands: the node's start, or the anchor before a tag or the node.</summary>
        private long FindAnchorStart(NodeEvent node)
        {
            var from = (int)Math.Min(node.Start.Index + node.Anchor.Value.Length, Text.Length - 1);
            var at = from < 0 ? -1 : Text.LastIndexOf("&" + node.Anchor.Value, from, StringComparison.Ordinal);
            return at < 0 ? node.Start.Index : at;
        }

        /// <summary>Moves past a node's last event, except the root's: nothing after the root is read.</summary>
        private void MoveNext(int depth)
        {
            if (depth > 0)
            {
                _parser.MoveNext();
            }
        }

        /// <summary>Like <see cref="Accept{T}"/> for the event that closes a collection, which stays current for the root.</summary>
        private bool AcceptEnd<T>(int depth)
            where T : ParsingEvent
        {
            if (_parser.Current is { } current)
            {
                CheckGuard(current);
            }

            if (_parser.Current is not T)
            {
                return false;
            }

            MoveNext(depth);
            return true;
        }

        /// <summary>
        /// The offset of the first content after a document that ends at <paramref name="from"/>, skipping
        /// white space, comments, <c>...</c> end markers and directive lines (null when there is none);
        /// and the offset right after the first end marker, if there is one before it.
        /// </summary>
        internal static (int? Offset, int? MarkerEnd) FindIgnoredContent(ReadOnlySpan<char> source, int from)
        {
            int? markerEnd = null;
            var i = from;
            while (i < source.Length)
            {
                var c = source[i];
                var lineStart = i == 0 || source[i - 1] == '\n';
                if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
                {
                    i++;
                }
                else if (c == '#' || (lineStart && c == '%'))
                {
                    var eol = source[i..].IndexOf('\n');
                    i = eol < 0 ? source.Length : i + eol;
                }
                else if (lineStart && source[i..].StartsWith("...", StringComparison.Ordinal) && (i + 3 == source.Length || source[i + 3] is ' ' or '\t' or '\r' or '\n'))
                {
                    i += 3;
                    markerEnd ??= i;
                }
                else
                {
                    return (i, markerEnd);
                }
            }

            return (null, markerEnd);
        }

        private T Expect<T>()
            where T : ParsingEvent
        {
            if (_parser.Current is null)
            {
                _parser.MoveNext();
            }

            if (_parser.Current is not T value)
            {
                if (_parser.Current is { } other)
                {
                    CheckGuard(other);
                }

                throw new DocumentRejectedException(_lastPosition, $"unexpected YAML structure (expected {typeof(T).Name})", null);
            }

            CheckGuard(value);

            _lastPosition = Position(value.Start);
            _parser.MoveNext();
            return value;
        }

        private bool Accept<T>()
            where T : ParsingEvent
        {
            if (_parser.Current is null)
            {
                _parser.MoveNext();
            }

            if (_parser.Current is { } current)
            {
                CheckGuard(current);
            }

            if (_parser.Current is T)
            {
                _parser.MoveNext();
                return true;
            }

            return false;
        }
    }

    private sealed class DocumentRejectedException(SourcePosition position, string message, string? hint, YamlProblemKind kind = YamlProblemKind.Syntax) : Exception(message)
    {
        public SourcePosition Position { get; } = position;

        public string? Hint { get; } = hint;

        public YamlProblemKind Kind { get; } = kind;

        /// <summary>Set instead of a problem when the part must be re-read with an anchor name split at this offset.</summary>
        public int? SplitIndex { get; init; }
    }

    /// <summary>Thrown when reading passes the first position yaml.v2 refuses.</summary>
    private sealed class GuardException : Exception;
}
