using KubePlan.Manifests;
using KubePlan.Rules;
using KubePlan.Validation;

namespace KubePlan.Rules.Rollout;

/// <summary>One strategy parameter the API server rejects: the node, the message, and whether the key is at fault.</summary>
public sealed record StrategyProblem(Located At, string Message, bool AtKey = false);

/// <summary>
/// The update-strategy checks of <c>pkg/apis/apps/validation</c>, over the YAML as written
/// (defaults applied where the API server applies them before validating).
/// </summary>
public static class StrategyValidation
{
    /// <summary>
    /// The version from which StatefulSet <c>rollingUpdate.maxUnavailable</c> reaches validation: while the
    /// MaxUnavailableStatefulSet gate is off (1.36) the API server drops the field before validating it.
    /// </summary>
    public static readonly KubernetesVersion StatefulSetMaxUnavailableSince = new(1, 37);

    /// <summary>ValidateDeploymentStrategy and ValidateRollingUpdateDeployment.</summary>
    public static IEnumerable<StrategyProblem> Deployment(Located spec)
    {
        if (spec.Get("strategy") is not { Mapping: not null } strategy)
        {
            yield break;
        }

        var type = strategy.Get("type");
        var typeName = type?.String ?? "RollingUpdate";
        var rolling = strategy.Get("rollingUpdate") is { Node: not YScalar { Kind: ScalarKind.Null } } r ? r : (Located?)null;
        switch (typeName)
        {
            case "Recreate":
                if (rolling is { } block)
                {
                    yield return new StrategyProblem(block, "spec.strategy.rollingUpdate may not be specified when strategy type is 'Recreate'", AtKey: true);
                }

                break;
            case "RollingUpdate":
                if (rolling is not { } ru)
                {
                    break;
                }

                var surge = ReadField(ru, "maxSurge", out var surgeProblem);
                var unavailable = ReadField(ru, "maxUnavailable", out var unavailableProblem);
                foreach (var p in new[] { surgeProblem, unavailableProblem })
                {
                    if (p is not null)
                    {
                        yield return p;
                    }
                }

                if (unavailable is { } u && u.Value.IsPercent && u.Value.Value > 100)
                {
                    yield return new StrategyProblem(u.At, $"maxUnavailable {u.Value} must not be greater than 100%");
                }

                // Both default to 25% when absent; only two explicit zeroes are rejected.
                if (surge is { Value.IsZero: true } && unavailable is { Value.IsZero: true } zero)
                {
                    yield return new StrategyProblem(zero.At, "maxUnavailable may not be 0 when maxSurge is 0: the rollout could never replace a pod");
                }

                break;
            default:
                if (type is { String: not null } t)
                {
                    yield return new StrategyProblem(t, $"unsupported strategy type \"{typeName}\": supported values are \"Recreate\" and \"RollingUpdate\"");
                }

                break;
        }
    }

    /// <summary>ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet.</summary>
    public static IEnumerable<StrategyProblem> DaemonSet(Located spec)
    {
        if (spec.Get("updateStrategy") is not { Mapping: not null } strategy)
        {
            yield break;
        }

        var type = strategy.Get("type");
        var typeName = type?.String ?? "RollingUpdate";
        if (typeName == "OnDelete")
        {
            // Upstream accepts (and ignores) a rollingUpdate block with OnDelete.
            yield break;
        }

        if (typeName != "RollingUpdate")
        {
            if (type is { String: not null } t)
            {
                yield return new StrategyProblem(t, $"unsupported updateStrategy type \"{typeName}\": supported values are \"RollingUpdate\" and \"OnDelete\"");
            }

            yield break;
        }

        if (strategy.Get("rollingUpdate") is not { Mapping: not null } ru)
        {
            // Defaulted to maxUnavailable 1, maxSurge 0.
            yield break;
        }

        var surge = ReadField(ru, "maxSurge", out var surgeProblem);
        var unavailable = ReadField(ru, "maxUnavailable", out var unavailableProblem);
        foreach (var p in new[] { surgeProblem, unavailableProblem })
        {
            if (p is not null)
            {
                yield return p;
            }
        }

        foreach (var (name, field) in new[] { ("maxSurge", surge), ("maxUnavailable", unavailable) })
        {
            if (field is { } f && f.Value.IsPercent && f.Value.Value > 100)
            {
                yield return new StrategyProblem(f.At, $"{name} {f.Value} must not be greater than 100%");
            }
        }

        var surgeMalformed = surgeProblem is not null;
        var unavailableMalformed = unavailableProblem is not null;
        if (surgeMalformed || unavailableMalformed)
        {
            yield break;
        }

        // Defaults when absent: maxUnavailable 1, maxSurge 0.
        var hasSurge = surge is { Value.IsZero: false };
        var hasUnavailable = unavailable is null || !unavailable.Value.Value.IsZero;
        if (hasSurge && hasUnavailable)
        {
            var detail = unavailable is null ? " (maxUnavailable defaults to 1; set it to 0 to surge)" : string.Empty;
            yield return new StrategyProblem(surge!.Value.At, $"maxSurge may not be set when maxUnavailable is non-zero{detail}");
        }
        else if (!hasSurge && !hasUnavailable)
        {
            yield return new StrategyProblem(unavailable!.Value.At, "maxUnavailable cannot be 0 when maxSurge is 0: the rollout could never replace a pod");
        }
    }

