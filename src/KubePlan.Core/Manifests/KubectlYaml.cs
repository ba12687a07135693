using System.Buffers;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace KubePlan.Manifests;

/// <summary>
/// Where Kubernetes' YAML reading (apimachinery's <c>YAMLReader</c> splitting a stream at
/// <c>---</c> lines, then yaml.v2 decoding each part on its own) refuses input that YamlDotNet
/// reads. Each check returns the first offending position of a part, so the reader can fail the
/// document there exactly as Kubernetes does.
/// </summary>
internal static class KubectlYaml
{
    /// <summary>One part of a stream as <c>YAMLReader</c> cuts it: the lines between two separator lines.</summary>
    /// <param name="Offset">Character offset of the part's first line.</param>
    /// <param name="Length">Characters up to (not including) the next separator line.</param>
    /// <param name="Line">0-based line of the part's first line.</param>
    /// <param name="BadSeparator">When the line that opened this part starts with <c>---</c> but is not
    /// a separator (anything but spaces or a comment after it), the text after the dashes.</param>
    internal readonly record struct Part(int Offset, int Length, int Line, string? BadSeparator);

    /// <summary>
    /// Splits text the way apimachinery's <c>YAMLReader.Read</c> does (k8s.io/apimachinery
    /// pkg/util/yaml/decoder.go): every line that starts with <c>---</c> ends a part; after the dashes
    /// only white space or a comment may follow, anything else is "invalid Yaml document separator".
    /// </summary>
    public static List<Part> Split(string text) => Split(text, 0, text.Length, 0);

    /// <summary>
    /// Splits the characters <paramref name="from"/> to <paramref name="to"/> of a text (a piece of a stream that starts at
    /// a line start, on line <paramref name="firstLine"/>, 0-based), with offsets and lines as in the whole text.
    /// </summary>
    public static List<Part> Split(string text, int from, int to, int firstLine)
    {
        var parts = new List<Part>();
        var partStart = from;
        var partLine = firstLine;
        string? bad = null;
        var offset = from;
        var line = firstLine;
        while (offset < to)
        {
            var end = text.IndexOf('\n', offset, to - offset);
            var lineEnd = end < 0 ? to : end;
            if (lineEnd - offset >= 3 && string.CompareOrdinal(text, offset, "---", 0, 3) == 0)
            {
                parts.Add(new Part(partStart, offset - partStart, partLine, bad));
                var rest = text.AsSpan(offset + 3, lineEnd - offset - 3).Trim();
                bad = rest.Length > 0 && rest[0] != '#' ? rest.ToString() : null;
                partStart = end < 0 ? to : end + 1;
                partLine = line + 1;
            }

            if (end < 0)
            {
                break;
            }

            offset = end + 1;
            line++;
        }

        parts.Add(new Part(partStart, to - partStart, partLine, bad));
        return parts;
    }

    /// <summary>
    /// Characters yaml.v2's reader refuses ("control characters are not allowed"): everything
    /// outside #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    /// (go-yaml readerc.go, yaml_parser_update_buffer). Surrogates are checked in pairs separately.
    /// </summary>
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(BuildForbidden());

