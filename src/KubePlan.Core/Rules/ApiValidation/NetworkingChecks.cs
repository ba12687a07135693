using System.Net;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/networking/validation ValidateIngressSpec and ValidateNetworkPolicySpec.</summary>
internal static class NetworkingChecks
{
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];

    public static void Ingress(ValidationScope s, Located spec)
    {
        var rules = spec.Get("rules");
        if (!Fields.IsSet(spec.Get("defaultBackend")) && rules is not { Sequence.Items.Count: > 0 })
        {
            s.ErrorAtKey(rules ?? spec, "an Ingress needs defaultBackend or at least one rule");
        }

        if (spec.Get("ingressClassName") is { String: { } className } classAt && KubernetesNames.DnsSubdomain(className) is { } classError)
        {
            s.Error(classAt, $"ingressClassName \"{className}\" is invalid: it {classError}");
        }

        if (spec.Get("defaultBackend") is { Mapping: not null } defaultBackend)
        {
            Backend(s, defaultBackend);
        }

        foreach (var rule in rules?.Items() ?? [])
        {
            if (rule.Get("host") is { String: { Length: > 0 } host } hostAt)
            {
                Host(s, hostAt, host, isRuleHost: true);
            }

            foreach (var path in rule.At("http", "paths")?.Items() ?? [])
            {
                Path(s, path);
            }
        }

        foreach (var tls in spec.Get("tls")?.Items() ?? [])
        {
            foreach (var host in tls.Get("hosts")?.Items() ?? [])
            {
                if (host.String is { Length: > 0 } name)
                {
                    Host(s, host, name, isRuleHost: false);
                }
            }
        }
    }

    /// <summary>
    /// A rule host may not be an IP address; a TLS host is only checked as a (wildcard) DNS subdomain,
    /// which an IPv4 address such as "10.0.0.1" satisfies, so upstream accepts it there.
    /// </summary>
    private static void Host(ValidationScope s, Located at, string host, bool isRuleHost)
    {
        if (isRuleHost && IPAddress.TryParse(host, out _))
        {
            s.Error(at, $"host \"{host}\" must be a DNS name, not an IP address");
            return;
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        if (KubernetesNames.DnsSubdomain(name) is { } error)
        {
            s.Error(at, $"host \"{host}\" is invalid: a (wildcard) DNS name {error}");
        }
    }

    /// <summary>validateHTTPIngressPath.</summary>
    private static void Path(ValidationScope s, Located path)
    {
        var type = path.Get("pathType");
        var value = Fields.Str(path.Get("path")) ?? string.Empty;
        var pathAt = path.Get("path") ?? path;
        if (type is null)
        {
            s.ErrorAtKey(path, "pathType must be specified (Prefix, Exact or ImplementationSpecific)");
        }
        else
        {
            s.OneOf(path, "pathType", "Exact", "Prefix", "ImplementationSpecific");
        }

        switch (type?.String)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    s.Error(pathAt, $"path \"{value}\" must be an absolute path (start with '/')");
                }
                else if (InvalidPathSequences.FirstOrDefault(q => value.Contains(q, StringComparison.Ordinal)) is { } sequence)
                {
                    s.Error(pathAt, $"path \"{value}\" must not contain '{sequence}'");
                }
                else if (InvalidPathSuffixes.FirstOrDefault(q => value.EndsWith(q, StringComparison.Ordinal)) is { } suffix)
                {
                    s.Error(pathAt, $"path \"{value}\" cannot end with '{suffix}'");
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    s.Error(pathAt, $"path \"{value}\" must be an absolute path (start with '/')");
                }

                break;
            default:
                break;
        }

        if (path.Get("backend") is { Mapping: not null } backend)
        {
            Backend(s, backend);
        }
    }

    /// <summary>validateIngressBackend.</summary>
    private static void Backend(ValidationScope s, Located backend)
    {
        var hasService = Fields.IsSet(backend.Get("service"));
        var hasResource = Fields.IsSet(backend.Get("resource"));
        if (hasService && hasResource)
        {
            s.ErrorAtKey(backend.Get("resource")!.Value, "an Ingress backend cannot set both service and resource");
        }
        else if (!hasService && !hasResource)
        {
            s.ErrorAtKey(backend, "an Ingress backend needs service or resource");
        }

        if (backend.Get("service") is not { Mapping: not null } service)
        {
            return;
        }

        if (service.Get("name") is { String: { } name } nameAt && KubernetesNames.Dns1035Label(name) is { } nameError)
        {
            s.Error(nameAt, $"backend service name \"{name}\" is invalid: it {nameError}");
        }

        var port = service.Get("port");
        var hasName = port?.Get("name") is { String.Length: > 0 };
        var hasNumber = Fields.IsSet(port?.Get("number")) && Fields.Int(port?.Get("number")) is not 0;
        if (port is null || (!hasName && !hasNumber))
        {
            s.ErrorAtKey(port ?? service, "backend service port name or number is required");
        }
        else if (hasName && hasNumber)
        {
            s.ErrorAtKey(port.Value.Get("number")!.Value, "backend service port cannot set both name and number");
        }
        else if (hasName && IanaServiceName.Check(port.Value.Get("name")!.Value.String!) is { } portError)
        {
            s.Error(port.Value.Get("name")!.Value, $"backend service port name is invalid: it {portError}");
        }
        else if (Fields.Int(port.Value.Get("number")) is { } number && !IanaServiceName.IsValidPortNumber(number))
        {
            s.Error(port.Value.Get("number")!.Value, $"backend service port {number} is out of range: must be between 1 and 65535");
        }
    }

    public static void NetworkPolicy(ValidationScope s, Located spec)
    {
        var types = spec.Get("policyTypes");
        foreach (var type in types?.Items() ?? [])
        {
            if (type.String is { } value && value is not ("Ingress" or "Egress"))
            {
                s.Error(type, $"unsupported policy type \"{value}\": supported values are \"Ingress\" and \"Egress\"");
            }
        }

        if (types is { Sequence.Items.Count: > 2 } list)
        {
            s.Error(list, "policyTypes may not list more than two types");
        }

        Rules(s, spec, "ingress", "from");
        Rules(s, spec, "egress", "to");
    }

    private static void Rules(ValidationScope s, Located spec, string direction, string peersKey)
    {
        foreach (var rule in spec.Get(direction)?.Items() ?? [])
        {
            foreach (var port in rule.Get("ports")?.Items() ?? [])
            {
                Port(s, port);
            }

            foreach (var peer in rule.Get(peersKey)?.Items() ?? [])
            {
                Peer(s, peer);
            }
        }
    }

    /// <summary>ValidateNetworkPolicyPort.</summary>
    private static void Port(ValidationScope s, Located port)
    {
        s.OneOf(port, "protocol", "TCP", "UDP", "SCTP");
        var portAt = port.Get("port");
        var endAt = port.Get("endPort");
        var end = Fields.Int(endAt);
        if (portAt is { } p && Fields.IsSet(p))
        {
            ContainerChecks.PortNumOrName(s, p, "port");
            if (end is { } e && endAt is { } ea)
            {
                if (Fields.Int(p) is { } start)
                {
                    if (e < start)
                    {
                        s.Error(ea, $"endPort {e} must be greater than or equal to port {start}");
                    }
                    else if (!IanaServiceName.IsValidPortNumber(e))
                    {
                        s.Error(ea, $"endPort {e} is out of range: must be between 1 and 65535");
                    }
                }
                else
                {
                    s.ErrorAtKey(ea, "endPort may not be specified when port is non-numeric");
                }
            }
        }
        else if (endAt is { } ea && Fields.IsSet(ea))
        {
            s.ErrorAtKey(ea, "endPort may not be specified when port is not specified");
        }
    }

    /// <summary>ValidateNetworkPolicyPeer and ValidateIPBlock.</summary>
    private static void Peer(ValidationScope s, Located peer)
    {
        var present = Fields.Present(peer, ["podSelector", "namespaceSelector", "ipBlock"]);
        if (present.Count == 0)
        {
            s.Error(peer, "a network policy peer must specify podSelector, namespaceSelector or ipBlock");
        }
        else if (present.Contains("ipBlock") && present.Count > 1)
        {
            s.ErrorAtKey(peer.Get("ipBlock")!.Value, "a network policy peer may not specify both ipBlock and another peer");
        }

        if (peer.Get("ipBlock") is not { Mapping: not null } block)
        {
            return;
        }

        var cidrAt = block.Get("cidr");
        if (cidrAt is not { String: { } cidrText })
        {
            return;
        }

        if (!TryParseCidr(cidrText, out var cidr))
        {
            s.Error(cidrAt.Value, $"cidr \"{cidrText}\" is not a valid CIDR (e.g. 10.0.0.0/16)");
            return;
        }

        foreach (var except in block.Get("except")?.Items() ?? [])
        {
            if (except.String is not { } text)
            {
                continue;
            }

            if (!TryParseCidr(text, out var inner))
            {
                s.Error(except, $"except \"{text}\" is not a valid CIDR");
            }
            else if (inner.Prefix <= cidr.Prefix || inner.Address.AddressFamily != cidr.Address.AddressFamily || !Contains(cidr, inner.Address))
            {
                s.Error(except, $"except \"{text}\" must be a strict subset of cidr \"{cidrText}\"");
            }
        }
    }

    /// <summary>ParseCIDRSloppy: an address, '/', a prefix length; host bits may be set.</summary>
    private static bool TryParseCidr(string text, out (IPAddress Address, int Prefix) cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > address.GetAddressBytes().Length * 8)
        {
            return false;
        }

        cidr = (address, prefix);
        return true;
    }

    private static bool Contains((IPAddress Address, int Prefix) cidr, IPAddress address)
    {
        var a = cidr.Address.GetAddressBytes();
        var b = address.GetAddressBytes();
        for (var bit = 0; bit < cidr.Prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
