using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubePlan.Manifests;

/// <summary>A document of a YAML stream: its root (null when the document is empty).</summary>
public sealed record YamlDocument(int Index, SourcePosition Start, YNode? Root);

/// <summary>A problem found while reading YAML; <see cref="Fatal"/> problems lost their document.</summary>
public sealed record YamlProblem(SourcePosition Position, string Message, string? Hint, bool Fatal);

public sealed record YamlReadResult(IReadOnlyList<YamlDocument> Documents, IReadOnlyList<YamlProblem> Problems, int BrokenDocuments);

/// <summary>
/// Reads a multi-document YAML stream into <see cref="YNode"/> trees with positions, resolving
/// anchors, aliases and merge keys. A syntax error costs only the document it is in: reading
/// resumes at the next <c>---</c> line.
/// </summary>
public static partial class YamlStreamReader
{
    /// <summary>More nodes than this after alias expansion is a "billion laughs" document.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Deeper nesting than this is refused before it can exhaust the stack.</summary>
    public const int MaxDepth = 500;

    public static YamlReadResult Read(string text)
    {
        var result = ReadStream(text);
        if (result.Problems.Any(p => p.Fatal && p.Message.Contains(ExtraSpacesInFirstLine, StringComparison.Ordinal)))
        {
            // yaml.v2 accepts a block scalar whose first lines hold only spaces (Helm renders
            // such lines); YamlDotNet does not. Emptying whitespace-only lines keeps every
            // position and changes only invisible trailing spaces.
            var normalised = WhitespaceOnlyLine().Replace(text, string.Empty);
            var retry = ReadStream(normalised);
            if (retry.BrokenDocuments < result.BrokenDocuments)
            {
                return retry;
            }
        }

        if (result.Problems.Any(IsUnknownEscape))
        {
            result = ReadWithQuotedApostrophes(text, result);
        }

        return result;
    }

    private const string ExtraSpacesInFirstLine = "found extra spaces in first line";

    private const string UnknownEscape = "found unknown escape character";

    /// <summary>
    /// Stands in for the backslash of a <c>\'</c> escape while YamlDotNet reads the text; one
    /// character for one keeps every position.
    /// </summary>
    internal const char EscapedApostropheMarker = '\uE027';

    /// <summary>Retries after an unknown escape this many times at most (one escape per retry).</summary>
    private const int MaxEscapeRetries = 256;

    private static bool IsUnknownEscape(YamlProblem problem) => problem.Fatal && problem.Message.Contains(UnknownEscape, StringComparison.Ordinal);

    /// <summary>
    /// yaml.v2/v3 (and so kubectl) accept <c>\'</c> in a double-quoted scalar as an apostrophe;
    /// YAML 1.2 and YamlDotNet do not. Each escape the scanner rejects is replaced by a marker
    /// that the document builder turns back into an apostrophe, and the stream is read again.
    /// </summary>
    private static YamlReadResult ReadWithQuotedApostrophes(string text, YamlReadResult first)
    {
        var patched = text;
        var result = first;
        for (var attempt = 0; attempt < MaxEscapeRetries; attempt++)
        {
            var problem = result.Problems.FirstOrDefault(IsUnknownEscape);
            if (problem is null || OffsetOf(patched, problem.Position) is not { } offset)
            {
                break;
            }

            // The scanner marks the backslash, or the character right after it.
            var backslash = offset < patched.Length && patched[offset] == '\\' ? offset : offset - 1;
            if (backslash < 0 || backslash + 1 >= patched.Length || patched[backslash] != '\\' || patched[backslash + 1] != '\'')
            {
                break;
            }

            patched = string.Concat(patched.AsSpan(0, backslash), EscapedApostropheMarker.ToString(), patched.AsSpan(backslash + 1));
            result = ReadStream(patched);
        }

        return result.BrokenDocuments <= first.BrokenDocuments ? result : first;
    }

