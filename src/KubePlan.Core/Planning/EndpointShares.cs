using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Planning;

/// <summary>
/// Canaries: when a Service selects the pods of several workloads (say a stable and a canary
/// Deployment with disjoint selectors and a shared label), its endpoints are the ready pods of all
/// of them, so each workload takes a share of the traffic in proportion to its replicas. A plan
/// gets that share per Service, and its rollout waves the share of the Service's endpoints that
/// already run the new template (every pod counted at the end of its wave, when the plan assumes
/// it ready).
/// </summary>
public static class EndpointShares
{
    /// <summary>Adds <see cref="RolloutPlan.Endpoints"/> and the steps' new-endpoint share when a Service selects this workload and others.</summary>
    public static RolloutPlan Attach(RolloutPlan plan, Manifest workload, ManifestSet set, PlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        if (!ServesTraffic(workload))
        {
            return plan;
        }

        var labels = Workloads.TemplateLabels(workload);
        var shares = new List<EndpointShare>();
        foreach (var service in set.InNamespace(workload.Namespace).Where(m => m.IsKind(string.Empty, "Service")).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var selector = LabelMap.Read(service.At("spec", "selector")?.Node);
            if (selector.Count == 0 || !Selects(selector, labels))
            {
                continue;
            }

            var others = set.InNamespace(workload.Namespace)
                .Where(m => !ReferenceEquals(m, workload) && m.Key != workload.Key && ServesTraffic(m) && Selects(selector, Workloads.TemplateLabels(m)))
                .ToList();
            if (others.Count == 0)
            {
                continue;
            }

            var otherReplicas = others.Sum(m => Replicas(m, options));
            shares.Add(new EndpointShare(
                service.Name ?? string.Empty,
                plan.Parameters.Replicas,
                plan.Parameters.Replicas + otherReplicas,
                others.Select(m => m.Kind + "/" + m.Name).ToList()));
        }

        if (shares.Count == 0)
        {
            return plan;
        }

        var first = shares[0];
        var steps = plan.Strategy is "Scale" or "OnDelete"
            ? plan.Steps
            : plan.Steps.Select(s => s with { NewEndpointShare = Percent(s.NewReplicas, s.OldReplicas + s.NewReplicas + first.OtherReplicas) }).ToList();
        var note = string.Create(CultureInfo.InvariantCulture,
            $"Service {first.Service} also selects {string.Join(", ", first.Workloads)}: this workload holds {first.Replicas} of its {first.TotalReplicas} endpoints ({Percent(first.Replicas, first.TotalReplicas).ToString("0.#", CultureInfo.InvariantCulture)}% of the traffic, with every pod ready); the new share column is the part of the Service's endpoints on the new template after each wave.");
        return plan with { Endpoints = shares, Steps = steps, Notes = [.. plan.Notes, note] };
    }

    /// <summary>Workloads whose pods serve a Service (run-to-completion pods do not).</summary>
    public static bool ServesTraffic(Manifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return (m.Group, m.Kind) is ("apps" or "extensions", "Deployment" or "DaemonSet" or "ReplicaSet") or ("apps", "StatefulSet") or ("", "ReplicationController");
    }

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static int Replicas(Manifest m, PlanningOptions options) =>
        Workloads.IsDaemonSet(m)
            ? WorkloadPlanning.DaemonSetNodes(m, options.Nodes)?.Count ?? options.NodeCount ?? 0
            : WorkloadPlanning.Replicas(m);

    private static double Percent(int part, int whole) =>
        whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);
}
