namespace KubePlan.CustomRules;

/// <summary>One C# file of custom rules: the path as the user gave it (forward slashes) and its text.</summary>
public sealed record CustomRuleSource(string Path, string Text);
