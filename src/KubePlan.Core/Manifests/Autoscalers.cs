namespace KubePlan.Manifests;

/// <summary>HorizontalPodAutoscalers and the workloads they scale.</summary>
public static class Autoscalers
{
    public static IEnumerable<(Manifest Hpa, Manifest Target)> Targets(ManifestSet set)
    {
        foreach (var hpa in set.OfKind("autoscaling", "HorizontalPodAutoscaler"))
        {
            if (Target(set, hpa) is { } target)
            {
                yield return (hpa, target);
            }
        }
    }

    /// <summary>The object named by the HPA's scaleTargetRef, in the HPA's namespace.</summary>
    public static Manifest? Target(ManifestSet set, Manifest hpa)
    {
        var reference = hpa.At("spec", "scaleTargetRef");
        var kind = reference?.Get("kind")?.String;
        var name = reference?.Get("name")?.String;
        if (kind is null || name is null)
        {
            return null;
        }

        var (group, _) = KubernetesKinds.SplitApiVersion(reference?.Get("apiVersion")?.String);
        return set.Find(new ObjectKey(group, kind, hpa.Namespace, name));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManifestSet, Dictionary<Manifest, List<Manifest>>> ByTarget = [];

    /// <summary>
    /// Every autoscaler that targets a workload, in input order (more than one is a mistake, but
    /// possible). Indexed once per set: rules, plans and diffs ask per workload.
    /// </summary>
    public static IReadOnlyList<Manifest> AllFor(ManifestSet set, Manifest workload) =>
        Index(set).TryGetValue(workload, out var hpas) ? hpas : [];

    /// <summary>The first autoscaler that targets a workload, if any.</summary>
    public static Manifest? For(ManifestSet set, Manifest workload) => AllFor(set, workload) is [var first, ..] ? first : null;

    private static Dictionary<Manifest, List<Manifest>> Index(ManifestSet set) => ByTarget.GetValue(set, s =>
    {
        var map = new Dictionary<Manifest, List<Manifest>>(ReferenceEqualityComparer.Instance);
        foreach (var (hpa, target) in Targets(s))
        {
            if (!map.TryGetValue(target, out var hpas))
            {
                map[target] = hpas = [];
            }

            hpas.Add(hpa);
        }

        return map;
    });
}
