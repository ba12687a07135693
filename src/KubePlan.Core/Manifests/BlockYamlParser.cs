using System.Buffers;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Manifests;

/// <summary>
/// Reads a part (the text between two <c>---</c> lines) written in the plain block YAML that nearly every Kubernetes
/// manifest uses, and gives the events YamlDotNet's parser would give for it; a part with anything else is left to
/// YamlDotNet (<see cref="TryRead"/> returns null, before any event is handed out).
/// </summary>
/// <remarks>
/// Why: YamlDotNet's scanner is general (flow collections, tags, anchors, every scalar style, look-ahead through a
/// token queue) and takes most of a lint's time; on one thread it was the limit of a run on two cores. This reader
/// takes one pass over the characters and no shared state, so it runs on every reading thread at once.
/// What it reads: block mappings and block sequences (also a sequence at its key's indentation, and a mapping that
/// starts on a sequence entry's line), plain and quoted keys and scalars on one line, literal block scalars
/// (<c>|</c>, <c>|-</c>) and the empty flow collections <c>[]</c> and <c>{}</c>, with comments and blank lines
/// anywhere. It leaves to YamlDotNet: anchors, aliases, tags, directives, <c>...</c>, flow collections with content,
/// folded and kept block scalars, indentation indicators, scalars over several lines, the escapes only some readers know,
/// tabs, carriage returns and the characters Kubernetes refuses, and any part that is not exactly one block
/// collection. Equality with YamlDotNet's trees is pinned by a test over every YAML file of the repository.
/// </remarks>
internal sealed class BlockYamlParser : IParser
{
    /// <summary>Nesting deeper than this is left to YamlDotNet's reader and its depth checks.</summary>
    private const int MaxNesting = 200;

    /// <summary>YAML's limit on an implicit key's length.</summary>
    private const int MaxKeyLength = 1024;

    /// <summary>Characters that send a part to YamlDotNet wherever they are: tabs, carriage returns, other line breaks, characters Kubernetes refuses, a byte order mark.</summary>
    private static readonly SearchValues<char> Unhandled = SearchValues.Create(BuildUnhandled());

    [ThreadStatic]
    private static List<ParsingEvent>? t_spare;

    /// <summary>When set (in this flow), every part goes to YamlDotNet: tests compare the two readings.</summary>
    internal static AsyncLocal<bool> Disabled { get; } = new();

    private readonly ParsingEvent[] _events;
    private int _next = -1;

    private BlockYamlParser(ParsingEvent[] events) => _events = events;

    public ParsingEvent? Current => _next >= 0 && _next < _events.Length ? _events[_next] : null;

    public bool MoveNext() => ++_next < _events.Length;

