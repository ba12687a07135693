using KubePlan.CustomRules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Suppressions;

namespace KubePlan.Rules;

public sealed record LintSummary(int Files, int Documents, int Errors, int Warnings, int Infos)
{
    /// <summary>Findings accepted by an annotation, comment or configuration entry (not in the counts above).</summary>
    public int Suppressed { get; init; }

    /// <summary>With a baseline: findings it already held (not in the counts above), and entries of it no longer found.</summary>
    public BaselineCounts? Baseline { get; init; }
}

/// <summary>What a baseline did: how many findings it held back, and how many of its entries are gone.</summary>
public sealed record BaselineCounts(int Baselined, int Gone);

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

    /// <summary>Findings accepted on purpose, with the suppression that accepted each; sorted like <see cref="Diagnostics"/>.</summary>
    public IReadOnlyList<Suppressions.SuppressedFinding> Suppressed { get; init; } = [];

    public SourceFile? Source(string path) => Sources.FirstOrDefault(s => s.Path == path);

    /// <summary>Whether any finding is at or above the threshold (the exit code 1 condition).</summary>
    public bool HasFindingsAtOrAbove(Severity threshold) => Diagnostics.Any(d => d.Severity >= threshold);
}

/// <summary>Runs the rules over what was loaded.</summary>
public static class Linter
{
    /// <summary>Inputs of at most this many documents are checked on one thread (see <see cref="Run"/>).</summary>
    internal const int OneThreadDocuments = 32;

    public static LintReport Run(LoadResult input, LintOptions options, LoadResult? nodes = null, IEnumerable<Rule>? rules = null)
    {
        // The same two steps as a run that reads as it goes; the input is not changed (Read returns a new result).
        var run = Start(options, rules);
        return run.Finish(run.Read(input), nodes);
    }

    /// <summary>
    /// Starts a run whose one-object checks happen while the input is read: give <see cref="LintRun.Read"/> to the
    /// loader, which calls it with each file it has read, then call <see cref="LintRun.Finish"/> with what it loaded.
    /// </summary>
    public static LintRun Start(LintOptions options, IEnumerable<Rule>? rules = null) => new(options, rules);

    /// <summary>
    /// Runs the rules that <paramref name="include"/> picks over the context, side by side on every core, each rule's
    /// findings kept apart (so the report does not depend on which finished first); null for the rules left out.
    /// A small input is checked on this thread alone, rules' own parallel loops included: there, starting
    /// thread-pool threads costs more than the rules themselves.
    /// </summary>
    internal static List<Diagnostic>?[] CheckAll(IReadOnlyList<Rule> rules, Func<Rule, bool> include, AnalysisContext context, LintOptions options, int documents)
    {
        var found = new List<Diagnostic>?[rules.Count];
        if (documents <= OneThreadDocuments)
        {
            CallingThreadScheduler.Run(() =>
            {
                for (var i = 0; i < rules.Count; i++)
                {
                    if (include(rules[i]))
                    {
                        found[i] = Check(rules[i], context, options);
                    }
                }
            });
        }
        else
        {
            Parallel.For(0, rules.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                if (include(rules[i]))
                {
                    found[i] = Check(rules[i], context, options);
                }
            });
        }

        return found;
    }

    /// <summary>
    /// After every rule: without repeated messages, sorted, containers and fingerprints from the findings' paths,
    /// then suppression, so rules (custom ones too) need not know about either.
    /// </summary>
    internal static LintReport Complete(List<Diagnostic> diagnostics, LoadResult input, LoadResult combined, LintOptions options, IReadOnlyList<Rule> ran)
    {
        diagnostics = WithoutRepeats(diagnostics);
        diagnostics.Sort(Diagnostic.Order);
        var manifests = new ManifestLocator(input.Manifests);
        diagnostics = Fingerprints.Assign(diagnostics, manifests);
        var suppression = SuppressionEngine.Apply(
            diagnostics,
            input,
            options,
            ran.Where(options.IsActive).Select(r => r.Id).ToHashSet(StringComparer.Ordinal),
            // The findings about custom rules themselves can be suppressed too; a suppression of
            // one is never "unused", since whether a rule fails or overruns can vary between runs.
            ran.Select(r => r.Id).Concat(CustomRuleFindings.Ids).ToHashSet(StringComparer.Ordinal),
            manifests);
        diagnostics = suppression.Kept;
        if (suppression.Unused.Count > 0)
        {
            var unused = suppression.Unused;
            if (options.SeverityOverrides.TryGetValue(RuleIds.UnusedSuppression, out var severity))
            {
                unused = unused.Select(d => d with { Severity = severity }).ToList();
            }

            diagnostics.AddRange(Fingerprints.Assign(unused.Order(Diagnostic.Order), manifests));
            diagnostics.Sort(Diagnostic.Order);
        }

        return Report(diagnostics, suppression.Suppressed, input, options.KubernetesVersion, combined.Files);
    }

    /// <summary>A report of these findings, with the summary counted from them.</summary>
    internal static LintReport Report(List<Diagnostic> diagnostics, IReadOnlyList<SuppressedFinding> suppressed, LoadResult input, KubernetesVersion version, IReadOnlyList<SourceFile> sources)
    {
        var summary = Count(diagnostics, input.Files.Count, input.Documents) with { Suppressed = suppressed.Count };
        return new LintReport(diagnostics, summary, version, sources) { Suppressed = suppressed };
    }

    /// <summary>The summary of a list of findings.</summary>
    public static LintSummary Count(IReadOnlyList<Diagnostic> diagnostics, int files, int documents) => new(
        files,
        documents,
        diagnostics.Count(d => d.Severity == Severity.Error),
        diagnostics.Count(d => d.Severity == Severity.Warning),
        diagnostics.Count(d => d.Severity == Severity.Info));

    internal static List<Diagnostic> Check(Rule rule, AnalysisContext context, LintOptions options)
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
