using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>A rule's metadata, declared once in its class; docs and the catalogue follow from it.</summary>
public sealed record RuleInfo(string Id, Severity DefaultSeverity, string Category, string Summary, string Remediation)
{
    /// <summary>The profiles that turn the rule on; a rule that names none is a correctness rule, on in every profile.</summary>
    public RuleProfiles Profiles { get; init; } = RuleProfiles.All;

    /// <summary>Whether the rule runs when no profile or setting is given (it is in the default profile).</summary>
    public bool OnByDefault => Profiles.HasFlag(LintOptions.DefaultProfile);
}

/// <summary>
/// A lint rule: one sealed class per rule, with its metadata and a check over the whole run,
/// so cross-object rules and per-object rules have the same shape.
/// </summary>
public abstract class Rule
{
    public abstract RuleInfo Info { get; }

    public string Id => Info.Id;

    /// <summary>The source file of a custom rule (set when it is loaded); null for a built-in rule.</summary>
    public KubePlan.CustomRules.CustomRuleOrigin? Origin { get; internal set; }

    /// <summary>What of the input the rule reads; a rule that does not say reads every tree to the end.</summary>
    public virtual RuleReads Reads => RuleReads.WholeInput;

    public abstract IEnumerable<Diagnostic> Check(AnalysisContext context);

    /// <summary>A finding about a node of a manifest; <paramref name="atKey"/> points at the key instead of the value.</summary>
    protected Diagnostic Report(Manifest manifest, Located at, string message, string? hint = null, bool atKey = false, Severity? severity = null)
    {
        var position = atKey ? at.KeyPosition : at.Node.Start;
        return new Diagnostic(Info.Id, severity ?? Info.DefaultSeverity, message, manifest.File.Path, position.Line, position.Column,
            manifest.Ref, at.Pointer.Length == 0 ? "/" : at.Pointer, hint ?? Info.Remediation);
    }

    /// <summary>A finding at a character offset inside a scalar string (e.g. one field of a cron schedule).</summary>
    protected Diagnostic ReportInScalar(Manifest manifest, Located at, int offset, string message, string? hint = null, Severity? severity = null)
    {
        var finding = Report(manifest, at, message, hint, severity: severity);
        var shift = at.Node is YScalar s ? ScalarColumnShift(manifest, s, offset) : 0;
        return finding with { Column = finding.Column + shift };
    }

    /// <summary>
    /// How many columns after the scalar's start the given offset of its text is: only for single-line
    /// plain or quoted scalars without escapes, where text and source line up; otherwise the start.
    /// </summary>
    private static int ScalarColumnShift(Manifest manifest, YScalar scalar, int offset)
    {
        var line = manifest.File.Line(scalar.Start.Line);
        if (line is null || offset <= 0 || scalar.Text.Contains('\n', StringComparison.Ordinal))
        {
            return 0;
        }

        var start = scalar.Start.Column - 1;
        var quote = start < line.Length && line[start] is '"' or '\'' ? 1 : 0;
        var source = line.AsSpan(Math.Min(line.Length, start + quote));
        return source.StartsWith(scalar.Text.AsSpan(0, Math.Min(offset, scalar.Text.Length)), StringComparison.Ordinal) ? quote + offset : 0;
    }

    /// <summary>A finding at a position of a file that is not (or not yet) an object.</summary>
    protected Diagnostic Report(SourceFile file, SourcePosition position, string message, string? hint = null, Severity? severity = null) =>
        new(Info.Id, severity ?? Info.DefaultSeverity, message, file.Path, position.Line, position.Column, null, null, hint ?? Info.Remediation);
}
