namespace KubePlan.Manifests;

/// <summary>Shared views of workload objects: their pod template, containers and strategy.</summary>
public static class Workloads
{
    /// <summary>The pod spec of any object that has one (Pod, workload templates, CronJob's job template).</summary>
    public static Located? PodSpec(Manifest m) =>
        KubernetesKinds.PodSpecPath(m.Group, m.Kind) is { } path && m.At(path) is { Mapping: not null } spec ? spec : null;

    /// <summary>Objects that run pods: every kind with a pod spec except PodTemplate, which only describes one.</summary>
    public static bool RunsPods(Manifest m) =>
        KubernetesKinds.PodSpecPath(m.Group, m.Kind) is not null && !m.IsKind(string.Empty, "PodTemplate");

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
