using KubePlan.Rules;
namespace KubePlan.Schema;

/// <summary>
/// The lifecycle of one deprecated or removed API group/version/kind.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1beta1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>CronJob</c>.</param>
/// <param name="DeprecatedIn">The release that started warning about it.</param>
/// <param name="RemovedIn">The first release that no longer serves it.</param>
/// <param name="ReplacementApiVersion">The apiVersion to move to (the stable one served today), or null when the kind was removed without a replacement.</param>
/// <param name="Note">What changes when migrating, in one sentence.</param>
/// <param name="Source">Where the facts come from.</param>
public sealed record ApiLifecycle(
    string Group,
    string Version,
    string Kind,
    KubernetesVersion DeprecatedIn,
    KubernetesVersion RemovedIn,
    string? ReplacementApiVersion,
    string Note,
    string Source)
{
    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>True when <paramref name="target"/> no longer serves this API.</summary>
    public bool IsRemovedIn(KubernetesVersion target) => target.CompareMinor(RemovedIn) >= 0;

    /// <summary>True when <paramref name="target"/> still serves this API but warns that it is deprecated.</summary>
    public bool IsDeprecatedButServedIn(KubernetesVersion target) => target.CompareMinor(DeprecatedIn) >= 0 && target.CompareMinor(RemovedIn) < 0;
}
