using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>Pod-level facts the diff needs: template labels, configuration a pod spec reads, HPA targets.</summary>
public static class Workloads
{
    /// <summary>The labels its pods carry: the pod template's, or a Pod's own; null for kinds without pods.</summary>
    public static IReadOnlyDictionary<string, string>? PodLabels(Manifest m) =>
        Manifests.Workloads.RunsPods(m) ? Manifests.Workloads.TemplateLabels(m) : null;

    /// <summary>Workloads of the set in a namespace whose pods a Service selector picks (an empty selector picks none).</summary>
    public static List<ObjectRef> Selected(ManifestSet set, string? ns, IReadOnlyDictionary<string, string> selector)
    {
        var selected = new List<ObjectRef>();
        if (selector.Count == 0)
        {
            return selected;
        }

        foreach (var m in set.InNamespace(ns))
        {
            if (m.Kind is "CronJob" or "Job" || PodLabels(m) is not { } labels)
            {
                continue; // run-to-completion pods do not serve traffic
            }

            if (selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
            {
                selected.Add(m.Ref);
            }
        }

        return selected;
    }

    /// <summary>How a pod spec reads a ConfigMap or Secret of the given name ("env", "envFrom", "volume"), or null when it does not.</summary>
    public static string? Consumes(Manifest m, string kind, string name)
    {
        var specPath = KubernetesKinds.PodSpecPath(m.Group, m.Kind);
        if (specPath is null || m.At(specPath) is not { } spec)
        {
            return null;
        }

        var isConfigMap = kind == "ConfigMap";
        var ways = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            foreach (var container in spec.Get(list)?.Items() ?? [])
            {
                foreach (var env in container.Get("env")?.Items() ?? [])
                {
                    if (env.At("valueFrom", isConfigMap ? "configMapKeyRef" : "secretKeyRef", "name")?.String == name)
                    {
                        ways.Add("env");
                    }
                }

                foreach (var from in container.Get("envFrom")?.Items() ?? [])
                {
                    if (from.At(isConfigMap ? "configMapRef" : "secretRef", "name")?.String == name)
                    {
                        ways.Add("envFrom");
                    }
                }
            }
        }

        foreach (var volume in spec.Get("volumes")?.Items() ?? [])
        {
            if ((isConfigMap ? volume.At("configMap", "name") : volume.At("secret", "secretName"))?.String == name)
            {
                ways.Add("volume");
            }

            foreach (var source in volume.At("projected", "sources")?.Items() ?? [])
            {
                if (source.At(isConfigMap ? "configMap" : "secret", "name")?.String == name)
                {
                    ways.Add("volume");
                }
            }
        }

        return ways.Count == 0 ? null : string.Join(", ", ways);
    }
}
