using System.Net;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/core/validation ValidateService, validateServicePort and the type-specific rules.</summary>
internal static class ServiceChecks
{
    public static void Check(ValidationScope s, Located spec)
    {
        s.OneOf(spec, "type", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
        s.OneOf(spec, "sessionAffinity", "ClientIP", "None");
        s.OneOf(spec, "internalTrafficPolicy", "Cluster", "Local");
        s.OneOf(spec, "externalTrafficPolicy", "Cluster", "Local");
        var type = Fields.Str(spec.Get("type")) ?? "ClusterIP";
        var clusterIP = spec.Get("clusterIP");
        var headless = clusterIP is { String: "None" };
        var ports = spec.Get("ports");

        if (type == "ExternalName")
        {
            if (spec.Get("externalName") is { String: { Length: > 0 } name } nameAt)
            {
                var host = name.EndsWith('.') ? name[..^1] : name;
                if (KubernetesNames.DnsSubdomain(host) is { } error)
                {
                    s.Error(nameAt, $"externalName \"{name}\" is invalid: it must be a DNS name, and it {error}");
                }
            }
            else
            {
                s.ErrorAtKey(spec.Get("externalName") ?? spec, "externalName is required for a Service of type ExternalName");
            }

            if (clusterIP is { String: { Length: > 0 } })
            {
                s.ErrorAtKey(clusterIP.Value, "clusterIP must be empty for a Service of type ExternalName");
            }
        }
        else if (ports is null or { Sequence.Items.Count: 0 } && !headless)
        {
            s.ErrorAtKey(ports ?? spec, "a Service needs at least one port (only headless and ExternalName Services may have none)");
        }

        if (headless && type is "LoadBalancer" or "NodePort")
        {
            s.Error(clusterIP!.Value, $"clusterIP may not be \"None\" for a Service of type {type}");
        }
        else if (clusterIP is { String: { Length: > 0 } ip } ipAt && ip != "None" && !IPAddress.TryParse(ip, out _))
        {
            s.Error(ipAt, $"clusterIP \"{ip}\" must be a valid IP address, \"None\" or empty");
        }

        if (spec.Get("externalTrafficPolicy") is { } etp && Fields.IsSet(etp) && type is not ("NodePort" or "LoadBalancer"))
        {
            s.ErrorAtKey(etp, $"externalTrafficPolicy may only be set when type is NodePort or LoadBalancer (it is {type})");
        }

        Ports(s, ports, type);
    }

    private static void Ports(ValidationScope s, Located? ports, string type)
    {
        var requireName = ports is { Sequence.Items.Count: > 1 };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var portKeys = new HashSet<string>(StringComparer.Ordinal);
        var nodePorts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in ports?.Items() ?? [])
        {
            if (port.Mapping is null)
            {
                continue;
            }

            var protocol = Fields.Str(port.Get("protocol")) ?? "TCP";
            s.OneOf(port, "protocol", "TCP", "UDP", "SCTP");
            if (port.Get("name") is { String: { Length: > 0 } name } nameAt)
            {
                if (KubernetesNames.DnsLabel(name) is { } error)
                {
                    s.Error(nameAt, $"service port name \"{name}\" is invalid: it {error}");
                }
                else if (!names.Add(name))
                {
                    s.Error(nameAt, $"service port name \"{name}\" is used twice");
                }
            }
            else if (requireName)
            {
                s.Error(port, "each port of a Service with several ports needs a name");
            }

            if (port.Get("port") is { } portAt && Fields.Int(portAt) is { } number)
            {
                if (!IanaServiceName.IsValidPortNumber(number))
                {
                    s.Error(portAt, $"service port {number} is out of range: must be between 1 and 65535");
                }
                else if (!portKeys.Add($"{number}/{protocol}"))
                {
                    s.Error(portAt, $"service port {number}/{protocol} is defined twice");
                }
            }

            if (port.Get("targetPort") is { } target && !(Fields.Int(target) is 0))
            {
                ContainerChecks.PortNumOrName(s, target, "targetPort");
            }

            if (port.Get("nodePort") is { } nodePortAt && Fields.Int(nodePortAt) is { } nodePort && nodePort != 0)
            {
                if (type is not ("NodePort" or "LoadBalancer"))
                {
                    s.ErrorAtKey(nodePortAt, $"nodePort may not be used when type is {type}");
                }
                else if (!IanaServiceName.IsValidPortNumber(nodePort))
                {
                    s.Error(nodePortAt, $"nodePort {nodePort} is out of range: must be between 1 and 65535");
                }
                else if (!nodePorts.Add($"{nodePort}/{protocol}"))
                {
                    s.Error(nodePortAt, $"nodePort {nodePort}/{protocol} is used twice");
                }
            }
        }
    }
}
