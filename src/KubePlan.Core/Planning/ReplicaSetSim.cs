namespace KubePlan.Planning;

/// <summary>Mutable ReplicaSet state inside a Deployment simulation. Counts only, no pod objects.</summary>
internal sealed class ReplicaSetSim(string name, int replicas, int available, int order)
{
    public string Name { get; } = name;

    /// <summary>spec.replicas; the ReplicaSet controller keeps this many live pods.</summary>
    public int Replicas { get; set; } = replicas;

    /// <summary>status.availableReplicas.</summary>
    public int Available { get; set; } = available;

    /// <summary>Creation order: higher is newer.</summary>
    public int Order { get; } = order;

    public int? DesiredAnnotation { get; set; }

    public int? MaxAnnotation { get; set; }

    public bool IsActive => Replicas > 0;
}
