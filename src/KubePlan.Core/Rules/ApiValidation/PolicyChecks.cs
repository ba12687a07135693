using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec.</summary>
internal static class PolicyChecks
{
    public static void PodDisruptionBudget(ValidationScope s, Located spec)
    {
        var min = spec.Get("minAvailable");
        var max = spec.Get("maxUnavailable");
        if (Fields.IsSet(min) && Fields.IsSet(max))
        {
            s.ErrorAtKey(max!.Value, "minAvailable and maxUnavailable cannot be both set");
        }

        IntOrPercent(s, "minAvailable", min);
        IntOrPercent(s, "maxUnavailable", max);
        s.OneOf(spec, "unhealthyPodEvictionPolicy", "IfHealthyBudget", "AlwaysAllow");
    }

    private static void IntOrPercent(ValidationScope s, string name, Located? at)
    {
        if (at is not { } a || !Fields.IsSet(a))
        {
            return;
        }

        var value = IntOrPercentSyntax.Read(a.Node, out var error);
        if (error is not null)
        {
            s.Error(a, $"{name} {((YScalar)a.Node).JsonText} is invalid: {error}");
        }
        else if (value is { IsPercent: false, Value: < 0 } negative)
        {
            s.Error(a, $"{name} {negative.Value} must be greater than or equal to 0");
        }
        else if (value is { IsPercent: true, Value: > 100 } over)
        {
            s.Error(a, $"{name} {over} must not be greater than 100%");
        }
    }
}
