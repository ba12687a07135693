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
