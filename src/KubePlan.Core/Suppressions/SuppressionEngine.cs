using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;
using KubePlan.Rules.Structure;

namespace KubePlan.Suppressions;

/// <summary>A finding that a suppression accepted: kept out of the findings and the exit code, listed with its reason.</summary>
public sealed record SuppressedFinding(Diagnostic Diagnostic, SuppressionKind Kind, string? Reason, string File, int Line);

/// <summary>What suppression did to a run's findings.</summary>
public sealed record SuppressionResult(List<Diagnostic> Kept, List<SuppressedFinding> Suppressed, List<Diagnostic> Unused);

/// <summary>
/// Applies annotations, comments and configuration entries to the findings of every rule, after
/// the rules ran: rules know nothing about suppression, so a rule added later is covered too.
/// </summary>
public static class SuppressionEngine
{
    /// <param name="diagnostics">The run's findings, containers already filled in.</param>
    /// <param name="input">The linted input: its files' comments and its objects' annotations.</param>
    /// <param name="options">Whether inline suppressions count, and the configuration's entries.</param>
    /// <param name="activeRules">The ids of the rules that ran: a suppression of a rule that did not run is not reported unused.</param>
    /// <param name="knownRules">Every rule id the run knows of: naming another is reported.</param>
    public static SuppressionResult Apply(IReadOnlyList<Diagnostic> diagnostics, LoadResult input, LintOptions options, IReadOnlySet<string> activeRules, IReadOnlySet<string> knownRules, ManifestLocator manifests)
    {
        var suppressions = new List<Suppression>();
        if (options.InlineIgnores)
        {
            foreach (var file in input.Files)
            {
                suppressions.AddRange(Suppression.FromComments(file));
            }

            foreach (var manifest in input.Manifests)
            {
                suppressions.AddRange(Suppression.FromAnnotations(manifest));
            }
        }

        suppressions.AddRange(options.Ignore.SelectMany(Suppression.FromConfig));
        if (suppressions.Count == 0)
        {
            return new SuppressionResult([.. diagnostics], [], []);
        }

        var kept = new List<Diagnostic>();
        var suppressed = new List<SuppressedFinding>();
        foreach (var d in diagnostics)
        {
            var manifest = manifests.Find(d);
            Suppression? first = null;
            foreach (var s in suppressions)
            {
                if (d.RuleId != RuleIds.UnusedSuppression && s.Covers(d, manifest))
                {
                    s.Used = true;
                    first ??= s;
                }
            }

            if (first is null)
            {
                kept.Add(d);
            }
            else
            {
                suppressed.Add(new SuppressedFinding(d, first.Kind, first.Reason, first.File, first.Position.Line));
            }
        }

        var unused = new List<Diagnostic>();
        if (activeRules.Contains(RuleIds.UnusedSuppression))
        {
            foreach (var s in suppressions.Where(s => !s.Used))
            {
                if (!knownRules.Contains(s.RuleId))
                {
                    unused.Add(UnusedSuppressionRule.Unknown(s));
                }
                else if (activeRules.Contains(s.RuleId))
                {
                    unused.Add(UnusedSuppressionRule.Unused(s));
                }
            }
        }

        return new SuppressionResult(kept, suppressed, unused);
    }
}
