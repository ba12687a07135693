using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>
/// An object's pod spec with its containers read once (<see cref="ContainerView"/>): the
/// per-container rules of a run all walk the same templates, so they share one view of each
/// (<see cref="AnalysisContext.PodSpecs"/>) instead of finding and reading the containers again.
/// </summary>
public sealed class PodSpecView
{
    internal PodSpecView(Manifest manifest, Located spec)
    {
        Manifest = manifest;
        Spec = spec;
        RunsPods = Workloads.RunsPods(manifest);
        // The walk and the sidecar role are Workloads.AllContainers': one definition of which containers a pod has.
        var containers = new List<ContainerView>();
        foreach (var container in Workloads.AllContainers(spec))
        {
            containers.Add(new ContainerView(container.At, container.Role));
        }

        Containers = [.. containers];
    }

    public Manifest Manifest { get; }

    public Located Spec { get; }

    /// <summary>Whether the object runs pods (<see cref="Workloads.RunsPods"/>): every kind with a pod spec but PodTemplate.</summary>
    public bool RunsPods { get; }

    /// <summary>Init containers (and sidecars), then app containers, as <see cref="Workloads.AllContainers"/> gives them: mappings only.</summary>
    public IReadOnlyList<ContainerView> Containers { get; }
}
