using KubePlan.Diagnostics;
using KubePlan.Planning;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// revisionHistoryLimit 0 on a Deployment, StatefulSet or DaemonSet: the controller deletes every
/// old revision once a rollout completes (<c>deployment/sync.go</c> cleanupDeployment; the
/// StatefulSet and DaemonSet controllers' truncateHistory), so <c>kubectl rollout undo</c> has
/// nothing to go back to.
/// </summary>
public sealed class RollbackHistoryRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.RollbackHistory,
        Severity.Warning,
        "rollout",
        "revisionHistoryLimit: 0 on a Deployment, StatefulSet or DaemonSet, so no old revision is kept and kubectl rollout undo is impossible.",
        "Remove revisionHistoryLimit to keep the default of 10 old revisions, or set it to the number of revisions you want to be able to roll back to.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var m in context.Manifests.All)
        {
            if (!RevisionHistory.Applies(m) || RevisionHistory.Written(m) != 0 || m.At("spec", "revisionHistoryLimit") is not { } at)
            {
                continue;
            }

            var what = m.Kind == "Deployment" ? "old ReplicaSet" : "old ControllerRevision";
            yield return Report(m, at,
                Invariant($"revisionHistoryLimit 0 keeps no {what} of {m.Kind} \"{m.Name}\": once a rollout completes, kubectl rollout undo has no revision to go back to"));
        }
    }
}
