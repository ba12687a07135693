using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// An Ingress backend that names a Service, a Service port or a resource the input does not hold:
/// the ingress controller has nowhere to send the requests of that path and answers 503 (or
/// drops the path). Checked for networking.k8s.io/v1 (<c>service.name</c>, <c>service.port.name</c> /
/// <c>number</c>, <c>resource</c>, <c>defaultBackend</c>) and the v1beta1 shape (<c>serviceName</c>,
/// <c>servicePort</c>, <c>backend</c>). A missing Service is reported only when the input holds
/// Services of the Ingress's namespace (and a missing resource only when it holds objects of that
/// kind there), so an Ingress linted without its Services stays silent.
/// </summary>
public sealed class DanglingIngressRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DanglingIngress,
        Severity.Error,
        "references",
        "An Ingress backend naming a Service, Service port or resource that does not exist in the input, so requests for that path fail.",
        "Name a Service of the Ingress's namespace and one of its ports (spec.ports[].port or .name), or add the missing Service.");

    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Ingress", "Service");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        foreach (var ingress in set.All)
        {
            if (ingress.Kind != "Ingress" || ingress.Group is not ("networking.k8s.io" or "extensions") || set.IsRepeat(ingress))
            {
                continue;
            }

            foreach (var backend in Backends(ingress))
            {
                if (Check(set, ingress, backend) is { } finding)
                {
                    yield return finding;
                }
            }
        }
    }

    private static IEnumerable<Located> Backends(Manifest ingress)
    {
        var spec = ingress.At("spec");
        if (spec?.Get("defaultBackend") is { Mapping: not null } defaultBackend)
        {
            yield return defaultBackend;
        }

        if (spec?.Get("backend") is { Mapping: not null } backend)
        {
            yield return backend;
        }

        foreach (var rule in spec?.Get("rules")?.Items() ?? [])
        {
            foreach (var path in rule.At("http", "paths")?.Items() ?? [])
            {
                if (path.Get("backend") is { Mapping: not null } pathBackend)
                {
                    yield return pathBackend;
                }
            }
        }
    }

    private Diagnostic? Check(ManifestSet set, Manifest ingress, Located backend)
    {
        if (backend.Get("resource") is { Mapping: not null } resource)
        {
            return CheckResource(set, ingress, resource);
        }

        // networking.k8s.io/v1: service {name, port {name | number}}; v1beta1: serviceName, servicePort (int or name).
        var nameAt = backend.At("service", "name") ?? backend.Get("serviceName");
        var portAt = backend.At("service", "port", "number") ?? backend.At("service", "port", "name") ?? backend.Get("servicePort");
        if (nameAt is not { String: { Length: > 0 } name } || !set.HoldsKind(string.Empty, "Service", ingress.Namespace))
        {
            return null;
        }

        if (Services.Find(set, ingress.Namespace, name) is not { } service)
        {
            return Report(ingress, nameAt.Value,
                $"Ingress \"{ingress.Name}\" sends requests to Service \"{name}\", which is not in namespace \"{ingress.Namespace}\" of the input: requests for this backend fail");
        }

        if (portAt is not { Scalar: { } port } at)
        {
            return null;
        }

        var ports = service.At("spec", "ports")?.Items().ToList() ?? [];
        if (ports.Count == 0 && Services.Type(service) == "ExternalName")
        {
            return null; // an ExternalName Service need not list ports: the controller uses the number as given
        }

        var declared = string.Join(", ", ports.Select(p => p.Get("port")?.Scalar?.KeyText + (p.Get("name")?.String is { } n ? $" ({n})" : string.Empty)));
        if (port.IsString && !port.Text.All(char.IsAsciiDigit))
        {
            return ports.Any(p => p.Get("name")?.String == port.Text) ? null
                : Report(ingress, at, $"Service \"{name}\" has no port named \"{port.Text}\" (it declares {Declared(declared)}): requests for this backend of Ingress \"{ingress.Name}\" fail");
        }

        var number = port.AsInt64() ?? (long.TryParse(port.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null);
        return number is null || ports.Any(p => p.Get("port")?.Scalar?.AsInt64() == number) ? null
            : Report(ingress, at, $"Service \"{name}\" has no port {number} (it declares {Declared(declared)}): requests for this backend of Ingress \"{ingress.Name}\" fail");
    }

    private Diagnostic? CheckResource(ManifestSet set, Manifest ingress, Located resource)
    {
        var group = resource.Get("apiGroup")?.String ?? string.Empty;
        var kind = resource.Get("kind")?.String;
        var nameAt = resource.Get("name");
        if (kind is null || nameAt is not { String: { Length: > 0 } name } || !set.HoldsKind(group, kind, ingress.Namespace))
        {
            return null;
        }

        return set.Find(new ObjectKey(group, kind, ingress.Namespace, name)) is not null ? null
            : Report(ingress, nameAt.Value,
                $"Ingress \"{ingress.Name}\" sends requests to {kind} \"{name}\", which is not in namespace \"{ingress.Namespace}\" of the input: requests for this backend fail");
    }

    private static string Declared(string declared) => declared.Length == 0 ? "no ports" : declared;
}
