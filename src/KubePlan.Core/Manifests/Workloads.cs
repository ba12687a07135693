namespace KubePlan.Manifests;

/// <summary>Shared views of workload objects: their pod template, containers and strategy.</summary>
public static class Workloads
{
    /// <summary>The pod spec of any object that has one (Pod, workload templates, CronJob's job template).</summary>
    /// <remarks>Found once per object: rules run side by side may both look it up, and find the same node.</remarks>
    public static Located? PodSpec(Manifest m)
    {
        switch (m.CachedPodSpec)
        {
            case Located cached:
                return cached;
            case not null:
                return null;
        }

        Located? spec = KubernetesKinds.PodSpecPath(m.Group, m.Kind) is { } path && m.At(path) is { Mapping: not null } found ? found : null;
        m.CachedPodSpec = spec is { } value ? value : NoPodSpec;
        return spec;
    }

    private static readonly object NoPodSpec = new();

    /// <summary>Objects that run pods: every kind with a pod spec except PodTemplate, which only describes one.</summary>
    public static bool RunsPods(Manifest m) =>
        KubernetesKinds.HasPodSpec(m.Group, m.Kind) && !m.IsKind(string.Empty, "PodTemplate");

    public static bool IsDaemonSet(Manifest m) => m.Kind == "DaemonSet" && m.Group is "apps" or "extensions";

    /// <summary>The labels of a workload's pod template (a Pod's own labels).</summary>
    public static IReadOnlyDictionary<string, string> TemplateLabels(Manifest m) => m.CachedTemplateLabels ??= PodLabels(m);

    /// <summary>The labels of the pod template (or of the Pod itself).</summary>
    public static IReadOnlyDictionary<string, string> PodLabels(Manifest m)
    {
        var path = KubernetesKinds.PodSpecPath(m.Group, m.Kind);
        if (path is null)
        {
            return LabelMap.Read(null);
        }

        var metadata = m.At([.. path[..^1], "metadata", "labels"]);
        return LabelMap.Read(metadata?.Node);
    }

    /// <summary>The (app) containers of a pod spec, with their locations.</summary>
    public static IEnumerable<Located> Containers(Located podSpec) => podSpec.Get("containers")?.Items() ?? [];

    /// <summary>
    /// The app containers and init containers of a pod spec (not ephemeral containers), each with its
    /// role: an init container with <c>restartPolicy: Always</c> is a sidecar that runs beside the app.
    /// Entries that are not mappings are left out (the schema reports them).
    /// </summary>
    public static IEnumerable<PodContainer> AllContainers(Located podSpec)
    {
        foreach (var init in podSpec.Get("initContainers")?.Items() ?? [])
        {
            if (init.Mapping is not null)
            {
                yield return new PodContainer(init, init.Get("restartPolicy")?.String == "Always" ? ContainerRole.Sidecar : ContainerRole.Init);
            }
        }

        foreach (var app in Containers(podSpec))
        {
            if (app.Mapping is not null)
            {
                yield return new PodContainer(app, ContainerRole.App);
            }
        }
    }

    /// <summary>Every object that runs pods, with its pod spec: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob.</summary>
    public static IEnumerable<(Manifest Manifest, Located PodSpec)> PodSpecs(IEnumerable<Manifest> manifests)
    {
        foreach (var m in manifests)
        {
            if (RunsPods(m) && PodSpec(m) is { } spec)
            {
                yield return (m, spec);
            }
        }
    }

    /// <summary>Kinds whose pods run until stopped (not run to completion): everything but Jobs, CronJobs and Pods that do not restart.</summary>
    public static bool RunsLongLived(Manifest m, Located podSpec) => (m.Group, m.Kind) switch
    {
        ("batch", "Job" or "CronJob") => false,
        ("", "Pod") => (podSpec.Get("restartPolicy")?.String ?? "Always") == "Always",
        _ => true,
    };

    /// <summary>The update strategy type as the API server defaults it.</summary>
    public static string? StrategyType(Manifest m) => (m.Group, m.Kind) switch
    {
        ("apps" or "extensions", "Deployment") => m.At("spec", "strategy", "type")?.String ?? "RollingUpdate",
        ("apps", "StatefulSet") or ("apps" or "extensions", "DaemonSet") => m.At("spec", "updateStrategy", "type")?.String ?? "RollingUpdate",
        _ => null,
    };

    /// <summary>spec.replicas as written, or null when absent or not an integer.</summary>
    public static long? DeclaredReplicas(Manifest m) => m.At("spec", "replicas")?.Scalar?.AsInt64();
}

/// <summary>What a container of a pod is for.</summary>
public enum ContainerRole
{
    /// <summary>An entry of <c>containers</c>.</summary>
    App,

    /// <summary>An init container that runs to completion before the app starts.</summary>
    Init,

    /// <summary>An init container with <c>restartPolicy: Always</c>: it keeps running beside the app.</summary>
    Sidecar,

    /// <summary>An entry of <c>ephemeralContainers</c> (kubectl debug): only the Pod Security checks visit them.</summary>
    Ephemeral,
}

/// <summary>A container of a pod spec with its role.</summary>
public readonly record struct PodContainer(Located At, ContainerRole Role)
{
    public string Name => At.Get("name")?.String ?? "?";

    /// <summary>Runs as long as the pod (an app container or a sidecar), not to completion.</summary>
    public bool IsLongRunning => Role is ContainerRole.App or ContainerRole.Sidecar;

    /// <summary>"container \"web\"", "init container \"migrate\"" or "sidecar \"proxy\"", for messages.</summary>
    public string Describe() => Role switch
    {
        ContainerRole.Init => $"init container \"{Name}\"",
        ContainerRole.Sidecar => $"sidecar container \"{Name}\"",
        _ => $"container \"{Name}\"",
    };

    /// <summary>Where a finding about the whole container points: its name, else the container.</summary>
    public Located NameOrSelf => At.Get("name") ?? At;
}
