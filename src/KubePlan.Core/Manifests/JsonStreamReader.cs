using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KubePlan.Manifests;

/// <summary>
/// Reads a stream that Kubernetes reads as JSON. apimachinery's YAMLOrJSONDecoder sniffs the first
/// character that is not white space: a <c>{</c> makes the whole stream a sequence of JSON values
/// (encoding/json's Decoder, one value after another, nothing between them but white space), with
/// no <c>---</c> separators, comments or YAML syntax; anything else is YAML. The values become the
/// same trees as YAML documents, with the scalar types Kubernetes gives JSON numbers: an integer
/// literal that fits 64 bits is an integer, any other number a float.
/// </summary>
public static class JsonStreamReader
{
    /// <summary>Whether Kubernetes reads this text as JSON: its first non-space character is <c>{</c>.</summary>
    public static bool IsJsonStream(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c == '{';
            }
        }

        return false;
    }

    /// <summary>
    /// Whether UTF-8 bytes may be a JSON stream: the first byte that is not ASCII white space is <c>{</c>,
    /// or is not ASCII (then only the decoded text can tell, see <see cref="IsJsonStream(string)"/>).
    /// </summary>
    public static bool MayBeJsonStream(ReadOnlySpan<byte> utf8)
    {
        var first = utf8.IndexOfAnyExcept(" \t\n\v\f\r"u8);
        return first >= 0 && utf8[first] is (byte)'{' or >= 0x80;
    }

    public static YamlReadResult Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var documents = new List<YamlDocument>();
        var problems = new List<YamlProblem>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = YamlStreamReader.KubernetesMaxDepth,
        });
        var builder = new TreeBuilder(new Cursor(bytes), problems);
        try
        {
            while (reader.Read())
            {
                if (builder.Add(ref reader) is { } root)
                {
                    documents.Add(new YamlDocument(documents.Count, root.Start, root));
                }
            }
        }
        catch (RefusedException e)
        {
            problems.Add(new YamlProblem(e.At, e.Message, "Write the number within the range of a 64-bit float.", Fatal: true));
            return new YamlReadResult(documents, problems, builder.Skipped + 1);
        }
        catch (JsonException e)
        {
            // encoding/json stops at the first error: the values before it are read, the rest is lost.
            var depth = e.Message.Contains("maximum configured depth", StringComparison.Ordinal);
            if (builder.Skipping)
            {
                // The value already reported as too deep to analyse is in fact too deep for Kubernetes: one finding, the refusal.
                problems.RemoveAt(problems.FindLastIndex(p => p.Kind == YamlProblemKind.NestingLimit));
                builder.Skipped--;
            }

            problems.Add(new YamlProblem(
                Position(bytes, LineStarts(bytes), (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0)),
                depth
                    ? $"the document nests deeper than {YamlStreamReader.KubernetesMaxDepth:N0} levels, which Kubernetes refuses (exceeded max depth of {YamlStreamReader.KubernetesMaxDepth})"
                    : "JSON syntax error: " + WithoutPosition(e.Message),
                depth
                    ? "Flatten the structure; no Kubernetes object nests this deep."
                    : "Kubernetes reads a file that starts with '{' as a stream of JSON objects, to its end: write it all as JSON (quoted keys and strings, no comments, no --- lines), or start the file with a YAML line such as a comment to have it read as YAML.",
                Fatal: true));
            return new YamlReadResult(documents, problems, builder.Skipped + 1);
        }

        return new YamlReadResult(documents, problems, builder.Skipped);
    }

    /// <summary>System.Text.Json's message without its position (the finding has one) and without advice about its own options.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at])
            .Replace(" which is not supported in this mode", ", which JSON does not allow", StringComparison.Ordinal)
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal)
            .Trim();
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = Array.IndexOf(bytes, (byte)'\n'); i >= 0; i = Array.IndexOf(bytes, (byte)'\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }

    /// <summary>A 1-based line and column (in characters, as YAML positions count) from a 0-based line and byte in it.</summary>
    private static SourcePosition Position(byte[] bytes, List<int> lines, int line, int byteInLine)
    {
        line = Math.Clamp(line, 0, lines.Count - 1);
        var start = lines[line];
        var length = Math.Clamp(byteInLine, 0, bytes.Length - start);
        return new SourcePosition(line + 1, Encoding.UTF8.GetCharCount(bytes, start, length) + 1);
    }

    /// <summary>
    /// Token positions, counted on from the previous token's: tokens come in order, so the stream is
    /// scanned once (counting from each line's start would be quadratic on a long one-line file).
    /// </summary>
    private sealed class Cursor(byte[] bytes)
    {
        private int _offset;
        private int _line = 1;
        private int _column = 1;

        public SourcePosition At(long offset)
        {
            for (; _offset < offset; _offset++)
            {
                var b = bytes[_offset];
                if (b == '\n')
                {
                    _line++;
                    _column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    // A character starts here (not a continuation byte); a 4-byte one is two UTF-16 characters.
                    _column += b >= 0xF0 ? 2 : 1;
                }
            }

            return new SourcePosition(_line, _column);
        }
    }

    /// <summary>Builds one top-level value at a time from the reader's tokens, without recursion.</summary>
    private sealed class TreeBuilder(Cursor cursor, List<YamlProblem> problems)
    {
        private readonly Stack<Open> _open = new();
        /// <summary>The key whose value comes next, and where it is.</summary>
        private string? _key;
        private SourcePosition _keyAt;
        private bool _skipping;

        /// <summary>Top-level values not analysed (nested deeper than KubePlan analyses).</summary>
        public int Skipped { get; set; }

        /// <summary>Whether the value being read is one of them.</summary>
        public bool Skipping => _skipping;

        /// <summary>Takes the reader's current token; returns a top-level value once it is complete.</summary>
        public YNode? Add(ref Utf8JsonReader reader)
        {
            if (_skipping)
            {
                // Past the analysis limit: only the end of the top-level value matters.
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    _skipping = false;
                    _open.Clear();
                    _key = null;
                }

                return null;
            }

            var at = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray ? default : cursor.At(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray when _open.Count >= YamlStreamReader.MaxDepth:
                    problems.Add(new YamlProblem(at, $"the document nests deeper than {YamlStreamReader.MaxDepth} levels, more than KubePlan analyses: Kubernetes reads up to {YamlStreamReader.KubernetesMaxDepth:N0} levels, but this document is not checked", "Flatten the structure if you can; no built-in Kubernetes object nests this deep.", Fatal: true, YamlProblemKind.NestingLimit));
                    Skipped++;
                    _skipping = true;
                    return null;
                case JsonTokenType.StartObject:
                    _open.Push(new Open(at, _key, _keyAt, isMapping: true));
                    _key = null;
                    return null;
                case JsonTokenType.StartArray:
                    _open.Push(new Open(at, _key, _keyAt, isMapping: false));
                    _key = null;
                    return null;
                case JsonTokenType.PropertyName:
                    _key = KeyName(ref reader);
                    _keyAt = at;
                    return null;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var open = _open.Pop();
                    _key = open.Key;
                    _keyAt = open.KeyAt;
                    return Place(open.IsMapping ? new YMapping(open.Start, open.Entries!) : new YSequence(open.Start, open.Items!));
                default:
                    return Place(Scalar(ref reader, at));
            }
        }

        private static YScalar Scalar(ref Utf8JsonReader reader, SourcePosition at)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var text = Text(ref reader);
                    return new YScalar(at, text, ScalarKind.String, text, plain: false);
                case JsonTokenType.True or JsonTokenType.False:
                    var value = reader.TokenType == JsonTokenType.True;
                    return new YScalar(at, value ? "true" : "false", ScalarKind.Bool, value, plain: true);
                case JsonTokenType.Null:
                    return new YScalar(at, "null", ScalarKind.Null, null, plain: true);
                default:
                    // apimachinery's JSON decoding keeps a number as int64 when it parses as one, else float64.
                    var literal = Encoding.UTF8.GetString(reader.ValueSpan);
                    if (reader.TryGetInt64(out var integer))
                    {
                        return new YScalar(at, literal, ScalarKind.Int, integer, plain: true);
                    }

                    var number = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (!double.IsFinite(number))
                    {
                        throw new RefusedException(at, $"the number {literal} is out of range for a 64-bit float, which Kubernetes refuses (cannot unmarshal number {literal} into Go value of type float64)");
                    }

                    return new YScalar(at, literal, ScalarKind.Float, number, plain: true);
            }
        }

        /// <summary>A property name's text, shared with every key of that text; a short one is unescaped into the stack first.</summary>
        private static string KeyName(ref Utf8JsonReader reader)
        {
            // A name has no more characters than bytes.
            Span<char> buffer = stackalloc char[64];
            if (reader.ValueSpan.Length <= buffer.Length)
            {
                try
                {
                    return SharedStrings.Key(buffer[..reader.CopyString(buffer)]);
                }
                catch (InvalidOperationException)
                {
                    // A lone surrogate: Text unescapes it as encoding/json does.
                }
            }

            return SharedStrings.Key(Text(ref reader));
        }

        /// <summary>
        /// A string token's text. encoding/json turns a \u escape of a lone surrogate into U+FFFD, where
        /// System.Text.Json refuses it; only such strings are unescaped here.
        /// </summary>
        private static string Text(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return UnescapeLeniently(Encoding.UTF8.GetString(reader.ValueSpan));
            }
        }

        private static string UnescapeLeniently(string raw)
        {
            var text = new StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '\\' || i + 1 >= raw.Length)
                {
                    text.Append(raw[i]);
                    continue;
                }

                var escape = raw[++i];
                if (escape != 'u')
                {
                    text.Append(escape switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escape });
                    continue;
                }

                var unit = (char)int.Parse(raw.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                i += 4;
                if (char.IsHighSurrogate(unit) && i + 6 < raw.Length && raw[i + 1] == '\\' && raw[i + 2] == 'u'
                    && int.Parse(raw.AsSpan(i + 3, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) is var low && char.IsLowSurrogate((char)low))
                {
                    text.Append(unit).Append((char)low);
                    i += 6;
                }
                else
                {
                    text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                }
            }

            return text.ToString();
        }

        /// <summary>Puts a finished node into its parent; a node with no parent is a top-level value.</summary>
        private YNode? Place(YNode node)
        {
            if (_open.Count == 0)
            {
                return node;
            }

            var parent = _open.Peek();
            if (!parent.IsMapping)
            {
                parent.Items!.Add(node);
                return null;
            }

            var key = _key!;
            _key = null;
            var entry = new YEntry(key, _keyAt, plain: false, node);
            if (parent.IndexOf(key) is var index and >= 0)
            {
                // encoding/json keeps the last value; the API server's strict field validation refuses the object.
                var first = parent.Entries![index].KeyStart;
                problems.Add(new YamlProblem(_keyAt, $"duplicate key \"{key}\" (first defined at line {first.Line})", "Remove one of the two keys; Kubernetes rejects a mapping that defines a key twice.", Fatal: false));
                parent.Entries[index] = entry;
                return null;
            }

            parent.Add(entry);
            return null;
        }
    }

    /// <summary>An object or array being read: where it starts, the key it is the value of, and what it holds so far.</summary>
    private sealed class Open(SourcePosition start, string? key, SourcePosition keyAt, bool isMapping)
    {
        private Dictionary<string, int>? _index;

        public SourcePosition Start { get; } = start;

        public string? Key { get; } = key;

        public SourcePosition KeyAt { get; } = keyAt;

        public bool IsMapping { get; } = isMapping;

        public List<YEntry>? Entries { get; } = isMapping ? [] : null;

        public List<YNode>? Items { get; } = isMapping ? null : [];

        public int IndexOf(string key)
        {
            if (_index is null && Entries!.Count > 8)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < Entries.Count; i++)
                {
                    _index[Entries[i].KeyText] = i;
                }
            }

            if (_index is not null)
            {
                return _index.TryGetValue(key, out var i) ? i : -1;
            }

            return Entries!.FindIndex(e => e.KeyText == key);
        }

        public void Add(YEntry entry)
        {
            _index?.Add(entry.KeyText, Entries!.Count);
            Entries!.Add(entry);
        }
    }

    /// <summary>A value encoding/json reads but Kubernetes' decoding then refuses, which ends the stream as a syntax error does.</summary>
    private sealed class RefusedException(SourcePosition at, string message) : Exception(message)
    {
        public SourcePosition At { get; } = at;
    }
}
