using KubePlan.Manifests;

namespace KubePlan.Diagnostics;

public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "info": severity = Severity.Info; return true;
            default: severity = Severity.Error; return false;
        }
    }
}

/// <summary>One finding: what is wrong, where (file, line, column, JSON pointer) and how to fix it.</summary>
public sealed record Diagnostic(
    string RuleId,
    Severity Severity,
    string Message,
    string File,
    int Line,
    int Column,
    ObjectRef? Object,
    string? Path,
    string? Hint)
{
    /// <summary>
    /// The name of the container the finding is about, when its path lies inside one (filled in by
    /// the linter from the path, so rules need not set it).
    /// </summary>
    public string? Container { get; init; }

    /// <summary>
    /// The finding's stable identity (see <see cref="Fingerprints"/>): the same finding on the same
    /// object keeps it across unrelated edits. Filled in by the linter.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>The deterministic report order: file, line, column, rule, message.</summary>
    public static readonly IComparer<Diagnostic> Order = Comparer<Diagnostic>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.File, b.File);
        if (c == 0)
        {
            c = a.Line.CompareTo(b.Line);
        }

        if (c == 0)
        {
            c = a.Column.CompareTo(b.Column);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.RuleId, b.RuleId);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    });
}
