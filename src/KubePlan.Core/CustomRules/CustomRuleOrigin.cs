namespace KubePlan.CustomRules;

/// <summary>
/// Where a custom rule comes from: its source file (as the user named it) and the 1-based line and
/// column of its id there (of the file's start when the id is not written out as a literal).
/// </summary>
public sealed record CustomRuleOrigin(string File, int Line, int Column);
