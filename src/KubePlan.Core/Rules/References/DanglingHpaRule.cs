using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// A HorizontalPodAutoscaler that cannot work: its scaleTargetRef names a workload the input does
/// not hold (reported when the input holds that kind, or the workloads of a namespace), or it
/// scales on CPU or memory utilisation while a container of the target has no request for that
/// resource, so the replica calculator fails ("missing request for cpu in container …",
/// <c>replica_calculator.go</c> calculatePodRequests: every app container and sidecar needs the
/// request unless the pod sets a pod-level request). Requests come from the container's requests,
/// its limits (the API server copies a limit into a missing request) or a LimitRange default of
/// the namespace in the input. With no metrics, the autoscaler defaults to 80% CPU utilisation.
/// </summary>
public sealed class DanglingHpaRule : Rule
{
    private static readonly string[] ScalableKinds = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    public override RuleInfo Info { get; } = new(
        RuleIds.DanglingHpa,
        Severity.Error,
        "references",
        "A HorizontalPodAutoscaler whose scaleTargetRef is not in the input, or that scales on CPU or memory utilisation while the target's containers have no request for it, so it cannot compute a replica count.",
        "Point scaleTargetRef at a workload in the input (apiVersion, kind and name), and give every container of the target a request for each resource the autoscaler measures as a utilisation.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("HorizontalPodAutoscaler", "LimitRange");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        var limitRangeDefaults = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var hpa in set.OfKind("autoscaling", "HorizontalPodAutoscaler").Where(m => !set.IsRepeat(m)))
        {
            var reference = hpa.At("spec", "scaleTargetRef");
            var kind = reference?.Get("kind")?.String;
            var nameAt = reference?.Get("name");
            if (reference is not { } refAt || kind is null || nameAt is not { String: { Length: > 0 } name })
            {
                continue;
            }

            var (group, _) = KubernetesKinds.SplitApiVersion(refAt.Get("apiVersion")?.String);
            var target = Find(set, group, kind, hpa.Namespace, name);
            if (target is null)
            {
                if (MissingTarget(set, hpa, refAt, group, kind, name) is { } finding)
                {
                    yield return finding;
                }

                continue;
            }

            if (Workloads.PodSpec(target) is not { } podSpec)
            {
                continue;
            }

            // Read once per namespace: every autoscaler of the namespace asks.
            var defaults = hpa.Namespace is not { } ns ? LimitRangeDefaults(set, null)
                : limitRangeDefaults.TryGetValue(ns, out var known) ? known
                : limitRangeDefaults[ns] = LimitRangeDefaults(set, ns);

            foreach (var metric in UtilizationMetrics(hpa))
            {
                if (MissingRequests(podSpec, metric, defaults) is { } missing)
                {
                    yield return Report(hpa, metric.At,
                        $"HorizontalPodAutoscaler \"{hpa.Name}\" scales on {metric.Resource} utilisation{metric.Note}, but in {target.Kind} \"{target.Name}\" {missing.Phrase}: utilisation is measured against the request, so the autoscaler cannot compute a replica count",
                        missing.Hint);
                }
            }
        }
    }

    private static Manifest? Find(ManifestSet set, string group, string kind, string? ns, string name) =>
        set.Find(new ObjectKey(group, kind, ns, name))
        // apps and extensions name the same Deployments and ReplicaSets.
        ?? (group is "apps" or "extensions" && kind is "Deployment" or "ReplicaSet"
            ? set.Find(new ObjectKey(group == "apps" ? "extensions" : "apps", kind, ns, name)) : null);

    private Diagnostic? MissingTarget(ManifestSet set, Manifest hpa, Located reference, string group, string kind, string name)
    {
        var builtIn = ScalableKinds.Contains(kind) && group is "apps" or "extensions" or "";
        if (!set.HoldsKind(group, kind, hpa.Namespace) && !(builtIn && set.PodTemplates.HasPods(hpa.Namespace)))
        {
            return null; // the target may be applied from elsewhere
        }

        // One lookup by name, not a scan of the namespace per autoscaler (quadratic when many targets are missing).
        var namesake = set.PodTemplates.Named(hpa.Namespace, name).FirstOrDefault(m => ScalableKinds.Contains(m.Kind));
        var at = reference.Get("name") ?? reference;
        if (namesake is not null)
        {
            var apiVersion = reference.Get("apiVersion")?.String;
            return Report(hpa, namesake.Kind == kind ? reference.Get("apiVersion") ?? at : reference.Get("kind") ?? at,
                $"scaleTargetRef of HorizontalPodAutoscaler \"{hpa.Name}\" names {apiVersion ?? "(no apiVersion)"} {kind} \"{name}\", but the input holds {namesake.ApiVersion} {namesake.Kind} \"{name}\": the autoscaler finds no such target and scales nothing",
                $"Set scaleTargetRef to apiVersion: {namesake.ApiVersion}, kind: {namesake.Kind}.");
        }

        return Report(hpa, at,
            $"scaleTargetRef of HorizontalPodAutoscaler \"{hpa.Name}\" names {kind} \"{name}\", which is not in namespace \"{hpa.Namespace}\" of the input: the autoscaler has nothing to scale");
    }

