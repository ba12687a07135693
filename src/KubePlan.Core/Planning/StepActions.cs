namespace KubePlan.Planning;

/// <summary>The values of <see cref="PlanStep.Action"/>.</summary>
public static class StepActions
{
    /// <summary>Pods are created (scale-up, or the replacement of a deleted pod).</summary>
    public const string Create = "create";

    /// <summary>Pods are deleted (scale-down, or an outdated pod deleted to be replaced).</summary>
    public const string Delete = "delete";

    /// <summary>
    /// Pods are replaced in one step. The planners emit it only where deleting and recreating a pod
    /// is a single wait; the StatefulSet controller waits twice (gone, then ready), so its plans
    /// show a <c>delete</c> step and a <c>create</c> step instead.
    /// </summary>
    public const string Update = "update";
}
