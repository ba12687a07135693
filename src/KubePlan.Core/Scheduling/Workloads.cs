using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>Finding the pod specs and pod templates of workloads.</summary>
public static class Workloads
{
    /// <summary>The pod spec of an object with one (a Pod's own spec, a workload's template spec), or null.</summary>
    public static Located? PodSpec(Manifest manifest) =>
        KubernetesKinds.PodSpecPath(manifest.Group, manifest.Kind) is { } path && manifest.At(path) is { Mapping: not null } spec ? spec : null;

    /// <summary>Objects that run pods: every kind with a pod spec except PodTemplate, which only describes one.</summary>
    public static bool RunsPods(Manifest manifest) =>
        KubernetesKinds.PodSpecPath(manifest.Group, manifest.Kind) is not null && !manifest.IsKind(string.Empty, "PodTemplate");

    public static bool IsDaemonSet(Manifest manifest) => manifest.Kind == "DaemonSet" && manifest.Group is "apps" or "extensions";

    /// <summary>The labels of a workload's pod template (a Pod's own labels).</summary>
    public static IReadOnlyDictionary<string, string> TemplateLabels(Manifest manifest)
    {
        if (manifest.IsKind(string.Empty, "Pod"))
        {
            return manifest.Labels;
        }

        var template = KubernetesKinds.PodTemplatePath(manifest.Group, manifest.Kind) is { } path ? manifest.At(path) : null;
        return LabelMap.Read(template?.At("metadata", "labels")?.Node);
    }
}
