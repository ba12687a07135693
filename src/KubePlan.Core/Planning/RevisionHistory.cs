using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Planning;

/// <summary>
/// How many old revisions a controller keeps for <c>kubectl rollout undo</c>: a Deployment its old
/// ReplicaSets (scaled to 0; <c>deployment/sync.go</c> cleanupDeployment deletes the oldest beyond
/// spec.revisionHistoryLimit), a StatefulSet or DaemonSet its ControllerRevisions
/// (<c>truncateHistory</c>, which never deletes the live ones). Defaults per API version from
/// <c>pkg/apis/apps/*/defaults.go</c> and <c>pkg/apis/extensions/v1beta1/defaults.go</c>.
/// </summary>
public static class RevisionHistory
{
    /// <summary>Whether the kind keeps a revision history (Deployment, StatefulSet, DaemonSet).</summary>
    public static bool Applies(Manifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return (m.Group, m.Kind) is ("apps" or "extensions", "Deployment" or "DaemonSet") or ("apps", "StatefulSet");
    }

    /// <summary>The API default: 10 in apps/v1 and apps/v1beta2, 2 for apps/v1beta1 Deployments, unlimited (null) for extensions/v1beta1 Deployments.</summary>
    public static int? DefaultLimit(Manifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return (m.ApiVersion, m.Kind) switch
        {
            ("extensions/v1beta1", "Deployment") => null,
            ("apps/v1beta1", "Deployment") => 2,
            _ => 10,
        };
    }

    /// <summary>spec.revisionHistoryLimit as written, or null when unset or not an integer.</summary>
    public static long? Written(Manifest m) => m.At("spec", "revisionHistoryLimit")?.Scalar?.AsInt64();

    /// <summary>A plan note: how many old revisions stay for <c>kubectl rollout undo</c>.</summary>
    public static string Note(Manifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var what = m.Kind == "Deployment" ? "old ReplicaSets (scaled to 0)" : "old ControllerRevisions";
        var undo = "kubectl rollout undo " + m.Kind!.ToLowerInvariant() + "/" + m.Name;
        var written = Written(m);
        var limit = written ?? DefaultLimit(m);
        var source = written is null
            ? (limit is null ? Invariant($"revisionHistoryLimit unset ({m.ApiVersion} keeps every revision)") : Invariant($"revisionHistoryLimit {limit} (the default)"))
            : Invariant($"revisionHistoryLimit {written}");
        return limit switch
        {
            0 => Invariant($"{source}: no {what} are kept once the rollout completes, so `{undo}` has no revision to go back to."),
            null => Invariant($"{source}: every {what[4..]} is kept for `{undo}`."),
            _ => Invariant($"{source}: the {limit} most recent {what} are kept for `{undo}`; older ones are deleted once the rollout completes."),
        };
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
