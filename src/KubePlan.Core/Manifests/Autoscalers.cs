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

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManifestSet, Dictionary<Manifest, Manifest>> ByTarget = [];

    /// <summary>Every autoscaler that targets a workload (more than one is a mistake, but possible).</summary>
    public static IEnumerable<Manifest> AllFor(ManifestSet set, Manifest workload) =>
        Targets(set).Where(t => ReferenceEquals(t.Target, workload)).Select(t => t.Hpa);

    /// <summary>The autoscaler that targets a workload, if any (indexed once per set: rules ask per workload).</summary>
    public static Manifest? For(ManifestSet set, Manifest workload)
    {
        var index = ByTarget.GetValue(set, s =>
        {
            var map = new Dictionary<Manifest, Manifest>(ReferenceEqualityComparer.Instance);
            foreach (var (hpa, target) in Targets(s))
            {
                map.TryAdd(target, hpa);
            }

            return map;
        });
        return index.GetValueOrDefault(workload);
    }
}
