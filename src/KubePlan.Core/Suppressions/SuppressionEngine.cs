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

        // Each finding is checked only against the suppressions that can cover it: the comments on its
        // line or the line above, the annotations of its object, and the configuration's entries
        // (comparing every finding with every suppression is quadratic in a large annotated input).
        var byLine = new Dictionary<(string File, int Line), List<int>>();
        var byManifest = new Dictionary<Manifest, List<int>>(ReferenceEqualityComparer.Instance);
        var config = new List<int>();
        for (var i = 0; i < suppressions.Count; i++)
        {
            var s = suppressions[i];
            var list = s.Kind switch
            {
                SuppressionKind.Comment => Bucket(byLine, (s.File, s.Position.Line)),
                SuppressionKind.Annotation => Bucket(byManifest, s.Manifest!),
                _ => config,
            };
            list.Add(i);
        }

        var kept = new List<Diagnostic>();
        var suppressed = new List<SuppressedFinding>();
        var candidates = new List<int>();
        foreach (var d in diagnostics)
        {
            var manifest = manifests.Find(d);
            Suppression? first = null;
            candidates.Clear();
            candidates.AddRange(byLine.GetValueOrDefault((d.File, d.Line)) ?? []);
            candidates.AddRange(byLine.GetValueOrDefault((d.File, d.Line - 1)) ?? []);
            if (manifest is not null)
            {
                candidates.AddRange(byManifest.GetValueOrDefault(manifest) ?? []);
            }

            candidates.AddRange(config);
            candidates.Sort();
            foreach (var s in candidates.Select(i => suppressions[i]))
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

    private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }
}