    /// <summary>The offset of a 1-based line and column in the text, or null when it lies outside.</summary>
    private static int? OffsetOf(string text, SourcePosition position)
    {
        var offset = 0;
        for (var line = 1; line < position.Line; line++)
        {
            var end = text.IndexOf('\n', offset);
            if (end < 0)
            {
                return null;
            }

            offset = end + 1;
        }

        var at = offset + position.Column - 1;
        return at >= 0 && at <= text.Length ? at : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^[ \t]+(?=\r?$)")]
    private static partial System.Text.RegularExpressions.Regex WhitespaceOnlyLine();

    private static YamlReadResult ReadStream(string text)
    {
        var documents = new List<YamlDocument>();
        var problems = new List<YamlProblem>();
        var broken = 0;
        var lineOffset = 0;
        var remaining = text;
        while (true)
        {
            var builder = new DocumentBuilder(remaining, lineOffset, documents, problems);
            var failure = builder.Run();
            if (failure is null)
            {
                break;
            }

            broken++;
            problems.Add(failure);
            // Resume at the next '---' at or after the failing line, but always past the current start.
            var resume = FindNextDocumentStart(text, Math.Max(failure.Position.Line - 1, lineOffset + 1));
            if (resume is null)
            {
                break;
            }

            lineOffset = resume.Value.Line;
            remaining = text[resume.Value.Offset..];
        }

        return new YamlReadResult(documents, problems, broken);
    }

    /// <summary>The offset and 0-based line of the first <c>---</c> line at or after the given 0-based line.</summary>
    private static (int Offset, int Line)? FindNextDocumentStart(string text, int fromLine)
    {
        var line = 0;
        var offset = 0;
        while (offset < text.Length)
        {
            var end = text.IndexOf('\n', offset);
            var lineEnd = end < 0 ? text.Length : end;
            if (line >= fromLine && text.AsSpan(offset, lineEnd - offset).StartsWith("---", StringComparison.Ordinal)
                && (lineEnd - offset == 3 || char.IsWhiteSpace(text[offset + 3])))
            {
                return (offset, line);
            }

            if (end < 0)
            {
                break;
            }

            offset = end + 1;
            line++;
        }

        return null;
    }

    private sealed class DocumentBuilder(string text, int lineOffset, List<YamlDocument> documents, List<YamlProblem> problems)
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly Dictionary<string, (YNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
        private SourcePosition _lastPosition = new(lineOffset + 1, 1);

        /// <summary>Reads documents until the end, or returns the fatal problem that stopped it.</summary>
        public YamlProblem? Run()
        {
            try
            {
                Expect<StreamStart>();
                while (!Accept<StreamEnd>())
                {
                    var start = Position(Expect<DocumentStart>().Start);
                    _anchors.Clear();
                    YNode? root = null;
                    if (!(_parser.Current is DocumentEnd))
                    {
                        var (node, weight) = BuildNode(0);
                        if (weight > MaxExpandedNodes)
                        {
                            throw new DocumentRejectedException(start, $"the document contains excessive aliasing: its aliases expand to more than {MaxExpandedNodes:N0} nodes", "Remove the recursive anchors and aliases; Kubernetes refuses such documents too.");
                        }

                        root = node is YScalar { Kind: ScalarKind.Null } ? null : node;
                    }

                    Expect<DocumentEnd>();
                    documents.Add(new YamlDocument(documents.Count, start, root));
                }

                return null;
            }
            catch (YamlException e)
            {
                // Scanner errors ("While scanning ...") mark the context at Start and the problem at End.
                var mark = e.Message.Contains("While scanning", StringComparison.Ordinal) ? e.End : e.Start;
                var position = mark.Line > 0 ? Position(mark) : _lastPosition;
                if (e.Message.Contains("invalid tab", StringComparison.Ordinal) && FindIndentingTab(text, (int)mark.Line) is { } tab)
                {
                    position = new SourcePosition(tab.Line + lineOffset, tab.Column);
                }
                var (message, hint) = YamlErrorText.Explain(e);
                return new YamlProblem(position, message, hint, Fatal: true);
            }
            catch (DocumentRejectedException e)
            {
                return new YamlProblem(e.Position, e.Message, e.Hint, Fatal: true);
            }
            catch (InvalidOperationException e)
            {
                // YamlDotNet's scanner fails this way on some malformed plain scalars (for example a
                // NUL or BOM character inside one): still a syntax error, at the last good position.
                return new YamlProblem(_lastPosition, "the YAML cannot be read after this point (" + e.Message.TrimEnd('.') + ")", "Look for a stray control character or an unclosed value right after this position.", Fatal: true);
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
            if (depth > MaxDepth)
            {
                throw new DocumentRejectedException(_lastPosition, $"the document nests deeper than {MaxDepth} levels", "Flatten the structure; no Kubernetes object nests this deep.");
            }

            var current = _parser.Current ?? throw new DocumentRejectedException(_lastPosition, "unexpected end of the YAML stream", null);
            _lastPosition = Position(current.Start);
            switch (current)
            {
                case AnchorAlias alias:
                    _parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new DocumentRejectedException(Position(alias.Start), $"unknown anchor '{alias.Value.Value}' referenced", "Define the anchor (&name) before the alias (*name) that uses it.");
                    }

                    return target;
                case Scalar scalar:
                {
                    _parser.MoveNext();
                    var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                    var plain = scalar.Style == ScalarStyle.Plain;
                    var raw = scalar.Style == ScalarStyle.DoubleQuoted && scalar.Value.Contains(EscapedApostropheMarker, StringComparison.Ordinal)
                        ? scalar.Value.Replace(EscapedApostropheMarker.ToString() + "'", "'", StringComparison.Ordinal)
                        : scalar.Value;
                    var (kind, value) = ScalarResolver.Resolve(raw, plain, tag);
                    var node = new YScalar(Position(scalar.Start), raw, kind, value, plain);
                    return Remember(scalar.Anchor, node, 1);
                }

                case SequenceStart sequence:
                {
                    _parser.MoveNext();
                    var items = new List<YNode>();
                    long weight = 1;
                    while (!Accept<SequenceEnd>())
                    {
                        var (item, w) = BuildNode(depth + 1);
                        items.Add(item);
                        weight = SaturatingAdd(weight, w);
                    }

                    return Remember(sequence.Anchor, new YSequence(Position(sequence.Start), items), weight);
                }

                case MappingStart mapping:
                    return BuildMapping(mapping, depth);
                default:
                    throw new DocumentRejectedException(Position(current.Start), $"unexpected YAML event {current.GetType().Name}", null);
            }
        }

        private (YNode Node, long Weight) BuildMapping(MappingStart mapping, int depth)
        {
            _parser.MoveNext();
            var entries = new List<YEntry>();
            var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
            var merges = new List<YMapping>();
            long weight = 1;
            while (!Accept<MappingEnd>())
            {
                var keyEvent = _parser.Current;
                var (keyNode, _) = BuildNode(depth + 1);
                var (valueNode, valueWeight) = BuildNode(depth + 1);
                weight = SaturatingAdd(weight, SaturatingAdd(1, valueWeight));
                if (keyNode is not YScalar key)
                {
                    problems.Add(new YamlProblem(keyNode.Start, "a mapping key must be a plain value, not " + keyNode.Describe(), "Kubernetes objects use string keys only.", Fatal: false));
                    continue;
                }

                if (key.IsPlain && key.Text == "<<" && keyEvent is Scalar { Tag.IsEmpty: true })
                {
                    CollectMerges(key, valueNode, merges);
                    continue;
                }

                if (seen.TryGetValue(key.KeyText, out var first))
                {
                    problems.Add(new YamlProblem(key.Start, $"duplicate key \"{key.KeyText}\" (first defined at line {first.Start.Line})", "Remove one of the two keys; Kubernetes rejects a mapping that defines a key twice.", Fatal: false));
                    var index = entries.FindIndex(e => e.Key.KeyText == key.KeyText);
                    entries[index] = new YEntry(key, valueNode);
                    continue;
                }

                seen[key.KeyText] = key;
                entries.Add(new YEntry(key, valueNode));
            }

            // Explicit keys win over merged ones; among merged mappings the first listed wins.
            foreach (var source in merges)
            {
                foreach (var entry in source.Entries)
                {
                    if (seen.TryAdd(entry.Key.KeyText, entry.Key))
                    {
                        entries.Add(entry);
                    }
                }
            }

            return Remember(mapping.Anchor, new YMapping(Position(mapping.Start), entries), weight);
        }

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
                    problems.Add(new YamlProblem(key.Start, "a merge key (<<) needs a mapping or a list of mappings", "Point << at an anchored mapping, e.g. <<: *defaults.", Fatal: false));
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

        private SourcePosition Position(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);

        private T Expect<T>()
            where T : ParsingEvent
        {
            if (_parser.Current is null)
            {
                _parser.MoveNext();
            }

            if (_parser.Current is not T value)
            {
                throw new DocumentRejectedException(_lastPosition, $"unexpected YAML structure (expected {typeof(T).Name})", null);
            }

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

            if (_parser.Current is T)
            {
                _parser.MoveNext();
                return true;
            }

            return false;
        }
    }

    private sealed class DocumentRejectedException(SourcePosition position, string message, string? hint) : Exception(message)
    {
        public SourcePosition Position { get; } = position;

        public string? Hint { get; } = hint;
    }
}
