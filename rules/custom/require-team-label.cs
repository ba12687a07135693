// A custom KubePlan rule: every workload must say which team owns it.
// Use it with: kubeplan lint --rules rules/custom/require-team-label.cs k8s/
namespace Example.Rules;

public sealed class RequireTeamLabelRule : Rule
{
    private static readonly HashSet<string> WorkloadKinds =
        ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

    public override RuleInfo Info { get; } = new(
        "example/require-team-label",
        Severity.Warning,
        "ownership",
        "A workload without a team label, so nobody knows whom to page.",
        "Add metadata.labels.team with the owning team's name.");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var manifest in context.Manifests.All)
        {
            if (manifest.Kind is null || !WorkloadKinds.Contains(manifest.Kind))
            {
                continue;
            }

            if (manifest.Labels.TryGetValue("team", out var team) && team.Length > 0)
            {
                continue;
            }

            // Point at the labels when there are some, else at metadata, else at the object.
            var at = manifest.At("metadata", "labels") ?? manifest.At("metadata") ?? manifest.Located;
            yield return Report(manifest, at, $"{manifest.Kind} \"{manifest.Name}\" has no team label", atKey: true);
        }
    }
}
