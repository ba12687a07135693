namespace KubePlan.CustomRules;

/// <summary>
/// The ids of the findings KubePlan reports about custom rules themselves (not about the input).
/// They are not catalogue rules, but <c>rules:</c> in .kubeplan.yaml and <c>--disable</c> accept them.
/// </summary>
public static class CustomRuleFindings
{
    /// <summary>A custom rule threw, or overran its time budget (error).</summary>
    public const string Failed = "custom-rule-failed";

    /// <summary>A custom rule whose id has no <c>namespace/</c> part (info).</summary>
    public const string BareId = "custom-rule-bare-id";

    public static IReadOnlyList<string> Ids { get; } = [BareId, Failed];
}
