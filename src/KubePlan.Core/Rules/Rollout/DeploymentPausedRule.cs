using KubePlan.Diagnostics;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// spec.paused: true on a Deployment. The controller only scales a paused Deployment
/// (<c>deployment_controller.go</c> syncDeployment: paused → sync), so a pod-template change
/// applied with it does not roll out until <c>kubectl rollout resume</c>.
/// </summary>
public sealed class DeploymentPausedRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DeploymentPaused,
        Severity.Info,
        "rollout",
        "A Deployment with spec.paused: true, whose pod-template changes do not roll out until it is resumed.",
        "Remove spec.paused (or set it to false) when the change should roll out, or run kubectl rollout resume once the paused edits are done.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            if (m.Group is not ("apps" or "extensions") || m.Kind != "Deployment" || m.At("spec", "paused") is not { } at || at.Scalar?.Value is not true)
            {
                continue;
            }

            yield return Report(m, at,
                Invariant($"Deployment \"{m.Name}\" is paused: a pod-template change does not roll out until `kubectl rollout resume deployment/{m.Name}`; only changes of replicas are applied"));
        }
    }
}
