using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Probes;

/// <summary>
/// An httpGet, tcpSocket or grpc probe on a port the pod does not declare. A named port is
/// looked up in the probing container's own ports, as the kubelet does (FindPortByName): a name
/// it does not declare fails every probe, so the container never becomes ready or is restarted
/// forever (error). A numeric port reaches any process of the pod's network namespace, declared or
/// not, so it is only an info, and only when the pod declares its ports and none declares this one.
/// </summary>
public sealed class ProbePortNotExposedRule : Rule
{
    private static readonly (string Name, Func<ContainerView, Located?> Find)[] Probes =
        [("livenessProbe", c => c.LivenessProbe), ("readinessProbe", c => c.ReadinessProbe), ("startupProbe", c => c.StartupProbe)];

    private static readonly string[] Handlers = ["httpGet", "tcpSocket", "grpc"];

    public override RuleInfo Info { get; } = new(
        RuleIds.ProbePortNotExposed,
        Severity.Error,
        "probes",
        "An httpGet, tcpSocket or grpc probe on a port (name or number) that the container does not declare, so the probe fails.",
        "Point the probe at a port the container declares in ports (by its name or number), or declare the port.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            var m = pod.Manifest;
            SortedSet<long>? podNumbers = null; // read when a probe names a port by number
            foreach (var container in pod.Containers)
            {
                foreach (var (probeName, find) in Probes)
                {
                    if (find(container) is not { Mapping: { } probe } probeAt)
                    {
                        continue;
                    }

                    foreach (var handler in Handlers)
                    {
                        // Read from the nodes; only a port that is reported is located.
                        if ((probe[handler] as YMapping)?["port"] is not YScalar port)
                        {
                            continue;
                        }

                        if (port.IsString && IsNumber(port.Text))
                        {
                            continue; // a quoted number is an invalid port name: api-validation reports it
                        }

                        if (port.IsString)
                        {
                            var declared = PortNames(container);
                            if (!declared.Contains(port.Text))
                            {
                                yield return Report(m, probeAt.At(handler, "port")!.Value,
                                    $"{probeName} of {container.Describe()} uses port \"{port.Text}\", but the container declares no port of that name"
                                    + (declared.Count > 0 ? $" (it declares {string.Join(", ", declared)})" : string.Empty)
                                    + $": the kubelet cannot resolve it and every probe fails");
                            }
                        }
                        else if (port.AsInt64() is { } number && (podNumbers ??= PortNumbers(pod)).Count > 0 && !podNumbers.Contains(number))
                        {
                            // The kubelet probes the pod IP: an undeclared port works when the process listens
                            // on it (CoreDNS probes 8080 and 8181 and declares neither), so this is a hint, not an error.
                            yield return Report(m, probeAt.At(handler, "port")!.Value,
                                $"{probeName} of {container.Describe()} checks port {number.ToString(CultureInfo.InvariantCulture)}, which no container of the pod declares (declared: {string.Join(", ", podNumbers.Select(n => n.ToString(CultureInfo.InvariantCulture)))}): if nothing listens there the probe fails; declare the port, or fix the probe",
                                "Declare the port under the container's ports (it documents it and lets the probe name it), or point the probe at a declared port.",
                                severity: Severity.Info);
                        }
                    }
                }
            }
        }
    }

    private static bool IsNumber(string text) => text.Length > 0 && !text.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>The names of a container's ports (FindPortByName looks only in the probing container's own).</summary>
    private static List<string> PortNames(ContainerView container)
    {
        var names = new List<string>();
        foreach (var port in container.Ports?.Sequence?.Items ?? [])
        {
            if ((port as YMapping)?.GetString("name") is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The port numbers every container of the pod declares, in order.</summary>
    private static SortedSet<long> PortNumbers(PodSpecView pod)
    {
        var numbers = new SortedSet<long>();
        foreach (var container in pod.Containers)
        {
            foreach (var port in container.Ports?.Items() ?? [])
            {
                if (port.Get("containerPort")?.Scalar?.AsInt64() is { } number)
                {
                    numbers.Add(number);
                }
            }
        }

        return numbers;
    }
}
