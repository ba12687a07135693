using YamlDotNet.Core;

namespace KubePlan.Manifests;

/// <summary>Turns the YAML parser's messages into plain words with a fix.</summary>
internal static class YamlErrorText
{
    private static readonly (string Fragment, string Message, string Hint)[] Known =
    [
        ("did not find expected key", "the indentation is inconsistent: a line is indented less or more than the keys around it", "Align the line with its sibling keys, using spaces only."),
        ("did not find expected '-' indicator", "a list item is indented differently from the items before it", "Align every '- ' of the list at the same column."),
        ("Mapping values are not allowed in this context", "a ':' followed by a space is not allowed here (a value that contains ': ' must be quoted, or the line is over-indented)", "Quote the value, e.g. \"a: b\", or fix the indentation."),
        ("found character that cannot start any token", "this character cannot start a YAML value (a tab used for indentation, or an unquoted @ or `)", "Indent with spaces, never tabs, and quote values that start with @ or `."),
        ("While scanning a quoted scalar, found unexpected end of stream", "a quoted string is never closed", "Add the closing quote."),
        ("found unexpected end of stream", "the file ends in the middle of a value", "Close the open quote, bracket or brace."),
        ("did not find expected node content", "a value is missing where one is required", "Write a value after the indicator, or remove the indicator."),
        ("While scanning a simple key, could not find expected ':'", "a key is missing its ':' (or a multi-line plain value is broken across lines)", "Add ': ' after the key, or quote the multi-line value."),
        ("did not find expected ',' or ']'", "a flow list [ ... ] is not closed or is missing a comma", "Close the list with ] and separate items with commas."),
        ("did not find expected ',' or '}'", "a flow mapping { ... } is not closed or is missing a comma", "Close the mapping with } and separate entries with commas."),
        ("found invalid tab as indentation", "a tab is used for indentation", "Indent with spaces; YAML does not allow tabs in indentation."),
        ("found undefined tag handle", "an unknown YAML tag handle is used", "Remove the tag, or declare its handle with %TAG."),
    ];

    public static (string Message, string? Hint) Explain(YamlException e)
    {
        var raw = e.Message;
        var cut = raw.IndexOf("): ", StringComparison.Ordinal);
        if (raw.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
        {
            raw = raw[(cut + 3)..];
        }

        foreach (var (fragment, message, hint) in Known)
        {
            if (raw.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return (message + " (" + raw.TrimEnd('.') + ")", hint);
            }
        }

        return (raw.TrimEnd('.'), "Check the YAML syntax at this position.");
    }
}