    /// <summary>ValidateStatefulSetUpdateStrategy and validateRollingUpdateStatefulSet.</summary>
    public static IEnumerable<StrategyProblem> StatefulSet(Located spec, KubernetesVersion version)
    {
        if (spec.Get("updateStrategy") is not { Mapping: not null } strategy)
        {
            yield break;
        }

        var type = strategy.Get("type");
        var typeName = type?.String ?? "RollingUpdate";
        var rolling = strategy.Get("rollingUpdate") is { Node: not YScalar { Kind: ScalarKind.Null } } r ? r : (Located?)null;
        switch (typeName)
        {
            case "OnDelete":
                if (rolling is { } block)
                {
                    yield return new StrategyProblem(block, "spec.updateStrategy.rollingUpdate is only allowed for updateStrategy 'RollingUpdate'", AtKey: true);
                }

                break;
            case "RollingUpdate":
                if (rolling is not { Mapping: not null } ru)
                {
                    break;
                }

                if (ru.Get("partition") is { Scalar: { Kind: ScalarKind.Int } p } partition && p.AsInt64() < 0)
                {
                    yield return new StrategyProblem(partition, $"partition {p.AsInt64()} must be greater than or equal to 0");
                }

                if (version < StatefulSetMaxUnavailableSince)
                {
                    break;
                }

                var unavailable = ReadField(ru, "maxUnavailable", out var problem);
                if (problem is not null)
                {
                    yield return problem;
                }
                else if (unavailable is { } u)
                {
                    if (u.Value.IsZero)
                    {
                        yield return new StrategyProblem(u.At, "maxUnavailable cannot be 0");
                    }
                    else if (u.Value.IsPercent && u.Value.Value > 100)
                    {
                        yield return new StrategyProblem(u.At, $"maxUnavailable {u.Value} must not be greater than 100%");
                    }
                }

                break;
            default:
                if (type is { String: not null } t)
                {
                    yield return new StrategyProblem(t, $"unsupported updateStrategy type \"{typeName}\": supported values are \"RollingUpdate\" and \"OnDelete\"");
                }

                break;
        }
    }

    /// <summary>ValidatePositiveIntOrPercent: an integer ≥ 0 or a string matching <c>^[0-9]+%$</c>.</summary>
    private static (Located At, IntOrPercentSyntax Value)? ReadField(Located block, string name, out StrategyProblem? problem)
    {
        problem = null;
        if (block.Get(name) is not { } at || at.Node is YScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        var value = IntOrPercentSyntax.Read(at.Node, out var error);
        if (error is not null)
        {
            problem = new StrategyProblem(at, $"{name} {((YScalar)at.Node).JsonText} is invalid: {error}");
            return null;
        }

        if (value is { IsPercent: false, Value: < 0 } negative)
        {
            problem = new StrategyProblem(at, $"{name} {negative.Value} must be greater than or equal to 0");
            return null;
        }

        return value is { } v ? (at, v) : null;
    }
}
