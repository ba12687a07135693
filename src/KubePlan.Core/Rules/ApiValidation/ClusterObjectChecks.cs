using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// pkg/apis/core/validation ValidateNamespace (finalizer names). ValidateServiceAccount checks
/// object metadata only, which the manifest-structure rule covers.
/// </summary>
internal static class ClusterObjectChecks
{
    public static void Namespace(ValidationScope s, Located root)
    {
        foreach (var finalizer in root.At("spec", "finalizers")?.Items() ?? [])
        {
            if (finalizer.String is not { } name)
            {
                continue;
            }

            if (KubernetesNames.QualifiedName(name) is { } error)
            {
                s.Error(finalizer, $"finalizer \"{name}\" is invalid: {error}");
            }
            else if (!name.Contains('/', StringComparison.Ordinal) && name != "kubernetes")
            {
                s.Error(finalizer, $"finalizer \"{name}\" is neither a standard finalizer name nor fully qualified (e.g. example.com/cleanup)");
            }
        }
    }
}
