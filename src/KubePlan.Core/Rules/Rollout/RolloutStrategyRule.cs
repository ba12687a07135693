using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// Update-strategy parameters the API server rejects for Deployments, DaemonSets and
/// StatefulSets (pkg/apis/apps/validation; SEMANTICS §1 and §8).
/// </summary>
public sealed class RolloutStrategyRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.RolloutStrategy,
        Severity.Error,
        "rollout",
        "An update strategy the API server rejects: malformed or out-of-range maxSurge, maxUnavailable or partition, a rollingUpdate block with the wrong type, or an unknown type.",
        "Use an integer or a percentage such as 25% for maxSurge and maxUnavailable, keep at least one of them above zero, and give rollingUpdate only with type RollingUpdate.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var manifest in context.Manifests.All)
        {
            if (manifest.Group != "apps" || manifest.At("spec") is not { Mapping: not null } spec)
            {
                continue;
            }

            var problems = manifest.Kind switch
            {
                "Deployment" => StrategyValidation.Deployment(spec),
                "DaemonSet" => StrategyValidation.DaemonSet(spec),
                "StatefulSet" => StrategyValidation.StatefulSet(spec, context.Options.KubernetesVersion),
                _ => [],
            };
            foreach (var problem in problems)
            {
                yield return Report(manifest, problem.At, problem.Message, atKey: problem.AtKey);
            }
        }
    }
}
