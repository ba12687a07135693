using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Metadata;

/// <summary>
/// An object that runs pods, or a Service, without the recommended labels
/// <c>app.kubernetes.io/name</c> and <c>app.kubernetes.io/instance</c> in metadata.labels: tools
/// (dashboards, kubectl, Helm, cost reports) group objects by them. Off by default.
/// </summary>
public sealed class RecommendedLabelsRule : Rule
{
    private static readonly string[] Recommended = ["app.kubernetes.io/name", "app.kubernetes.io/instance"];

    public override RuleInfo Info { get; } = new(
        RuleIds.RecommendedLabels,
        Severity.Warning,
        "metadata",
        "A workload or Service without the recommended labels app.kubernetes.io/name and app.kubernetes.io/instance.",
        "Add app.kubernetes.io/name (the application) and app.kubernetes.io/instance (this installation of it) to metadata.labels.")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            if (!Workloads.RunsPods(m) && !m.IsKind(string.Empty, "Service"))
            {
                continue;
            }

            var labels = m.Labels;
            var missing = Recommended.Where(l => !labels.ContainsKey(l)).ToList();
            if (missing.Count > 0)
            {
                yield return Report(m, m.At("metadata", "labels") ?? m.At("metadata") ?? m.Located,
                    $"{m.Kind} \"{m.Name}\" lacks the recommended label{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(" and ", missing)}", atKey: true);
            }
        }
    }
}
