namespace KubePlan.Planning;

/// <summary>The values of <see cref="PlanStep.Action"/>.</summary>
public static class StepActions
{
    /// <summary>Pods are created (scale-up, or the replacement of a deleted pod).</summary>
    public const string Create = "create";

    /// <summary>Pods are deleted (scale-down, or an outdated pod deleted to be replaced).</summary>
    public const string Delete = "delete";

    /// <summary>
    /// One pass both creates and deletes pods (a Parallel StatefulSet creating missing pods and, in
    /// the same pass, deleting outdated ones). Replacing a pod is otherwise two steps, because the
    /// controller waits twice: until the old pod is gone, then until the new one is ready.
    /// </summary>
    public const string Update = "update";
}
