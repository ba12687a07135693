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

    /// <summary>What a finding of this id means and how to act on it; null for another id.</summary>
    public static string? Describe(string id) => id switch
    {
        Failed => "custom-rule-failed (error): a custom rule threw an exception or ran past its time budget "
            + "(customRuleTimeout in .kubeplan.yaml, --custom-rule-timeout), so its findings for this run are missing. "
            + "The finding names the rule and the last object it read; --verbose adds the stack trace.\n\n"
            + "Fix: correct the rule (or raise its budget). It can be turned off or given another severity under rules: like any rule, and suppressed like any finding.",
        BareId => "custom-rule-bare-id (info): a custom rule's id has no namespace part (such as team/, as in team/no-host-path), "
            + "so it may clash with a built-in rule added later.\n\n"
            + "Fix: give the rule an id of the form namespace/name; the kubeplan/ namespace is reserved.",
        _ => null,
    };
}
