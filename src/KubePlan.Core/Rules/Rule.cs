using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>A rule's metadata, declared once in its class; docs and the catalogue follow from it.</summary>
public sealed record RuleInfo(string Id, Severity DefaultSeverity, string Category, string Summary, string Remediation);

/// <summary>
/// A lint rule: one sealed class per rule, with its metadata and a check over the whole run,
/// so cross-object rules and per-object rules have the same shape.
/// </summary>
public abstract class Rule
{
    public abstract RuleInfo Info { get; }

    public string Id => Info.Id;

    public abstract IEnumerable<Diagnostic> Check(AnalysisContext context);

    /// <summary>A finding about a node of a manifest; <paramref name="atKey"/> points at the key instead of the value.</summary>
    protected Diagnostic Report(Manifest manifest, Located at, string message, string? hint = null, bool atKey = false, Severity? severity = null)
    {
        var position = atKey ? at.KeyPosition : at.Node.Start;
        return new Diagnostic(Info.Id, severity ?? Info.DefaultSeverity, message, manifest.File.Path, position.Line, position.Column,
            manifest.Ref, at.Pointer.Length == 0 ? "/" : at.Pointer, hint ?? Info.Remediation);
    }

    /// <summary>A finding at a position of a file that is not (or not yet) an object.</summary>
    protected Diagnostic Report(SourceFile file, SourcePosition position, string message, string? hint = null) =>
        new(Info.Id, Info.DefaultSeverity, message, file.Path, position.Line, position.Column, null, null, hint ?? Info.Remediation);
}
