namespace KubePlan.Manifests;

/// <summary>A file (or stdin, or a file at a git revision) that was read, with its text for code frames.</summary>
public sealed class SourceFile
{
    private string[]? _lines;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The path as the user gave it (forward slashes), <c>&lt;stdin&gt;</c>, or <c>REV:path</c>.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>The 1-based line's text without its line break, or null when out of range.</summary>
    public string? Line(int line)
    {
        _lines ??= Text.Split('\n');
        return line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : null;
    }
}
