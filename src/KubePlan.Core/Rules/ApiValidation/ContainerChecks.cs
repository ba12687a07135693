using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// One container: pkg/apis/core/validation validateContainerCommon, validateContainerPorts,
/// ValidateEnv/ValidateEnvFrom, validateProbe, validateLifecycle/validateHandler,
/// validateVolumeMounts and validateInitContainers' restrictions.
/// </summary>
internal static class ContainerChecks
{
    private static readonly string[] ProbeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"];
    private static readonly string[] LifecycleHandlers = ["exec", "httpGet", "tcpSocket", "sleep"];
    private static readonly string[] LifecycleHooks = ["postStart", "preStop"];
    private static readonly string[] InitContainerForbidden = ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"];
    private static readonly string[] ProbeCounts = ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"];
    private static readonly string[] PortHandlers = ["httpGet", "tcpSocket"];

    public static void Check(ValidationScope s, Located c, bool isInit, IReadOnlySet<string> volumes, bool hostNetwork)
    {
        if (c.Get("image") is not { String.Length: > 0 })
        {
            s.Error(c.Get("image") ?? c, "container image is required");
        }

        s.OneOf(c, "imagePullPolicy", "Always", "IfNotPresent", "Never");
        s.OneOf(c, "terminationMessagePolicy", "File", "FallbackToLogsOnError");
        Ports(s, c, hostNetwork);
        EnvChecks.Env(s, c);
        EnvChecks.EnvFrom(s, c);
        ResourceChecks.Requirements(s, c.Get("resources"));
        VolumeChecks.Mounts(s, c, volumes);

        var sidecar = c.Get("restartPolicy") is { String: "Always" };
        if (isInit)
        {
            // validateInitContainers: restartPolicy may only be Always (a sidecar).
            if (c.Get("restartPolicy") is { String: { } policy } rp && policy != "Always")
            {
                s.Error(rp, $"unsupported restartPolicy \"{policy}\" for an init container: only \"Always\" (a sidecar) is supported");
            }

            if (!sidecar)
            {
                foreach (var key in InitContainerForbidden)
                {
                    if (c.Get(key) is { } at && Fields.IsSet(at))
                    {
                        s.ErrorAtKey(at, $"{key} may not be set for init containers without restartPolicy \"Always\"");
                    }
                }

                return;
            }
        }

        Probe(s, c, "livenessProbe", isReadiness: false, mustSucceedOnce: true);
        Probe(s, c, "readinessProbe", isReadiness: true, mustSucceedOnce: false);
        Probe(s, c, "startupProbe", isReadiness: false, mustSucceedOnce: true);
        if (c.Get("lifecycle") is { Mapping: not null } lifecycle)
        {
            foreach (var hook in LifecycleHooks)
            {
                if (lifecycle.Get(hook) is { Mapping: not null } handler)
                {
                    Handler(s, handler, hook, LifecycleHandlers);
                }
            }
        }
    }

    /// <summary>validateContainerPorts.</summary>
    private static void Ports(ValidationScope s, Located c, bool hostNetwork)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in c.Get("ports")?.Items() ?? [])
        {
            if (port.Get("name") is { String: { } name } nameAt)
            {
                if (IanaServiceName.Check(name) is { } error)
                {
                    s.Error(nameAt, $"port name \"{name}\" is invalid: it {error}");
                }
                else if (!names.Add(name))
                {
                    s.Error(nameAt, $"port name \"{name}\" is used twice in this container");
                }
            }

            var containerPort = Fields.Int(port.Get("containerPort"));
            if (containerPort is { } cp && !IanaServiceName.IsValidPortNumber(cp))
            {
                s.Error(port.Get("containerPort")!.Value, $"container port {cp} is out of range: must be between 1 and 65535");
            }

            if (Fields.Int(port.Get("hostPort")) is { } hp && hp != 0)
            {
                if (!IanaServiceName.IsValidPortNumber(hp))
                {
                    s.Error(port.Get("hostPort")!.Value, $"host port {hp} is out of range: must be between 1 and 65535");
                }
                else if (hostNetwork && containerPort is { } p && p != hp)
                {
                    s.Error(port.Get("hostPort")!.Value, $"host port {hp} must match containerPort {p} when hostNetwork is true");
                }
            }

            s.OneOf(port, "protocol", "TCP", "UDP", "SCTP");
        }
    }

    /// <summary>validateProbe, for the container's probe of that kind when it has one.</summary>
    private static void Probe(ValidationScope s, Located c, string kind, bool isReadiness, bool mustSucceedOnce)
    {
        if (c.Get(kind) is not { Mapping: not null } probe)
        {
            return;
        }

        Handler(s, probe, kind, ProbeHandlers);
        foreach (var field in ProbeCounts)
        {
            s.NonNegative(probe, field);
        }

        // 0 is defaulted to 1 before validation.
        if (mustSucceedOnce && Fields.Int(probe.Get("successThreshold")) is > 1 and var threshold)
        {
            s.Error(probe.Get("successThreshold")!.Value, $"{kind}.successThreshold must be 1 (it is {threshold})");
        }

        if (probe.Get("terminationGracePeriodSeconds") is { } grace && Fields.IsSet(grace))
        {
            if (isReadiness)
            {
                s.ErrorAtKey(grace, "terminationGracePeriodSeconds must not be set for readinessProbes");
            }
            else if (Fields.Int(grace) is <= 0 and var value)
            {
                s.Error(grace, $"{kind}.terminationGracePeriodSeconds {value} must be greater than 0");
            }
        }
    }

    /// <summary>validateHandler: exactly one handler, and valid ports for httpGet, tcpSocket and grpc.</summary>
    private static void Handler(ValidationScope s, Located handler, string what, string[] kinds)
    {
        var present = Fields.Present(handler, kinds);
        if (present.Count == 0)
        {
            s.ErrorAtKey(handler, $"{what} must specify a handler type: one of {Fields.Quote(kinds)}");
        }
        else if (present.Count > 1)
        {
            s.ErrorAtKey(handler.Get(present[1])!.Value, $"{what} may not specify more than 1 handler type (it has {Fields.Quote(present)})");
        }

        foreach (var key in PortHandlers)
        {
            if (handler.At(key, "port") is { } port)
            {
                PortNumOrName(s, port, $"{what}.{key}.port");
            }
        }

        s.OneOf(handler.Get("httpGet") ?? handler, "scheme", "HTTP", "HTTPS");
        if (Fields.Int(handler.At("grpc", "port")) is { } grpc && !IanaServiceName.IsValidPortNumber(grpc))
        {
            s.Error(handler.At("grpc", "port")!.Value, $"{what}.grpc.port {grpc} is out of range: must be between 1 and 65535");
        }
    }

    /// <summary>ValidatePortNumOrName.</summary>
    internal static void PortNumOrName(ValidationScope s, Located port, string what)
    {
        if (Fields.Int(port) is { } number && !IanaServiceName.IsValidPortNumber(number))
        {
            s.Error(port, $"{what} {number} is out of range: must be between 1 and 65535");
        }
        else if (port.String is { } name && IanaServiceName.Check(name) is { } error)
        {
            s.Error(port, $"{what} \"{name}\" is neither a port number nor a valid port name: it {error}");
        }
    }
}
