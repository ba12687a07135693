using KubePlan.CustomRules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules;

public sealed record LintSummary(int Files, int Documents, int Errors, int Warnings, int Infos);

/// <summary>The result of a lint run: sorted findings, counts, and the sources for code frames.</summary>
public sealed class LintReport
{
    public LintReport(IReadOnlyList<Diagnostic> diagnostics, LintSummary summary, KubernetesVersion kubernetesVersion, IReadOnlyList<SourceFile> sources)
    {
        Diagnostics = diagnostics;
        Summary = summary;
        KubernetesVersion = kubernetesVersion;
        Sources = sources;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public LintSummary Summary { get; }

    public KubernetesVersion KubernetesVersion { get; }

    public IReadOnlyList<SourceFile> Sources { get; }

    public SourceFile? Source(string path) => Sources.FirstOrDefault(s => s.Path == path);

    /// <summary>Whether any finding is at or above the threshold (the exit code 1 condition).</summary>
    public bool HasFindingsAtOrAbove(Severity threshold) => Diagnostics.Any(d => d.Severity >= threshold);
}

/// <summary>Runs the rules over what was loaded.</summary>
public static class Linter
{
    public static LintReport Run(LoadResult input, LintOptions options, LoadResult? nodes = null, IEnumerable<Rule>? rules = null)
    {
        var nodeManifests = nodes?.Manifests.Where(m => m.IsKind(string.Empty, "Node")).ToList() ?? [];
        var combined = input;
        if (nodes is not null)
        {
            // Problems reading the inventory are findings too; its objects are not linted.
            combined = new LoadResult { Documents = input.Documents };
            combined.Files.AddRange(input.Files);
            combined.Manifests.AddRange(input.Manifests);
            combined.Problems.AddRange(input.Problems);
            combined.Problems.AddRange(nodes.Problems);
            combined.Files.AddRange(nodes.Files.Where(f => nodes.Problems.Any(p => p.File == f)));
        }

        var context = new AnalysisContext(combined, nodeManifests, options);
        // Built-in rules run side by side on every core; each rule's findings are kept apart and
        // joined in the catalogue's order, so the report does not depend on which finished first.
        // Custom rules run one at a time afterwards: their runner isolates and times each one.
        var active = (rules ?? RuleCatalog.BuiltIn).Where(options.IsActive).ToList();
        var found = new List<Diagnostic>[active.Count];
        Parallel.For(0, active.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (active[i].Origin is null)
            {
                found[i] = Check(active[i], context, options);
            }
        });
        for (var i = 0; i < active.Count; i++)
        {
            found[i] ??= Check(active[i], context, options);
        }

        var diagnostics = found.SelectMany(f => f).ToList();
        diagnostics = WithoutRepeats(diagnostics);
        diagnostics.Sort(Diagnostic.Order);
        var summary = new LintSummary(
            input.Files.Count,
            input.Documents,
            diagnostics.Count(d => d.Severity == Severity.Error),
            diagnostics.Count(d => d.Severity == Severity.Warning),
            diagnostics.Count(d => d.Severity == Severity.Info));
        return new LintReport(diagnostics, summary, options.KubernetesVersion, combined.Files);
    }

    private static List<Diagnostic> Check(Rule rule, AnalysisContext context, LintOptions options)
    {
        // A custom rule runs isolated and budgeted, and may add findings about itself (custom-rule-*).
        var found = rule.Origin is { } origin ? CustomRuleRunner.Run(rule, origin, context, options) : RunSafely(rule, context);
        if (options.SeverityOverrides.TryGetValue(rule.Id, out var severity))
        {
            found = found.Select(d => d.RuleId == rule.Id ? d with { Severity = severity } : d).ToList();
        }

        return found;
    }

    /// <summary>
    /// One node, one schema message: where the schema already rejects a value (a bad quantity, a
    /// value outside an enumeration, an operator the schema does not allow), the api-validation, toleration-invalid or selector-invalid finding at the same spot would say it again.
    /// </summary>
    private static List<Diagnostic> WithoutRepeats(List<Diagnostic> diagnostics)
    {
        var schemaSpots = diagnostics.Where(d => d.RuleId == RuleIds.Schema).Select(d => (d.File, d.Line, d.Column)).ToHashSet();
        return schemaSpots.Count == 0 ? diagnostics
            : diagnostics.Where(d => d.RuleId is not (RuleIds.ApiValidation or RuleIds.TolerationInvalid or RuleIds.SelectorInvalid) || !schemaSpots.Contains((d.File, d.Line, d.Column))).ToList();
    }

    /// <summary>A rule that fails on some input must not take the run down: its failure becomes a finding.</summary>
    private static List<Diagnostic> RunSafely(Rule rule, AnalysisContext context)
    {
        try
        {
            return rule.Check(context).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var file = context.Input.Files.FirstOrDefault()?.Path ?? ManifestLoader.StdinName;
            return [new Diagnostic(rule.Id, Severity.Error, $"the rule could not finish on this input ({e.GetType().Name}: {e.Message})", file, 1, 1, null, null, "Please report this input to the KubePlan maintainers.")];
        }
    }
}
