using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>Something the API server would reject in a selector or toleration: where, what, and how to fix it.</summary>
public sealed record SelectorProblem(Located At, string Message, string Hint, bool AtKey = false);
