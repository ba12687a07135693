using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// A Service port whose targetPort the selected pods do not expose. A named targetPort is looked
/// up in the pod's container ports by name and protocol (<c>podutil.FindPort</c>: app containers,
/// then sidecars); a pod without it is left out of that port's endpoints, so a name no selected
/// pod declares leaves the port with no endpoints at all (an error). A numeric targetPort is used
/// as is: container ports are informational, so a number the pods do not declare still works if
/// the process listens on it; when the selected pods declare ports and none is that number, it is
/// most likely a mistake (a warning).
/// </summary>
public sealed class ServiceTargetPortRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.ServiceTargetPort,
        Severity.Error,
        "references",
        "A Service targetPort (name or number) that no pod the Service selects exposes, so the port gets no endpoints or connects to a port nothing listens on.",
        "Set targetPort to the name or number of a containerPort the selected pods declare (with the same protocol), or declare that port in the pod template.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var pods = context.Manifests.PodTemplates;
        foreach (var service in Services.All(context.Manifests))
        {
            if (Services.PodSelector(context.Manifests, service) is not { } selector || !pods.HasPods(service.Namespace))
            {
                continue;
            }

            // Only pods the selector certainly selects: one that depends on a controller-generated value may not be an endpoint at all.
            var selected = pods.Select(service.Namespace, selector.Selector)
                .Where(s => (s.Match is SelectorMatch.Yes or SelectorMatch.Some) && Workloads.PodSpec(s.Workload) is not null)
                .Select(s => (s.Workload, Ports: Services.ContainerPorts(Workloads.PodSpec(s.Workload)!.Value).ToList()))
                .ToList();
            if (selected.Count == 0)
            {
                continue; // dangling-service reports a Service that selects nothing
            }

            foreach (var port in service.At("spec", "ports")?.Items() ?? [])
            {
                if (Check(service, port, selected) is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    private Diagnostic? Check(Manifest service, Located port, List<(Manifest Workload, List<ContainerPort> Ports)> selected)
    {
        var protocol = port.Get("protocol")?.String ?? "TCP";
        var targetAt = port.Get("targetPort") is { Node: YScalar { Kind: not ScalarKind.Null } } t ? t : port.Get("port");
        if (targetAt is not { Scalar: { } target } at)
        {
            return null;
        }

        var serviceName = port.Get("name")?.String is { } n ? $"port \"{n}\"" : "port " + port.Get("port")?.Scalar?.KeyText;
        if (target.IsString)
        {
            var name = target.Text;
            if (name.Length == 0 || name.All(char.IsAsciiDigit))
            {
                return null; // not a valid port name: api-validation reports it
            }

            var missing = selected.Where(s => !s.Ports.Any(p => p.Name == name && p.Protocol == protocol)).ToList();
            if (missing.Count == 0)
            {
                return null;
            }

            var otherProtocol = missing.SelectMany(s => s.Ports).FirstOrDefault(p => p.Name == name);
            var why = otherProtocol is not null ? $" (\"{name}\" is declared, but for {otherProtocol.Protocol}, not {protocol})" : string.Empty;
            if (missing.Count == selected.Count)
            {
                return Report(service, at,
                    $"targetPort \"{name}\" of Service \"{service.Name}\" {serviceName} names no {protocol} container port of the pods it selects ({Names(missing)}){why}: the port has no endpoints and connections to it fail");
            }

            return Report(service, at,
                $"targetPort \"{name}\" of Service \"{service.Name}\" {serviceName} names no {protocol} container port of {Names(missing)}{why}: those pods get no traffic on this port, only {Names(selected.Except(missing).ToList())} do",
                severity: Severity.Warning);
        }

        if (target.AsInt64() is not { } number)
        {
            return null;
        }

        // Container ports are informational: only a pod that declares ports, none of them this one, says the number is likely wrong.
        var declaring = selected.Where(s => s.Ports.Any(p => p.Protocol == protocol && p.Number is not null)).ToList();
        if (declaring.Count == 0 || declaring.Any(s => s.Ports.Any(p => p.Number == number && p.Protocol == protocol)))
        {
            return null;
        }

        var declared = string.Join(", ", declaring.SelectMany(s => s.Ports).Where(p => p.Protocol == protocol && p.Number is not null)
            .Select(p => p.Number!.Value.ToString(CultureInfo.InvariantCulture) + (p.Name is null ? string.Empty : $" ({p.Name})")).Distinct());
        return Report(service, at,
            $"targetPort {number} of Service \"{service.Name}\" {serviceName} is not a {protocol} port that the selected pods declare ({Names(declaring)}: {declared}): connections go to port {number}, which works only if the container listens there although it declares otherwise",
            severity: Severity.Warning);
    }

    private static string Names(List<(Manifest Workload, List<ContainerPort> Ports)> workloads) =>
        string.Join(", ", workloads.Select(w => w.Workload.Kind + "/" + w.Workload.Name));
}
