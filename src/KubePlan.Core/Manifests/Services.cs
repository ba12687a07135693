using KubePlan.Scheduling;

namespace KubePlan.Manifests;

/// <summary>Services as the endpoints controller and DNS read them.</summary>
public static class Services
{
    /// <summary>The Services of the run (first definitions only).</summary>
    public static IEnumerable<Manifest> All(ManifestSet set) =>
        set.OfKind(string.Empty, "Service").Where(m => !set.IsRepeat(m));

    public static string Type(Manifest service) => service.At("spec", "type")?.String ?? "ClusterIP";

    /// <summary>A headless Service: <c>clusterIP: None</c>.</summary>
    public static bool IsHeadless(Manifest service) => service.At("spec", "clusterIP")?.String == "None";

    /// <summary>The Service of this name in the namespace, if the input holds it.</summary>
    public static Manifest? Find(ManifestSet set, string? ns, string name) =>
        set.Find(new ObjectKey(string.Empty, "Service", ns, name));

    /// <summary>
    /// The selector whose pods become the Service's endpoints, with where it is written; null when
    /// the Service has none (its endpoints are managed by hand), is of type ExternalName (the
    /// selector is ignored), or the selector is invalid (selector-invalid reports that).
    /// </summary>
    public static (LabelSelector Selector, Located At)? PodSelector(Manifest service)
    {
        if (Type(service) == "ExternalName" || service.At("spec", "selector") is not { Mapping.Count: > 0 } at)
        {
            return null;
        }

        var parsed = LabelSelector.ParseMap(at);
        return parsed.IsValid ? (parsed.Selector, at) : null;
    }

    /// <summary><see cref="PodSelector(Manifest)"/> from the selector the run has parsed once (<see cref="ManifestSet.SelectorOf"/>).</summary>
    public static (LabelSelector Selector, Located At)? PodSelector(ManifestSet set, Manifest service)
    {
        if (Type(service) == "ExternalName" || set.SelectorOf(service) is not { At: { Mapping.Count: > 0 } at } selector)
        {
            return null;
        }

        return selector.IsValid ? (selector.Selector, at) : null;
    }

    /// <summary>The ports a container declares: name, number and protocol (default TCP).</summary>
    public static IEnumerable<ContainerPort> ContainerPorts(Located podSpec)
    {
        foreach (var container in ServingContainers(podSpec))
        {
            foreach (var port in container.Get("ports")?.Items() ?? [])
            {
                var number = port.Get("containerPort")?.Scalar?.AsInt64();
                yield return new ContainerPort(port.Get("name")?.String, number, port.Get("protocol")?.String ?? "TCP", container.Get("name")?.String);
            }
        }
    }

    /// <summary>
    /// The containers that serve a pod's ports: the app containers and the restartable init containers
    /// (sidecars), as <c>podutil.FindPort</c> looks them up for a named targetPort.
    /// </summary>
    public static IEnumerable<Located> ServingContainers(Located podSpec) =>
        Workloads.Containers(podSpec).Concat(podSpec.Get("initContainers")?.Items().Where(c => c.Get("restartPolicy")?.String == "Always") ?? []);
}

/// <summary>One entry of a container's ports.</summary>
public sealed record ContainerPort(string? Name, long? Number, string Protocol, string? Container);
