using System.Buffers;
using System.Text;

namespace KubePlan.Manifests;

/// <summary>
/// Reads a part (the text between two <c>---</c> lines) written in the plain block YAML that nearly every Kubernetes
/// manifest uses straight into its tree, the tree YamlStreamReader's document builder makes from YamlDotNet's events;
/// a part with anything else is left to that reader (<see cref="TryRead"/> returns null, and nothing of it is kept).
/// </summary>
/// <remarks>
/// Why: YamlDotNet's scanner is general (flow collections, tags, anchors, every scalar style, look-ahead through a
/// token queue, an event object per node) and took most of a lint's time; on one thread it was the limit of a run on
/// two cores. This reader takes one pass over the characters, makes no event, and shares nothing between threads, so
/// it runs on every reading thread at once.
/// What it reads: block mappings and block sequences (also a sequence at its key's indentation, and a mapping that
/// starts on a sequence entry's line), string keys, plain and quoted scalars on one line (with the escapes every YAML
/// reader knows), literal block scalars (<c>|</c>, <c>|-</c>) and the empty flow collections <c>[]</c> and <c>{}</c>,
/// with comments and blank lines anywhere. It leaves to YamlDotNet: anchors, aliases, merge keys, tags, directives,
/// <c>...</c>, flow collections with content, folded and kept block scalars, indentation indicators, scalars over
/// several lines, keys that are not strings, tabs, carriage returns and the characters Kubernetes refuses, and any
/// part that is not exactly one block collection. Equality with the other reader's trees, positions and problems is
/// pinned by a test over every YAML file of the repository.
/// </remarks>
internal static class BlockYamlReader
{
    /// <summary>Nesting deeper than this is left to the other reader and its depth checks.</summary>
    private const int MaxNesting = 200;

    /// <summary>YAML's limit on an implicit key's length.</summary>
    private const int MaxKeyLength = 1024;

    /// <summary>Characters that send a part to YamlDotNet wherever they are: tabs, carriage returns, other line breaks, characters Kubernetes refuses, a byte order mark, the reader's own marker.</summary>
    private static readonly SearchValues<char> Unhandled = SearchValues.Create(BuildUnhandled());

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>When set (in this flow), every part goes to YamlDotNet: tests compare the two readings.</summary>
    internal static AsyncLocal<bool> Disabled { get; } = new();

