using KubePlan.Rules;
namespace KubePlan.Planning;

/// <summary>The default of a feature gate in a release, with the history a plan can print.</summary>
public readonly record struct FeatureGateDefault(bool Enabled, string Note);

/// <summary>Defaults of the feature gates that change controller arithmetic (SEMANTICS.md §10).</summary>
public static class FeatureGates
{
    /// <summary>
    /// MaxUnavailableStatefulSet: alpha (off) 1.24–1.34; beta and on in 1.35.0; turned off again
    /// after regression kubernetes#137409 (off from 1.35.4, the backport, and in 1.36); on again
    /// from 1.37, which carries the fix. A version without a patch number is read as the latest
    /// patch of that minor.
    /// </summary>
    public static FeatureGateDefault MaxUnavailableStatefulSet(KubernetesVersion version)
    {
        const string History =
            "MaxUnavailableStatefulSet: alpha (off) 1.24–1.34, beta and on in 1.35.0, off again from 1.35.4 and in 1.36 after regression kubernetes#137409, on from 1.37";
        if (version < new KubernetesVersion(1, 24, 0))
        {
            return new(false, $"Kubernetes {version} has no StatefulSet maxUnavailable; pods are updated one at a time. {History}.");
        }

        if (version < new KubernetesVersion(1, 35, 0))
        {
            return new(false, $"Kubernetes {version}: the gate is alpha and off by default, so maxUnavailable is ignored and pods are updated one at a time. {History}.");
        }

        if (version.Major == 1 && version.Minor == 35 && version.Patch is < 4)
        {
            return new(true, $"Kubernetes {version}: the gate is beta and on by default, so up to maxUnavailable pods are updated at once. {History}.");
        }

        if (version < new KubernetesVersion(1, 37, 0))
        {
            return new(false, $"Kubernetes {version}: the gate is off by default, so maxUnavailable is ignored and pods are updated one at a time. {History}.");
        }

        return new(true, $"Kubernetes {version}: the gate is on by default, so up to maxUnavailable pods are updated at once. {History}.");
    }
}