    /// <summary>The events of the part at <paramref name="offset"/> of <paramref name="source"/>, or null when it is not in the subset read here.</summary>
    public static BlockYamlParser? TryRead(string source, int offset, int length)
    {
        if (length == 0 || Disabled.Value || source.AsSpan(offset, length).ContainsAny(Unhandled))
        {
            return null;
        }

        var events = t_spare ?? new List<ParsingEvent>();
        t_spare = null;
        try
        {
            var reader = new Reader(source, offset, offset + length, events);
            return reader.ReadPart() ? new BlockYamlParser(events.ToArray()) : null;
        }
        finally
        {
            events.Clear();
            t_spare = events;
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

        list.AddRange(['\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF']);
        return [.. list];
    }

    /// <summary>
    /// One pass over a part's lines. Every method returns false as soon as the text leaves the subset; one that reads a
    /// node returns with the current line at the first line after the node (not yet read, or read by SkipToContent).
    /// </summary>
    private struct Reader(string source, int start, int end, List<ParsingEvent> events)
    {
        // The current line: where it starts and ends (at its '\n' or the part's end), its 1-based number, its indentation.
        private int _lineStart = -1;
        private int _lineEnd;
        private int _line = 1;
        private int _indent;
        private bool _atEnd;
        private int _depth;

        public bool ReadPart()
        {
            _lineStart = start;
            var origin = new Mark(0, 1, 1);
            events.Add(new StreamStart(origin, origin));
            if (!SkipToContent())
            {
                return false; // only comments: YamlDotNet's stream of no document
            }

            var first = MarkAt(_lineStart + _indent);
            events.Add(new DocumentStart(null, null, true, first, first));
            if (!ReadCollection(_lineStart + _indent, _indent))
            {
                return false;
            }

            // One document, and nothing after it: content after the root is the reader's to report.
            if (SkipToContent())
            {
                return false;
            }

            var last = MarkAt(end);
            events.Add(new DocumentEnd(true, last, last));
            events.Add(new StreamEnd(last, last));
            return true;
        }

        /// <summary>The mark YamlDotNet gives an offset of the current line (or the part's end).</summary>
        private readonly Mark MarkAt(int at) => new(at - start, _line, at - _lineStart + 1);

        /// <summary>Moves to the next line that holds content (not blank, not a comment); false at the part's end.</summary>
        private bool SkipToContent()
        {
            while (!_atEnd)
            {
                var newline = source.IndexOf('\n', _lineStart, end - _lineStart);
                _lineEnd = newline < 0 ? end : newline;
                var indent = 0;
                while (_lineStart + indent < _lineEnd && source[_lineStart + indent] == ' ')
                {
                    indent++;
                }

                if (_lineStart + indent < _lineEnd && source[_lineStart + indent] != '#')
                {
                    _indent = indent;
                    return true;
                }

                NextLine();
            }

            return false;
        }

        private void NextLine()
        {
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
        private bool ReadCollection(int at, int indent)
        {
            if (++_depth > MaxNesting)
            {
                return false;
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

        private bool ReadSequence(int at, int indent)
        {
            var mark = MarkAt(at);
            events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block, mark, mark));
            while (true)
            {
                var after = at + 1;
                var content = SkipSpaces(after);
                if (content == _lineEnd || source[content] == '#')
                {
                    if (content < _lineEnd && content == after)
                    {
                        return false; // "-#": not a comment
                    }

                    if (!ReadValueBelow(indent, MarkAt(after), sameIndentSequence: false))
                    {
                        return false;
                    }
                }
                else if (IsEntry(content))
                {
                    return false; // "- - x": a sequence in a sequence on one line
                }
                else if (IsKeyAt(content))
                {
                    if (!ReadCollection(content, content - _lineStart))
                    {
                        return false;
                    }
                }
                else if (!ReadInlineValue(content, indent))
                {
                    return false;
                }

                if (!SkipToContent() || _indent < indent)
                {
                    break;
                }

                at = _lineStart + _indent;
                if (_indent > indent)
                {
                    return false;
                }

                if (!IsEntry(at))
                {
                    break; // the mapping that holds this sequence at its keys' indentation goes on
                }
            }

            var endMark = _atEnd ? MarkAt(end) : MarkAt(_lineStart + _indent);
            events.Add(new SequenceEnd(endMark, endMark));
            return true;
        }

        private bool ReadMapping(int at, int indent)
        {
            var mark = MarkAt(at);
            events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, mark, mark));
            while (true)
            {
                if (IsEntry(at) || (at == _lineStart && IsDocumentMarker(at)))
                {
                    return false; // an entry where a key should be, or a "..." that ends the document
                }

                var colon = ReadKey(at);
                if (colon < 0)
                {
                    return false;
                }

                var content = SkipSpaces(colon + 1);
                if (content == _lineEnd || source[content] == '#')
                {
                    if (content < _lineEnd && content == colon + 1)
                    {
                        return false;
                    }

                    if (!ReadValueBelow(indent, MarkAt(colon + 1), sameIndentSequence: true))
                    {
                        return false;
                    }
                }
                else if (!ReadInlineValue(content, indent))
                {
                    return false;
                }

                if (!SkipToContent() || _indent < indent)
                {
                    break;
                }

                if (_indent > indent)
                {
                    return false;
                }

                at = _lineStart + _indent;
            }

            var endMark = _atEnd ? MarkAt(end) : MarkAt(_lineStart + _indent);
            events.Add(new MappingEnd(endMark, endMark));
            return true;
        }

        /// <summary>
        /// The value of a key or entry with nothing after it on its line: the collection on the lines below, indented
        /// more (or, for a key, a sequence at the key's indentation), else an empty scalar at <paramref name="empty"/>.
        /// </summary>
        private bool ReadValueBelow(int indent, Mark empty, bool sameIndentSequence)
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

            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, empty, empty, false));
            return true;
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

        /// <summary>Reads the key at <paramref name="at"/> into a scalar event and returns the offset of its ':' (-1: not in the subset).</summary>
        private int ReadKey(int at)
        {
            var c = source[at];
            var mark = MarkAt(at);
            if (c is '"' or '\'')
            {
                var (value, close) = c == '"' ? DoubleQuoted(at) : SingleQuoted(at);
                if (value is null)
                {
                    return -1;
                }

                var colon = SkipSpaces(close + 1);
                if (colon >= _lineEnd || source[colon] != ':' || (colon + 1 < _lineEnd && source[colon + 1] != ' ') || close + 1 - at > MaxKeyLength)
                {
                    return -1;
                }

                events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted, false, true, mark, MarkAt(close + 1), true));
                return colon;
            }

            if (!CanStartPlain(at))
            {
                return -1;
            }

            var keyColon = PlainKeyColon(at);
            if (keyColon < 0)
            {
                return -1;
            }

            var last = keyColon;
            while (source[last - 1] == ' ')
            {
                last--;
            }

            if (last - at > MaxKeyLength)
            {
                return -1;
            }

            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, Text(at, last), ScalarStyle.Plain, true, false, mark, MarkAt(last), true));
            return keyColon;
        }

        /// <summary>A value that starts at <paramref name="at"/> on the current line, in a collection indented <paramref name="indent"/>.</summary>
        private bool ReadInlineValue(int at, int indent)
        {
            var mark = MarkAt(at);
            switch (source[at])
            {
                case '"':
                case '\'':
                {
                    var (value, close) = source[at] == '"' ? DoubleQuoted(at) : SingleQuoted(at);
                    if (value is null || !OnlyCommentFrom(close + 1))
                    {
                        return false;
                    }

                    var style = source[at] == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
                    events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, style, false, true, mark, MarkAt(close + 1), false));
                    return EndOfValueLine(indent);
                }

                case '[' when at + 1 < _lineEnd && source[at + 1] == ']' && OnlyCommentFrom(at + 2):
                    events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, mark, MarkAt(at + 1)));
                    events.Add(new SequenceEnd(MarkAt(at + 1), MarkAt(at + 2)));
                    return EndOfValueLine(indent);
                case '{' when at + 1 < _lineEnd && source[at + 1] == '}' && OnlyCommentFrom(at + 2):
                    events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Flow, mark, MarkAt(at + 1)));
                    events.Add(new MappingEnd(MarkAt(at + 1), MarkAt(at + 2)));
                    return EndOfValueLine(indent);
                case '|':
                    return ReadLiteral(at, indent);
                default:
                    return ReadPlain(at, indent);
            }
        }

        /// <summary>Moves past a value's line; a next line indented more than the collection would be more of it (or an error): left to YamlDotNet.</summary>
        private bool EndOfValueLine(int indent)
        {
            NextLine();
            return !SkipToContent() || _indent <= indent;
        }

        /// <summary>A plain scalar on one line: it ends at the line's end or at a comment; a next line indented more would continue it.</summary>
        private bool ReadPlain(int at, int indent)
        {
            if (!CanStartPlain(at))
            {
                return false;
            }

            var last = at;
            for (var i = at; i < _lineEnd; i++)
            {
                var c = source[i];
                if (c == ':' && (i + 1 == _lineEnd || source[i + 1] == ' '))
                {
                    return false; // a second key on the line, which YAML refuses
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

            var mark = MarkAt(at);
            var endMark = MarkAt(last);
            var value = Text(at, last);

            // A following line indented more than the collection continues the scalar: left to YamlDotNet.
            NextLine();
            if (SkipToContent() && _indent > indent)
            {
                return false;
            }

            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false, mark, endMark, false));
            return true;
        }

        /// <summary>
        /// A literal block scalar (<c>|</c> or <c>|-</c>) whose indicator is at <paramref name="at"/>, in a collection
        /// indented <paramref name="indent"/>: the lines below as deep as its first content line, blank lines among them.
        /// </summary>
        private bool ReadLiteral(int at, int indent)
        {
            var strip = at + 1 < _lineEnd && source[at + 1] == '-';
            var header = at + (strip ? 2 : 1);
            if ((header < _lineEnd && source[header] != ' ') || !OnlyCommentFrom(header))
            {
                return false; // '+', an indentation indicator, or anything else after the indicator
            }

            var mark = MarkAt(at);
            var text = new System.Text.StringBuilder();
            var contentIndent = -1;
            var leadingSpaces = 0;
            var emptyLines = 0;
            var lastLineBreaks = false;

            // The loop stops at the first line that is not the scalar's, which stays for the caller to read.
            NextLine();
            while (!_atEnd)
            {
                var newline = source.IndexOf('\n', _lineStart, end - _lineStart);
                _lineEnd = newline < 0 ? end : newline;
                var spaces = 0;
                while (_lineStart + spaces < _lineEnd && source[_lineStart + spaces] == ' ')
                {
                    spaces++;
                }

                var blank = _lineStart + spaces == _lineEnd;
                if (contentIndent < 0 && !blank)
                {
                    if (spaces <= indent || leadingSpaces > spaces)
                    {
                        return false; // an empty scalar, or blank lines indented past its first line
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
                return false;
            }

            // Clip keeps the last content line's break, strip drops it; the empty lines after it go either way.
            if (!strip && lastLineBreaks)
            {
                text.Append('\n');
            }

            // The document builder reads a scalar's start mark only.
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, text.ToString(), ScalarStyle.Literal, false, true, mark, mark, false));
            return true;
        }

        /// <summary>A double-quoted scalar on one line: its value and the offset of its closing quote (null: not in the subset).</summary>
        private readonly (string? Value, int Close) DoubleQuoted(int at)
        {
            System.Text.StringBuilder? unescaped = null;
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

                unescaped ??= new System.Text.StringBuilder();
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
        private readonly int Unescape(int at, System.Text.StringBuilder value)
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
            System.Text.StringBuilder? unescaped = null;
            var from = at + 1;
            for (var i = at + 1; i < _lineEnd; i++)
            {
                if (source[i] != '\'')
                {
                    continue;
                }

                if (i + 1 < _lineEnd && source[i + 1] == '\'')
                {
                    (unescaped ??= new System.Text.StringBuilder()).Append(source, from, i + 1 - from);
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

        /// <summary>The text between two offsets; a short one shared with the reader's pool on this thread.</summary>
        private readonly string Text(int from, int to) => source.Substring(from, to - from);
    }
}