    /// <summary>
    /// The document of the part at <paramref name="offset"/> of <paramref name="source"/> (its start and root, positions
    /// on the part's first line <paramref name="lineOffset"/> + 1) and its problems, or null when the part is not in the subset.
    /// </summary>
    /// <param name="strings">The reading thread's pool of short scalar values (<see cref="SharedStrings.Values"/>).</param>
    public static (SourcePosition Start, YNode Root, List<YamlProblem> Problems)? TryRead(string source, int offset, int length, int lineOffset, HashSet<string> strings)
    {
        if (length == 0 || Disabled.Value || source.AsSpan(offset, length).ContainsAny(Unhandled))
        {
            return null;
        }

        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            var reader = new Reader(source, offset, offset + length, lineOffset, strings, scratch);
            return reader.ReadPart() is { } root ? (reader.DocumentStart, root, reader.Problems) : null;
        }
        finally
        {
            scratch.Clear();
            t_scratch = scratch;
        }
    }

    private static char[] BuildUnhandled()
    {
        var list = new List<char>();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c != '\n')
            {
                list.Add(c);
            }
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            list.Add(c);
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            list.Add(c);
        }

        list.AddRange(['\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', YamlStreamReader.EscapedApostropheMarker]);
        return [.. list];
    }

    /// <summary>Lists kept per nesting depth and reused from part to part on a thread: a mapping's entries are gathered, then copied out at their number.</summary>
    private sealed class Scratch
    {
        private readonly List<List<YEntry>> _entries = [];
        private readonly List<List<YNode>> _items = [];

        public List<YEntry> Entries(int depth) => YamlStreamReader.Scratch(_entries, depth);

        public List<YNode> Items(int depth) => YamlStreamReader.Scratch(_items, depth);

        /// <summary>Empties every list, so that the thread holds no node of a part once it is read.</summary>
        public void Clear()
        {
            foreach (var list in _entries)
            {
                list.Clear();
            }

            foreach (var list in _items)
            {
                list.Clear();
            }
        }
    }

    /// <summary>
    /// One pass over a part's lines. Every method returns null (or false) as soon as the text leaves the subset; one that
    /// reads a node returns with the current line at the first line after the node (not yet read, or read by SkipToContent).
    /// </summary>
    private struct Reader(string source, int start, int end, int lineOffset, HashSet<string> strings, Scratch scratch)
    {
        // The current line: where it starts and ends (at its '\n' or the part's end), its 1-based number, its indentation.
        private int _lineStart = -1;
        private int _lineEnd;
        private int _line = 1;
        private int _indent;
        private bool _atEnd;

        // Whether the current line is the content line SkipToContent found (its end and indentation known): after a value,
        // the line below is looked at to see that it does not continue the value, then read on from by the collection.
        private bool _atContent;
        private int _depth;
        private List<YamlProblem>? _problems;

        public SourcePosition DocumentStart { get; private set; }

        public readonly List<YamlProblem> Problems => _problems ?? [];

        public YNode? ReadPart()
        {
            _lineStart = start;
            if (!SkipToContent())
            {
                return null; // only comments: no document, the other reader says so
            }

            DocumentStart = PositionOf(_lineStart + _indent);
            var root = ReadCollection(_lineStart + _indent, _indent);

            // One document, and nothing after it: content after the root is the other reader's to report.
            return root is null || SkipToContent() ? null : root;
        }

        /// <summary>The position of an offset of the current line in the file.</summary>
        private readonly SourcePosition PositionOf(int at) => new(_line + lineOffset, at - _lineStart + 1);

        /// <summary>Moves to the next line that holds content (not blank, not a comment); false at the part's end.</summary>
        private bool SkipToContent()
        {
            if (_atContent)
            {
                return true;
            }

            while (!_atEnd)
            {
                var indent = MeasureLine();
                if (_lineStart + indent < _lineEnd && source[_lineStart + indent] != '#')
                {
                    _indent = indent;
                    _atContent = true;
                    return true;
                }

                NextLine();
            }

            return false;
        }

        /// <summary>Finds where the current line ends and returns how many spaces open it.</summary>
        private int MeasureLine()
        {
            var newline = source.IndexOf('\n', _lineStart, end - _lineStart);
            _lineEnd = newline < 0 ? end : newline;
            var spaces = 0;
            while (_lineStart + spaces < _lineEnd && source[_lineStart + spaces] == ' ')
            {
                spaces++;
            }

            return spaces;
        }

        private void NextLine()
        {
            _atContent = false;
            if (_lineEnd >= end)
            {
                _atEnd = true;
                _lineStart = end;
                return;
            }

            _lineStart = _lineEnd + 1;
            _line++;
            _atEnd = _lineStart >= end;
        }

        /// <summary>A block collection whose first content is at <paramref name="at"/> on the current line, indented <paramref name="indent"/>.</summary>
        private YNode? ReadCollection(int at, int indent)
        {
            if (++_depth > MaxNesting)
            {
                return null;
            }

            var read = IsEntry(at) ? ReadSequence(at, indent) : ReadMapping(at, indent);
            _depth--;
            return read;
        }

        /// <summary>Whether a "..." or "---" marker starts the line at <paramref name="at"/>.</summary>
        private readonly bool IsDocumentMarker(int at) =>
            at + 3 <= _lineEnd && (source.AsSpan(at, 3) is "..." or "---") && (at + 3 == _lineEnd || source[at + 3] == ' ');

        /// <summary>Whether a sequence entry ('-' then a space or the line's end) starts at <paramref name="at"/>.</summary>
        private readonly bool IsEntry(int at) => source[at] == '-' && (at + 1 == _lineEnd || source[at + 1] == ' ');

        private YNode? ReadSequence(int at, int indent)
        {
            var position = PositionOf(at);
            var items = scratch.Items(_depth);
            while (true)
            {
                var after = at + 1;
                var content = SkipSpaces(after);
                YNode? item;
                if (content == _lineEnd || source[content] == '#')
                {
                    item = ReadValueBelow(indent, PositionOf(after), sameIndentSequence: false);
                }
                else if (IsEntry(content))
                {
                    return null; // "- - x": a sequence in a sequence on one line
                }
                else
                {
                    item = IsKeyAt(content) ? ReadCollection(content, content - _lineStart) : ReadInlineValue(content, indent);
                }

                if (item is null)
                {
                    return null;
                }

                items.Add(item);
                if (!SkipToContent() || _indent < indent)
                {
                    break;
                }

                at = _lineStart + _indent;
                if (_indent > indent)
                {
                    return null;
                }

                if (!IsEntry(at))
                {
                    break; // the mapping that holds this sequence at its keys' indentation goes on
                }
            }

            return new YSequence(position, items.ToArray());
        }

        private YNode? ReadMapping(int at, int indent)
        {
            var position = PositionOf(at);
            var entries = scratch.Entries(_depth);
            Dictionary<string, int>? index = null;
            Dictionary<int, SourcePosition>? firstKeys = null;
            while (true)
            {
                if (IsEntry(at) || (at == _lineStart && IsDocumentMarker(at)))
                {
                    return null; // an entry where a key should be, or a "..." that ends the document
                }

                var keyStart = PositionOf(at);
                var plainKey = source[at] is not ('"' or '\'');
                var (key, colon) = ReadKey(at);
                if (key is null)
                {
                    return null;
                }

                var content = SkipSpaces(colon + 1);
                var value = content == _lineEnd || source[content] == '#'
                    ? ReadValueBelow(indent, PositionOf(colon + 1), sameIndentSequence: true)
                    : ReadInlineValue(content, indent);
                if (value is null)
                {
                    return null;
                }

                // Entries gathered per depth: a value read above may have used deeper lists, never this one.
                YamlStreamReader.AddEntry(entries, new YEntry(key, keyStart, plainKey, value), ref index, ref firstKeys, _problems ??= []);
                if (!SkipToContent() || _indent < indent)
                {
                    break;
                }

                if (_indent > indent)
                {
                    return null;
                }

                at = _lineStart + _indent;
            }

            return new YMapping(position, entries.ToArray());
        }

        /// <summary>
        /// The value of a key or entry with nothing after it on its line: the collection on the lines below, indented
        /// more (or, for a key, a sequence at the key's indentation), else an empty scalar at <paramref name="empty"/>.
        /// </summary>
        private YNode? ReadValueBelow(int indent, SourcePosition empty, bool sameIndentSequence)
        {
            NextLine();
            if (SkipToContent())
            {
                var at = _lineStart + _indent;
                if (_indent > indent || (sameIndentSequence && _indent == indent && IsEntry(at)))
                {
                    return ReadCollection(at, _indent);
                }
            }

            return Scalar(empty, string.Empty, plain: true);
        }

        /// <summary>Whether a key (a plain or quoted scalar then ": " or ':' at the line's end) starts at <paramref name="at"/>.</summary>
        private readonly bool IsKeyAt(int at)
        {
            var c = source[at];
            if (c is '"' or '\'')
            {
                var close = source.IndexOf(c, at + 1, _lineEnd - at - 1);
                if (close < 0)
                {
                    return false;
                }

                var next = SkipSpaces(close + 1);
                return next < _lineEnd && source[next] == ':';
            }

            return PlainKeyColon(at) >= 0;
        }

        /// <summary>The ':' that ends a plain key starting at <paramref name="at"/>, or -1 when there is none on the line.</summary>
        private readonly int PlainKeyColon(int at)
        {
            for (var i = at; i < _lineEnd; i++)
            {
                var c = source[i];
                if (c == ':' && (i + 1 == _lineEnd || source[i + 1] == ' '))
                {
                    return i;
                }

                if (c == '#' && i > at && source[i - 1] == ' ')
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>
        /// The text of the key at <paramref name="at"/> (shared with every key of that text) and the offset of its ':';
        /// a null text for a key not in the subset, or one that is not a non-empty string (a number, a boolean, null, a
        /// merge key <c>&lt;&lt;</c>): the other reader handles those.
        /// </summary>
        private readonly (string? Key, int Colon) ReadKey(int at)
        {
            var c = source[at];
            if (c is '"' or '\'')
            {
                var (value, close) = c == '"' ? DoubleQuoted(at) : SingleQuoted(at);
                if (value is null || close + 1 - at > MaxKeyLength)
                {
                    return (null, -1);
                }

                var colon = SkipSpaces(close + 1);
                if (colon >= _lineEnd || source[colon] != ':' || (colon + 1 < _lineEnd && source[colon + 1] != ' ') || value.Length == 0)
                {
                    return (null, -1);
                }

                return (SharedStrings.Key(value), colon);
            }

            var keyColon = CanStartPlain(at) ? PlainKeyColon(at) : -1;
            if (keyColon < 0)
            {
                return (null, -1);
            }

            var last = keyColon;
            while (source[last - 1] == ' ')
            {
                last--;
            }

            if (last - at > MaxKeyLength)
            {
                return (null, -1);
            }

            var text = SharedStrings.Key(source.AsSpan(at, last - at));
            return text != "<<" && ScalarResolver.Resolve(text, true, null).Kind == ScalarKind.String ? (text, keyColon) : (null, -1);
        }

        /// <summary>A value that starts at <paramref name="at"/> on the current line, in a collection indented <paramref name="indent"/>.</summary>
        private YNode? ReadInlineValue(int at, int indent)
        {
            var position = PositionOf(at);
            switch (source[at])
            {
                case '"':
                case '\'':
                {
                    var (value, close) = source[at] == '"' ? DoubleQuoted(at) : SingleQuoted(at);
                    return value is null || !OnlyCommentFrom(close + 1) ? null : EndOfValueLine(Scalar(position, value, plain: false), indent);
                }

                case '[' when at + 1 < _lineEnd && source[at + 1] == ']' && OnlyCommentFrom(at + 2):
                    return EndOfValueLine(new YSequence(position, Array.Empty<YNode>()), indent);
                case '{' when at + 1 < _lineEnd && source[at + 1] == '}' && OnlyCommentFrom(at + 2):
                    return EndOfValueLine(new YMapping(position, Array.Empty<YEntry>()), indent);
                case '|':
                    return ReadLiteral(at, indent);
                default:
                    return ReadPlain(at, indent);
            }
        }

        /// <summary>Moves past a value's line; a next line indented more than the collection would be more of it (or an error): left to the other reader.</summary>
        private YNode? EndOfValueLine(YNode value, int indent)
        {
            NextLine();
            return !SkipToContent() || _indent <= indent ? value : null;
        }

        /// <summary>A plain scalar on one line: it ends at the line's end or at a comment.</summary>
        private YNode? ReadPlain(int at, int indent)
        {
            if (!CanStartPlain(at))
            {
                return null;
            }

            var last = at;
            for (var i = at; i < _lineEnd; i++)
            {
                var c = source[i];
                if (c == ':' && (i + 1 == _lineEnd || source[i + 1] == ' '))
                {
                    return null; // a second key on the line, which YAML refuses
                }

                if (c == '#' && source[i - 1] == ' ')
                {
                    break;
                }

                if (c != ' ')
                {
                    last = i + 1;
                }
            }

            return EndOfValueLine(Scalar(PositionOf(at), Pooled(at, last), plain: true, pooled: true), indent);
        }

        /// <summary>
        /// A literal block scalar (<c>|</c> or <c>|-</c>) whose indicator is at <paramref name="at"/>, in a collection
        /// indented <paramref name="indent"/>: the lines below as deep as its first content line, blank lines among them.
        /// </summary>
        private YNode? ReadLiteral(int at, int indent)
        {
            var strip = at + 1 < _lineEnd && source[at + 1] == '-';
            var header = at + (strip ? 2 : 1);
            if ((header < _lineEnd && source[header] != ' ') || !OnlyCommentFrom(header))
            {
                return null; // '+', an indentation indicator, or anything else after the indicator
            }

            var position = PositionOf(at);
            var text = new StringBuilder();
            var contentIndent = -1;
            var leadingSpaces = 0;
            var emptyLines = 0;
            var lastLineBreaks = false;

            // The loop stops at the first line that is not the scalar's, which stays for the caller to read.
            NextLine();
            while (!_atEnd)
            {
                var spaces = MeasureLine();
                var blank = _lineStart + spaces == _lineEnd;
                if (contentIndent < 0 && !blank)
                {
                    if (spaces <= indent || leadingSpaces > spaces)
                    {
                        return null; // an empty scalar, or blank lines indented past its first line
                    }

                    contentIndent = spaces;
                }

                if (!blank && spaces < contentIndent)
                {
                    break;
                }

                if (blank && (contentIndent < 0 || spaces <= contentIndent))
                {
                    // An empty line: a line break of its own if more content follows, dropped at the end.
                    leadingSpaces = Math.Max(leadingSpaces, spaces);
                    emptyLines++;
                }
                else
                {
                    // A content line; spaces past the indentation are content, also on a line of nothing else
                    // (go-yaml's yaml_parser_scan_block_scalar_breaks stops eating spaces at the indentation).
                    text.Append('\n', emptyLines + (text.Length > 0 ? 1 : 0));
                    text.Append(source, _lineStart + contentIndent, _lineEnd - _lineStart - contentIndent);
                    lastLineBreaks = _lineEnd < end;
                    emptyLines = 0;
                }

                NextLine();
            }

            if (contentIndent < 0)
            {
                return null;
            }

            // Clip keeps the last content line's break, strip drops it; the empty lines after it go either way.
            if (!strip && lastLineBreaks)
            {
                text.Append('\n');
            }

            return Scalar(position, text.ToString(), plain: false);
        }

        /// <summary>A double-quoted scalar on one line: its value and the offset of its closing quote (null: not in the subset).</summary>
        private readonly (string? Value, int Close) DoubleQuoted(int at)
        {
            StringBuilder? unescaped = null;
            var from = at + 1;
            for (var i = at + 1; i < _lineEnd; i++)
            {
                var c = source[i];
                if (c == '"')
                {
                    return unescaped is null ? (Text(at + 1, i), i) : (unescaped.Append(source, from, i - from).ToString(), i);
                }

                if (c != '\\')
                {
                    continue;
                }

                unescaped ??= new StringBuilder();
                unescaped.Append(source, from, i - from);
                var length = Unescape(i + 1, unescaped);
                if (length == 0)
                {
                    return (null, -1);
                }

                i += length;
                from = i + 1;
            }

            return (null, -1);
        }

        /// <summary>
        /// Appends the character a YAML escape stands for (the text after the backslash at <paramref name="at"/>) and
        /// returns how many characters the escape takes after the backslash; 0 for one left to YamlDotNet (a line
        /// break, \' which only yaml.v2 accepts, \/, a surrogate or an invalid code point).
        /// </summary>
        private readonly int Unescape(int at, StringBuilder value)
        {
            if (at >= _lineEnd)
            {
                return 0;
            }

            var simple = source[at] switch
            {
                '0' => '\0',
                'a' => '\a',
                'b' => '\b',
                't' => '\t',
                'n' => '\n',
                'v' => '\v',
                'f' => '\f',
                'r' => '\r',
                'e' => '\u001B',
                ' ' => ' ',
                '"' => '"',
                '\\' => '\\',
                'N' => '\u0085',
                '_' => '\u00A0',
                'L' => '\u2028',
                'P' => '\u2029',
                _ => (char?)null,
            };
            if (simple is { } character)
            {
                value.Append(character);
                return 1;
            }

            var digits = source[at] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits == 0 || at + digits >= _lineEnd
                || !uint.TryParse(source.AsSpan(at + 1, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
                || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                return 0;
            }

            value.Append(char.ConvertFromUtf32((int)code));
            return digits + 1;
        }

        /// <summary>A single-quoted scalar on one line ('' for a quote): its value and the offset of its closing quote.</summary>
        private readonly (string? Value, int Close) SingleQuoted(int at)
        {
            StringBuilder? unescaped = null;
            var from = at + 1;
            for (var i = at + 1; i < _lineEnd; i++)
            {
                if (source[i] != '\'')
                {
                    continue;
                }

                if (i + 1 < _lineEnd && source[i + 1] == '\'')
                {
                    (unescaped ??= new StringBuilder()).Append(source, from, i + 1 - from);
                    from = i + 2;
                    i++;
                    continue;
                }

                return unescaped is null ? (Text(at + 1, i), i) : (unescaped.Append(source, from, i - from).ToString(), i);
            }

            return (null, -1);
        }

        /// <summary>Whether only spaces, then nothing or a comment, follow <paramref name="at"/> on the line.</summary>
        private readonly bool OnlyCommentFrom(int at)
        {
            var next = SkipSpaces(at);
            return next == _lineEnd || (source[next] == '#' && next > at);
        }

        /// <summary>Whether a plain scalar may start here: not with an indicator (a '-' followed by more text may).</summary>
        private readonly bool CanStartPlain(int at)
        {
            var c = source[at];
            return c switch
            {
                '-' => at + 1 < _lineEnd && source[at + 1] != ' ',
                '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => false,
                _ => true,
            };
        }

        private readonly int SkipSpaces(int at)
        {
            while (at < _lineEnd && source[at] == ' ')
            {
                at++;
            }

            return at;
        }

        /// <summary>The text between two offsets.</summary>
        private readonly string Text(int from, int to) => source.Substring(from, to - from);

        /// <summary>The text between two offsets; a short one is the thread's pooled string of that text (made only when new).</summary>
        private readonly string Pooled(int from, int to)
        {
            if (to - from > YamlStreamReader.SharedStringLength)
            {
                return Text(from, to);
            }

            var span = source.AsSpan(from, to - from);
            if (strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out var shared))
            {
                return shared;
            }

            var made = span.ToString();
            strings.Add(made);
            return made;
        }

        /// <summary>A scalar node as the document builder makes it: its text pooled when short, resolved as yaml.v2 resolves it.</summary>
        private readonly YScalar Scalar(SourcePosition position, string text, bool plain, bool pooled = false)
        {
            text = pooled ? text : YamlStreamReader.Pooled(text, strings);
            var (kind, value) = ScalarResolver.Resolve(text, plain, null);
            return new YScalar(position, text, kind, value, plain, valueFromText: true);
        }
    }
}
