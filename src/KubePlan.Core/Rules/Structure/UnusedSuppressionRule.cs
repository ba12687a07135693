using KubePlan.Diagnostics;
using KubePlan.Suppressions;

namespace KubePlan.Rules.Structure;

/// <summary>
/// A suppression (annotation, comment or configuration entry) that suppressed nothing in this run,
/// so stale ones get cleaned up. Its findings come from the suppression step that runs after every
/// other rule (<see cref="SuppressionEngine"/>), since only then is it known what was suppressed;
/// <see cref="Check"/> itself has nothing to look at.
/// </summary>
public sealed class UnusedSuppressionRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.UnusedSuppression,
        Severity.Info,
        "suppression",
        "A kubeplan.io/ignore annotation, # kubeplan:ignore comment or configuration ignore entry that suppresses nothing, or names no known rule.",
        "Remove the suppression, or the rule id from it, now that the finding it was written for is gone.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    /// <summary>Nothing: the suppression step reports unused suppressions once every rule has run.</summary>
    public override RuleReads Reads { get; } = RuleReads.Kinds();

    public override IEnumerable<Diagnostic> Check(AnalysisContext context) => [];

    internal static Diagnostic Unused(Suppression s) =>
        At(s, $"{s.Describe()} names {s.RuleId}, but it suppresses no {s.RuleId} finding"
            + s.Kind switch
            {
                SuppressionKind.Comment => " on this line or the next",
                SuppressionKind.Annotation => " of this object",
                _ => string.Empty,
            });

    internal static Diagnostic Unknown(Suppression s) =>
        At(s, $"{s.Describe()} names {s.RuleId}, which is not a rule of this run; 'kubeplan rules' lists them");

    private static Diagnostic At(Suppression s, string message)
    {
        var info = RuleCatalog.Find(RuleIds.UnusedSuppression)!.Info;
        var path = s.Manifest is null ? null : (s.PathPrefix ?? string.Empty) + "/metadata/annotations/kubeplan.io~1ignore";
        return new Diagnostic(info.Id, info.DefaultSeverity, message, s.File, s.Position.Line, s.Position.Column, s.Manifest?.Ref, path, info.Remediation);
    }
}
