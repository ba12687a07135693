namespace KubePlan.Diff;

/// <summary>What applying a change will do, most significant first (the order of the enum is the report order).</summary>
public enum Impact
{
    /// <summary>A workload's pod template changed: its pods are replaced.</summary>
    Rollout,

    /// <summary>Only the replica count of a workload changed.</summary>
    Scale,

    /// <summary>The API server refuses the update (an immutable field changed).</summary>
    Rejected,

    /// <summary>A Service's selector or ports changed: which pods get traffic moves.</summary>
    Traffic,

    /// <summary>Consumed configuration changed but the pods that read it are not restarted.</summary>
    ConfigNotRolled,

    /// <summary>The object exists only on the new side.</summary>
    Added,

    /// <summary>The object exists only on the old side: applying a prune deletes it.</summary>
    Removed,

    /// <summary>
    /// Another change that the API server applies in place with nothing restarting (an Ingress
    /// rule, a ConfigMap nothing reads, a Deployment's strategy). Not one of the classes named in
    /// the product issue, but every change needs a class and none of those fit.
    /// </summary>
    Update,

    /// <summary>Only labels, annotations or the apiVersion changed, outside any pod template.</summary>
    Metadata,
}

public static class ImpactNames
{
    public static string ToName(this Impact impact) => impact switch
    {
        Impact.Rollout => "rollout",
        Impact.Scale => "scale",
        Impact.Rejected => "rejected",
        Impact.Traffic => "traffic",
        Impact.ConfigNotRolled => "config-not-rolled",
        Impact.Added => "added",
        Impact.Removed => "removed",
        Impact.Update => "update",
        _ => "metadata",
    };

    public static IReadOnlyList<Impact> All { get; } = Enum.GetValues<Impact>();

    public static bool TryParse(string? text, out Impact impact)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToName(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                impact = candidate;
                return true;
            }
        }

        impact = Impact.Metadata;
        return false;
    }
}