    private static char[] BuildForbidden()
    {
        var list = new List<char>();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                list.Add(c);
            }
        }

        for (var c = '\x7F'; c < '\xA0'; c++)
        {
            if (c != '\x85')
            {
                list.Add(c);
            }
        }

        list.Add('\uFFFE');
        list.Add('\uFFFF');
        return [.. list];
    }

    /// <summary>A problem found by a check: where, what, how to fix.</summary>
    internal sealed record Violation(int Index, string Message, string Hint);

    /// <summary>The first character of the part that yaml.v2 refuses, or null.</summary>
    public static Violation? FindForbiddenCharacter(ReadOnlySpan<char> part)
    {
        var at = part.IndexOfAny(Forbidden);
        var surrogate = FindLoneSurrogate(part);
        if (surrogate >= 0 && (at < 0 || surrogate < at))
        {
            at = surrogate;
        }

        if (at < 0)
        {
            return null;
        }

        var code = ((int)part[at]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        return part[at] == '\0'
            ? new Violation(at, "a NUL character (U+0000), so this is not text (a binary file?): Kubernetes' YAML reader allows no control characters (control characters are not allowed)", "Lint YAML or JSON manifests only, and remove the NUL byte if this file is meant to be text.")
            : new Violation(at, $"a control character (U+{code}) that Kubernetes' YAML reader refuses (control characters are not allowed)", "Remove the character, or write it as an escape (\"\\x1b\") inside a double-quoted string.");
    }

    private static int FindLoneSurrogate(ReadOnlySpan<char> part)
    {
        var offset = 0;
        while (true)
        {
            var at = part[offset..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (at < 0)
            {
                return -1;
            }

            at += offset;
            if (char.IsHighSurrogate(part[at]) && at + 1 < part.Length && char.IsLowSurrogate(part[at + 1]))
            {
                offset = at + 2;
                continue;
            }

            return at;
        }
    }

    /// <summary>
    /// A part whose first token is a document end marker <c>...</c>: yaml.v2 starts an implicit
    /// document there and finds no node ("did not find expected node content"). This is what a
    /// <c>---</c> line directly followed by <c>...</c> gives, since the part after <c>---</c> is read alone.
    /// </summary>
    public static Violation? FindLeadingDocumentEnd(ReadOnlySpan<char> part)
    {
        var offset = 0;
        while (offset < part.Length)
        {
            var end = part[offset..].IndexOf('\n');
            var line = end < 0 ? part[offset..] : part.Slice(offset, end);
            var content = line.TrimStart(" \t\r");
            if (content.Length > 0 && content[0] != '#')
            {
                var isEnd = line.Length >= 3 && line.StartsWith("...") && (line.Length == 3 || line[3] is ' ' or '\t' or '\r');
                return isEnd
                    ? new Violation(offset, "a document end marker (...) with no document before it: Kubernetes reads the text after each --- line on its own, and this part starts with ... (did not find expected node content)", "Remove the '...' line, or put the document it should end before it.")
                    : null;
            }

            if (end < 0)
            {
                break;
            }

            offset += end + 1;
        }

        return null;
    }

    /// <summary>
    /// A tab where yaml.v2's scanner refuses one. Tabs are white space for it only in flow context or
    /// where no simple key may start (go-yaml scannerc.go, yaml_parser_scan_to_next_token): at the start
    /// of a line, at the start of a part, after <c>- </c>, <c>? </c>, or a block scalar, a tab in the
    /// leading white space is "found character that cannot start any token". YamlDotNet skips such a
    /// tab unless it sits inside the current indentation, so the scanner's state is replayed here from
    /// YamlDotNet's tokens and the white space between them.
    /// </summary>
    public static Violation? FindRefusedTab(string part)
    {
        if (!part.Contains('\t', StringComparison.Ordinal))
        {
            return null;
        }

        var scanner = new Scanner(new StringReader(part), skipComments: true);
        var simpleKeyAllowed = true;
        var flowLevel = 0;
        var lastKeySimple = false;
        var afterPlainScalar = false;
        var gapStart = 0;
        try
        {
            while (scanner.MoveNext())
            {
                var token = scanner.Current!;
                if (token is Error)
                {
                    break;
                }

                var start = (int)token.Start.Index;
                if (start >= gapStart)
                {
                    if (ScanGap(part, gapStart, Math.Min(start, part.Length), ref simpleKeyAllowed, flowLevel, afterPlainScalar) is { } tab)
                    {
                        return new Violation(tab, "a tab where Kubernetes' YAML parser expects a space: tabs may not start a line's indentation or follow '- ' (found character that cannot start any token)", "Indent with spaces only; replace the tab with spaces.");
                    }

                    afterPlainScalar = false;
                }

                var zeroWidth = token.End.Index <= token.Start.Index;
                switch (token)
                {
                    case StreamStart:
                    case FlowEntry:
                    case BlockEntry:
                        simpleKeyAllowed = true;
                        break;
                    case FlowSequenceStart:
                    case FlowMappingStart:
                        flowLevel++;
                        simpleKeyAllowed = true;
                        break;
                    case FlowSequenceEnd:
                    case FlowMappingEnd:
                        flowLevel = Math.Max(0, flowLevel - 1);
                        simpleKeyAllowed = false;
                        break;
                    case Key:
                        lastKeySimple = zeroWidth;
                        if (!zeroWidth)
                        {
                            simpleKeyAllowed = flowLevel == 0;
                        }

                        break;
                    case Value:
                        simpleKeyAllowed = !lastKeySimple && flowLevel == 0;
                        lastKeySimple = false;
                        break;
                    case Scalar scalar:
                        simpleKeyAllowed = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
                        afterPlainScalar = scalar.Style == ScalarStyle.Plain;
                        break;
                    case BlockMappingStart:
                    case BlockSequenceStart:
                    case BlockEnd:
                    case StreamEnd:
                        break;
                    default:
                        // Anchors, aliases, tags, document markers, directives.
                        simpleKeyAllowed = false;
                        break;
                }

                gapStart = Math.Max(gapStart, (int)token.End.Index);
                if (token is StreamEnd)
                {
                    break;
                }
            }
        }
        catch (YamlException)
        {
            // The part does not scan: the parser reports that error itself.
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed plain scalars (a flow mapping's
            // plain key running onto the next line, found by the fuzzer): the parser reports it itself.
        }

        return null;
    }

    /// <summary>Replays yaml.v2's white space skipping over a gap between tokens; the offset of a refused tab, or null.</summary>
    private static int? ScanGap(string text, int from, int to, ref bool simpleKeyAllowed, int flowLevel, bool afterPlainScalar)
    {
        var i = from;
        if (afterPlainScalar)
        {
            // A plain scalar consumes the blanks and line breaks after it (its tabs are checked there).
            var crossed = false;
            while (i < to && text[i] is ' ' or '\t' or '\r' or '\n')
            {
                crossed |= text[i] == '\n';
                i++;
            }

            simpleKeyAllowed = crossed && flowLevel == 0;
        }

        while (i < to)
        {
            while (i < to && (text[i] == ' ' || (text[i] == '\t' && (flowLevel > 0 || !simpleKeyAllowed))))
            {
                i++;
            }

            if (i < to && text[i] == '#')
            {
                while (i < to && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }

            if (i < to && text[i] is '\n' or '\r')
            {
                i++;
                if (flowLevel == 0)
                {
                    simpleKeyAllowed = true;
                }

                continue;
            }

            break;
        }

        return i < to && text[i] == '\t' ? i : null;
    }

    /// <summary>Characters yaml.v2 allows in an anchor or alias name (go-yaml scannerc.go, yaml_parser_scan_anchor: is_alpha).</summary>
    public static int FirstInvalidAnchorCharacter(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Characters that end a yaml.v2 anchor name without an error; after them scanning goes on.</summary>
    public static bool EndsAnchorQuietly(char c) => c is ':' or '?';
}
