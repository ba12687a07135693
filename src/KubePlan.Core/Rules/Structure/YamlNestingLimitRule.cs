using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Structure;

/// <summary>
/// A document nested deeper than KubePlan analyses (<see cref="YamlStreamReader.MaxDepth"/> levels).
/// Kubernetes reads up to 10,000 levels, so this is not a syntax error: the document is counted but
/// not checked, and this rule says so. Deeper than 10,000 is a yaml-syntax error, as in Kubernetes.
/// </summary>
public sealed class YamlNestingLimitRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.YamlNestingLimit,
        Severity.Warning,
        "structure",
        "A document nested deeper than the 500 levels KubePlan analyses; Kubernetes reads it, but KubePlan does not check it.",
        "Flatten the document; no built-in Kubernetes object nests anywhere near this deep, so the depth is usually a generation mistake.");

    public override RuleReads Reads { get; } = RuleReads.Kinds();

    public override IEnumerable<Diagnostic> Check(AnalysisContext context) =>
        context.Input.Problems
            .Where(p => p.Kind == InputProblemKind.NestingLimit)
            .Select(p => Report(p.File, p.Position, p.Message, p.Hint));
}