    /// <summary>The resource metrics with a Utilization target, including the CPU default of an HPA without metrics.</summary>
    private static IEnumerable<UtilizationMetric> UtilizationMetrics(Manifest hpa)
    {
        var spec = hpa.At("spec");
        if (spec is not { } s)
        {
            yield break;
        }

        if (hpa.Version == "v1")
        {
            var target = s.Get("targetCPUUtilizationPercentage");
            yield return new UtilizationMetric("cpu", null, target ?? s.Get("scaleTargetRef") ?? s,
                target is null ? " (the default of 80% when targetCPUUtilizationPercentage is not set)" : string.Empty);
            yield break;
        }

        var metrics = s.Get("metrics")?.Items().ToList() ?? [];
        if (metrics.Count == 0)
        {
            yield return new UtilizationMetric("cpu", null, s.Get("scaleTargetRef") ?? s, " (the default of 80% when no metrics are given)");
            yield break;
        }

        foreach (var metric in metrics)
        {
            var type = metric.Get("type")?.String;
            var source = type switch
            {
                "Resource" => metric.Get("resource"),
                "ContainerResource" => metric.Get("containerResource"),
                _ => null,
            };
            if (source is not { } src || src.Get("name")?.String is not { Length: > 0 } resource)
            {
                continue;
            }

            // v2 / v2beta2: target.type Utilization; v2beta1: targetAverageUtilization.
            var at = src.Get("target") is { } t && t.Get("type")?.String == "Utilization" ? t.Get("averageUtilization") ?? t.Get("type")
                : src.Get("targetAverageUtilization");
            if (at is { } utilization)
            {
                var container = type == "ContainerResource" ? src.Get("container")?.String : null;
                yield return new UtilizationMetric(resource, container, utilization, container is null ? string.Empty : $" of container \"{container}\"");
            }
        }
    }

    /// <summary>Which containers lack the request, in words, and the fix; null when every counted container has it.</summary>
    private static (string Phrase, string Hint)? MissingRequests(Located podSpec, UtilizationMetric metric, IReadOnlySet<string> defaults)
    {
        if (metric.Container is null && podSpec.At("resources", "requests", metric.Resource) is not null)
        {
            return null; // a pod-level request (PodLevelResources) is what the calculator uses then
        }

        if (defaults.Contains(metric.Resource))
        {
            return null;
        }

        var containers = Services.ServingContainers(podSpec).ToList();
        if (metric.Container is { } only)
        {
            containers = containers.Where(c => c.Get("name")?.String == only).ToList();
            if (containers.Count == 0)
            {
                return ($"the pods have no container \"{only}\"", $"Name a container of the target's pod template in the ContainerResource metric.");
            }
        }

        var lacking = containers.Where(c => c.Mapping is not null && c.At("resources", "requests", metric.Resource) is null && c.At("resources", "limits", metric.Resource) is null)
            .Select(c => "\"" + (c.Get("name")?.String ?? "?") + "\"").ToList();
        if (lacking.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", lacking);
        return (lacking.Count == 1 ? $"container {names} has no {metric.Resource} request" : $"containers {names} have no {metric.Resource} request",
            $"Give container{(lacking.Count == 1 ? string.Empty : "s")} {names} a {metric.Resource} request (resources.requests.{metric.Resource}), or scale on an AverageValue target instead.");
    }

    /// <summary>Resources that a LimitRange of the namespace gives every container a request for (default or defaultRequest).</summary>
    private static HashSet<string> LimitRangeDefaults(ManifestSet set, string? ns)
    {
        var defaults = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in set.InNamespace(ns).Where(m => m.IsKind(string.Empty, "LimitRange")))
        {
            foreach (var limit in range.At("spec", "limits")?.Items() ?? [])
            {
                if (limit.Get("type")?.String != "Container")
                {
                    continue;
                }

                foreach (var field in new[] { "defaultRequest", "default" })
                {
                    foreach (var entry in limit.Get(field)?.Entries() ?? [])
                    {
                        defaults.Add(entry.KeyText!);
                    }
                }
            }
        }

        return defaults;
    }

    private sealed record UtilizationMetric(string Resource, string? Container, Located At, string Note);
}
