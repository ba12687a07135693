using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Planning;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// A rolling update whose unavailability budget covers every pod: the controller may take all of
/// them down at once, so the service is down during every rollout (SEMANTICS §1, §2.2, §4.2, §5.3).
/// Recreate does this by design and is not reported.
/// </summary>
public sealed class RolloutAllUnavailableRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.RolloutAllUnavailable,
        Severity.Warning,
        "rollout",
        "A rolling update whose maxUnavailable resolves to every replica, so every rollout can take the whole workload down.",
        "Lower maxUnavailable below the replica count, or use maxSurge with maxUnavailable 0 so that new pods start before old ones stop.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Node", "HorizontalPodAutoscaler");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            var finding = (m.Group, m.Kind) switch
            {
                ("apps" or "extensions", "Deployment") => CheckDeployment(m),
                ("apps" or "extensions", "DaemonSet") => CheckDaemonSet(m, context),
                ("apps", "StatefulSet") => CheckStatefulSet(m, context),
                _ => null,
            };
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    private Diagnostic? CheckDeployment(Manifest m)
    {
        if (RolloutRisk.Budgets(m) is not { } budgets || budgets.Replicas < 1 || budgets.EffectiveMaxUnavailable < budgets.Replicas)
        {
            return null;
        }

        // Written maxUnavailable, or (one replica, maxSurge 0) the fencepost that turns 0/0 into 1.
        var at = budgets.MaxUnavailableAt ?? budgets.MaxSurgeAt ?? m.At("spec", "strategy") ?? m.At("spec") ?? m.Located;
        var written = budgets.MaxUnavailableAt is null ? "maxSurge 0 (with maxUnavailable defaulted to 25%)" : $"maxUnavailable {budgets.MaxUnavailable}";
        return Report(m, at,
            Invariant($"{written} resolves maxUnavailable to {budgets.EffectiveMaxUnavailable} of {Replicas(budgets.Replicas)} of Deployment \"{m.Name}\": a rollout may stop every pod before a new one is ready"));
    }

    private Diagnostic? CheckDaemonSet(Manifest m, AnalysisContext context)
    {
        if (Workloads.StrategyType(m) != "RollingUpdate")
        {
            return null;
        }

        var rolling = m.At("spec", "updateStrategy", "rollingUpdate");
        var (unavailable, error) = WorkloadPlanning.ReadIntOrPercent(rolling?.Get("maxUnavailable"));
        var (surge, surgeError) = WorkloadPlanning.ReadIntOrPercent(rolling?.Get("maxSurge"));
        if (error is not null || surgeError is not null || unavailable is not { } written || rolling?.Get("maxUnavailable") is not { } at)
        {
            return null;
        }

        // With an inventory, the budget resolves against the nodes the DaemonSet runs on; without
        // one, only a percentage of 100 or more is every node whatever the cluster.
        var nodes = context.HasNodeInventory ? WorkloadPlanning.DaemonSetNodes(m, context.NodeManifests)?.Count : null;
        bool everyNode;
        string scope;
        if (nodes is { } n and > 0)
        {
            var budgets = DaemonSetBudgets.Resolve(surge, written, n);
            everyNode = budgets.MaxSurge == 0 && budgets.MaxUnavailable >= n;
            scope = Invariant($"{budgets.MaxUnavailable} of the {n} nodes it runs on");
        }
        else
        {
            everyNode = written.IsPercent && written.Value >= 100 && (surge is null || surge.Value.Value == 0);
            scope = "every node it runs on";
        }

        return everyNode
            ? Report(m, at, Invariant($"maxUnavailable {written} of DaemonSet \"{m.Name}\" resolves to {scope}: a rollout may stop the daemon on every node at once"))
            : null;
    }

    private Diagnostic? CheckStatefulSet(Manifest m, AnalysisContext context)
    {
        // Without the MaxUnavailableStatefulSet gate the controller updates one pod at a time and
        // ignores the field; one replica goes down on every update whatever the field says.
        var replicas = WorkloadPlanning.Replicas(m);
        if (Workloads.StrategyType(m) != "RollingUpdate" || replicas < 2
            || !FeatureGates.MaxUnavailableStatefulSet(context.Options.KubernetesVersion).Enabled
            || m.At("spec", "updateStrategy", "rollingUpdate", "maxUnavailable") is not { } at)
        {
            return null;
        }

        var (written, error) = WorkloadPlanning.ReadIntOrPercent(at);
        if (error is not null || written is null)
        {
            return null;
        }

        var resolved = StatefulSetBudgets.MaxUnavailable(written, replicas);
        return resolved >= replicas
            ? Report(m, at, Invariant($"maxUnavailable {written} resolves to {resolved} of {Replicas(replicas)} of StatefulSet \"{m.Name}\" on Kubernetes {context.Options.KubernetesVersion}: an update may delete every pod at once"))
            : null;
    }

    private static string Replicas(int n) => n == 1 ? "1 replica" : Invariant($"{n} replicas");
}
