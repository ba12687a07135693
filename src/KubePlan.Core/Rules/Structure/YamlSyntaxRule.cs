using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Structure;

/// <summary>
/// Input that cannot be read as YAML: parse errors, duplicate keys, alias bombs; and, as warnings,
/// bytes that are not UTF-8 (read as U+FFFD, as Kubernetes reads them, so no document is lost).
/// </summary>
public sealed class YamlSyntaxRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.YamlSyntax,
        Severity.Error,
        "structure",
        "YAML that cannot be parsed, or that Kubernetes' strict decoder rejects.",
        "Fix the YAML at the reported position; the message says what the parser expected.");

    public override RuleReads Reads { get; } = RuleReads.Kinds();

    public override IEnumerable<Diagnostic> Check(AnalysisContext context) =>
        context.Input.Problems
            .Where(p => p.Kind is InputProblemKind.Syntax or InputProblemKind.Encoding)
            .Select(p => Report(p.File, p.Position, p.Message, p.Hint, p.Kind == InputProblemKind.Encoding ? Severity.Warning : null));
}
