using KubePlan.Scheduling;

namespace KubePlan.Manifests;

/// <summary>
/// The label selector an object declares for the pods it runs or selects, where it is written (null
/// when absent), and what the API server would reject in it. Read once per run by
/// <see cref="ManifestSet.SelectorOf"/>: validation, matching and the cross-object rules all ask for it.
/// </summary>
public sealed record ObjectSelector(Located? At, ParsedSelector Parsed)
{
    public LabelSelector Selector => Parsed.Selector;

    public bool IsValid => Parsed.IsValid;

    /// <summary>
    /// The object's own selector: <c>spec.selector</c> of workload controllers, Jobs and PodDisruptionBudgets
    /// (a <c>metav1.LabelSelector</c>) and of ReplicationControllers and Services (a plain map), a CronJob's
    /// <c>spec.jobTemplate.spec.selector</c>, a NetworkPolicy's <c>spec.podSelector</c>; null for other kinds.
    /// </summary>
    internal static ObjectSelector? Read(Manifest m)
    {
        switch (m.Group, m.Kind)
        {
            case ("", "ReplicationController" or "Service"):
                var map = m.At("spec", "selector");
                return new ObjectSelector(map, LabelSelector.ParseMap(map));
            case ("apps" or "extensions", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet"):
            case ("batch", "Job"):
            case ("policy", "PodDisruptionBudget"):
                return Of(m.At("spec", "selector"));
            case ("batch", "CronJob"):
                return Of(m.At("spec", "jobTemplate", "spec", "selector"));
            case ("networking.k8s.io", "NetworkPolicy"):
                return Of(m.At("spec", "podSelector"));
            default:
                return null;
        }
    }

    private static ObjectSelector Of(Located? at) => new(at, LabelSelector.Parse(at));
}
