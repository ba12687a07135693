using KubePlan.Manifests;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// Which pods a ResourceQuota counts, as the quota admission's pod evaluator decides it
/// (<c>pkg/quota/v1/evaluator/core/pods.go</c> podMatchesScopeFunc): every scope of
/// <c>spec.scopes</c> and every expression of <c>spec.scopeSelector</c> must match the pod.
/// </summary>
internal static class QuotaScopes
{
    /// <summary>
    /// Whether the quota counts pods of this spec; null when the quota names a scope this check
    /// does not model (it is then left out rather than guessed).
    /// </summary>
    public static bool? Counts(Manifest quota, Located podSpec)
    {
        foreach (var scope in quota.At("spec", "scopes")?.Items() ?? [])
        {
            if (Matches(scope.String, "Exists", [], podSpec) is not { } matches)
            {
                return null;
            }

            if (!matches)
            {
                return false;
            }
        }

        foreach (var expression in quota.At("spec", "scopeSelector", "matchExpressions")?.Items() ?? [])
        {
            var values = expression.Get("values")?.Items().Select(v => v.String ?? string.Empty).ToList() ?? [];
            if (Matches(expression.Get("scopeName")?.String, expression.Get("operator")?.String, values, podSpec) is not { } matches)
            {
                return null;
            }

            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static bool? Matches(string? scope, string? op, IReadOnlyList<string> values, Located podSpec) => scope switch
    {
        // Terminating: pods with activeDeadlineSeconds >= 0 (Jobs); NotTerminating: the rest.
        "Terminating" when op == "Exists" => IsTerminating(podSpec),
        "NotTerminating" when op == "Exists" => !IsTerminating(podSpec),
        "BestEffort" when op == "Exists" => IsBestEffort(podSpec),
        "NotBestEffort" when op == "Exists" => !IsBestEffort(podSpec),
        "PriorityClass" => PriorityClass(op, values, podSpec.Get("priorityClassName")?.String ?? string.Empty),
        "CrossNamespacePodAffinity" when op == "Exists" => HasCrossNamespaceAffinity(podSpec),
        _ => null,
    };

    private static bool? PriorityClass(string? op, IReadOnlyList<string> values, string name) => op switch
    {
        "Exists" => name.Length > 0,
        "DoesNotExist" => name.Length == 0,
        "In" => values.Contains(name, StringComparer.Ordinal),
        "NotIn" => !values.Contains(name, StringComparer.Ordinal),
        _ => null,
    };

    private static bool IsTerminating(Located podSpec) => podSpec.Get("activeDeadlineSeconds")?.Scalar?.AsInt64() is >= 0;

    /// <summary>BestEffort QoS: no container (init containers included) requests or limits cpu or memory.</summary>
    private static bool IsBestEffort(Located podSpec) =>
        !(podSpec.Get("containers")?.Items() ?? []).Concat(podSpec.Get("initContainers")?.Items() ?? [])
            .Any(c => new[] { "requests", "limits" }.Any(kind => c.At("resources", kind) is { Mapping: { } m }
                && (m.GetEntry("cpu") is not null || m.GetEntry("memory") is not null)));

    /// <summary>A pod affinity or anti-affinity term that names namespaces or a namespaceSelector.</summary>
    private static bool HasCrossNamespaceAffinity(Located podSpec)
    {
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            var affinity = podSpec.At("affinity", kind);
            var terms = (affinity?.Get("requiredDuringSchedulingIgnoredDuringExecution")?.Items() ?? [])
                .Concat((affinity?.Get("preferredDuringSchedulingIgnoredDuringExecution")?.Items() ?? []).Select(p => p.Get("podAffinityTerm") ?? p));
            if (terms.Any(t => t.Get("namespaceSelector") is not null || t.Get("namespaces") is { Sequence.Items.Count: > 0 }))
            {
                return true;
            }
        }

        return false;
    }
}
