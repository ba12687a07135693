using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// pkg/apis/autoscaling/validation ValidateHorizontalPodAutoscaler: replica bounds (HPAScaleToZero
/// is alpha and off, so minReplicas ≥ 1), scaleTargetRef, metric sources and targets, behavior.
/// </summary>
internal static class AutoscalingChecks
{
    private static readonly string[] MetricTypes = ["Object", "Pods", "Resource", "ContainerResource", "External"];

    /// <summary>The field each metric type populates, in the order of <see cref="MetricTypes"/>.</summary>
    private static readonly string[] MetricSources = ["object", "pods", "resource", "containerResource", "external"];
    private static readonly string[] ScaleTargetFields = ["kind", "name"];
    private static readonly string[] TargetQuantities = ["value", "averageValue"];
    private static readonly string[] Directions = ["scaleUp", "scaleDown"];

    public static void Check(ValidationScope s, Located spec, string version)
    {
        var min = Fields.Int(spec.Get("minReplicas"));
        if (min is < 1)
        {
            s.Error(spec.Get("minReplicas")!.Value, $"minReplicas {min} must be greater than or equal to 1");
        }

        if (spec.Get("maxReplicas") is { } maxAt && Fields.Int(maxAt) is { } max)
        {
            if (max < 1)
            {
                s.Error(maxAt, $"maxReplicas {max} must be greater than 0");
            }
            else if (max < (min ?? 1))
            {
                s.Error(maxAt, $"maxReplicas {max} must be greater than or equal to minReplicas ({min ?? 1})");
            }
        }

        if (spec.Get("scaleTargetRef") is { Mapping: not null } target)
        {
            foreach (var key in ScaleTargetFields)
            {
                if (target.Get(key) is not { String.Length: > 0 })
                {
                    s.ErrorAtKey(target, $"scaleTargetRef.{key} is required");
                }
                else if (KubernetesNames.PathSegmentName(target.Get(key)!.Value.String!) is { } error)
                {
                    s.Error(target.Get(key)!.Value, $"scaleTargetRef.{key} is invalid: it {error}");
                }
            }
        }

        if (version == "v1")
        {
            if (Fields.Int(spec.Get("targetCPUUtilizationPercentage")) is < 1 and var cpu)
            {
                s.Error(spec.Get("targetCPUUtilizationPercentage")!.Value, $"targetCPUUtilizationPercentage {cpu} must be greater than 0");
            }

            return;
        }

        foreach (var metric in spec.Get("metrics")?.Items() ?? [])
        {
            Metric(s, metric);
        }

        if (spec.Get("behavior") is { Mapping: not null } behavior)
        {
            foreach (var direction in Directions)
            {
                if (behavior.Get(direction) is { Mapping: not null } rules)
                {
                    ScalingRules(s, rules);
                }
            }
        }
    }

    /// <summary>validateMetricSpec and the per-source validators.</summary>
    private static void Metric(ValidationScope s, Located metric)
    {
        if (metric.Get("type") is not { String: { } type } typeAt)
        {
            return;
        }

        var index = Array.IndexOf(MetricTypes, type);
        if (index < 0)
        {
            s.Error(typeAt, $"unsupported metric type \"{type}\": supported values are {Fields.Quote(MetricTypes)}");
            return;
        }

        var sourceKey = MetricSources[index];
        var populated = Fields.Present(metric, MetricSources);
        if (!populated.Contains(sourceKey))
        {
            s.Error(typeAt, $"a metric of type {type} must populate {sourceKey}");
            return;
        }

        foreach (var other in populated)
        {
            if (other != sourceKey)
            {
                s.ErrorAtKey(metric.Get(other)!.Value, $"a metric of type {type} must populate {sourceKey} only, not {other}");
            }
        }

        var source = metric.Get(sourceKey)!.Value;
        if (type is "Resource" or "ContainerResource" && source.Get("name") is not { String.Length: > 0 })
        {
            s.ErrorAtKey(source, $"{sourceKey}.name is required (e.g. cpu or memory)");
        }

        if (type == "ContainerResource" && source.Get("container") is not { String.Length: > 0 })
        {
            s.ErrorAtKey(source, "containerResource.container is required");
        }

        if (source.Get("target") is not { Mapping: not null } target)
        {
            return;
        }

        Target(s, target);
        var hasValue = Fields.IsSet(target.Get("value"));
        var hasAverage = Fields.IsSet(target.Get("averageValue"));
        var hasUtilization = Fields.IsSet(target.Get("averageUtilization"));
        switch (type)
        {
            case "Resource" or "ContainerResource":
                if (!hasAverage && !hasUtilization)
                {
                    s.ErrorAtKey(target, "a resource metric must set a target averageUtilization or averageValue");
                }
                else if (hasAverage && hasUtilization)
                {
                    s.ErrorAtKey(target.Get("averageUtilization")!.Value, "a resource metric may not set both averageUtilization and averageValue");
                }

                break;
            case "Pods":
                if (!hasAverage)
                {
                    s.ErrorAtKey(target, "a Pods metric must set a target averageValue");
                }

                break;
            default:
                if (!hasValue && !hasAverage)
                {
                    s.ErrorAtKey(target, $"an {type} metric must set a target value or averageValue");
                }

                break;
        }
    }

    /// <summary>validateMetricTarget.</summary>
    private static void Target(ValidationScope s, Located target)
    {
        s.OneOf(target, "type", "Utilization", "Value", "AverageValue");
        foreach (var key in TargetQuantities)
        {
            if (target.Get(key) is { Node: YScalar { Kind: ScalarKind.String or ScalarKind.Int or ScalarKind.Float } q } at
                && Quantity.TryParse(q.IsString ? q.Text : q.KeyText, out var quantity) && quantity.Sign <= 0)
            {
                s.Error(at, $"target {key} {q.JsonText} must be positive");
            }
        }

        if (Fields.Int(target.Get("averageUtilization")) is < 1 and var utilization)
        {
            s.Error(target.Get("averageUtilization")!.Value, $"target averageUtilization {utilization} must be greater than 0");
        }
    }

    /// <summary>validateScalingRules.</summary>
    private static void ScalingRules(ValidationScope s, Located rules)
    {
        if (Fields.Int(rules.Get("stabilizationWindowSeconds")) is { } window and (< 0 or > 3600))
        {
            s.Error(rules.Get("stabilizationWindowSeconds")!.Value, $"stabilizationWindowSeconds {window} must be between 0 and 3600");
        }

        s.OneOf(rules, "selectPolicy", "Max", "Min", "Disabled");
        foreach (var policy in rules.Get("policies")?.Items() ?? [])
        {
            s.OneOf(policy, "type", "Pods", "Percent");
            if (Fields.Int(policy.Get("value")) is <= 0 and var value)
            {
                s.Error(policy.Get("value")!.Value, $"scaling policy value {value} must be greater than zero");
            }

            if (Fields.Int(policy.Get("periodSeconds")) is { } period and (<= 0 or > 1800))
            {
                s.Error(policy.Get("periodSeconds")!.Value, $"scaling policy periodSeconds {period} must be between 1 and 1800");
            }
        }
    }
}
