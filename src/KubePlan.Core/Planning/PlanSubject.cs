namespace KubePlan.Planning;

/// <summary>The object a plan is for, as the caller names it (serialized as <c>object</c>).</summary>
public sealed record PlanSubject(string ApiVersion, string Kind, string? Namespace, string Name);
