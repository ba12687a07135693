using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.PodSecurity;

// Pod Security Standards, baseline level: one class per control of k8s.io/pod-security-admission/policy.

/// <summary>check_privileged.go: containers must not set securityContext.privileged=true.</summary>
public sealed class PssPrivilegedRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssPrivileged, Severity.Warning, "pod-security",
        "A privileged container (Pod Security Standards, baseline: Privileged Containers).",
        "Remove securityContext.privileged or set it to false; grant the single capability the container needs instead.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod) =>
        pod.Containers().Where(c => c.Field("privileged")?.Node is YScalar { Value: true })
            .Select(c => (c.Field("privileged")!.Value, $"container \"{c.Name}\" is privileged: it has every capability and all host devices, so it can take over the node", false));
}

/// <summary>check_hostNamespaces.go: hostNetwork, hostPID and hostIPC must be unset or false.</summary>
public sealed class PssHostNamespacesRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssHostNamespaces, Severity.Warning, "pod-security",
        "A pod sharing the node's network, process or IPC namespace (Pod Security Standards, baseline: Host Namespaces).",
        "Remove hostNetwork, hostPID and hostIPC (or set them to false); expose ports through a Service instead.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        foreach (var (field, what) in new[] { ("hostNetwork", "network"), ("hostPID", "process"), ("hostIPC", "IPC") })
        {
            if (pod.Spec.Get(field) is { Node: YScalar { Value: true } } at)
            {
                yield return (at, $"{field}: true shares the node's {what} namespace with the pod", false);
            }
        }
    }
}

/// <summary>check_hostPathVolumes.go: no hostPath volumes.</summary>
public sealed class PssHostPathVolumesRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssHostPathVolumes, Severity.Warning, "pod-security",
        "A hostPath volume (Pod Security Standards, baseline: HostPath Volumes).",
        "Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead of a path on the node.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod) =>
        (pod.Spec.Get("volumes")?.Items() ?? []).Where(v => v.Get("hostPath") is not null)
            .Select(v => (v.Get("hostPath")!.Value, $"volume \"{v.Get("name")?.String ?? "?"}\" mounts path {v.At("hostPath", "path")?.String ?? "?"} of the node (hostPath)", true));
}

/// <summary>check_hostPorts.go: containers[*].ports[*].hostPort must be unset or 0.</summary>
public sealed class PssHostPortsRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssHostPorts, Severity.Warning, "pod-security",
        "A container port bound on the node (hostPort) (Pod Security Standards, baseline: Host Ports).",
        "Remove hostPort and reach the pods through a Service (NodePort or LoadBalancer when outside access is needed).")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        foreach (var c in pod.Containers())
        {
            foreach (var port in c.Ports?.Items() ?? [])
            {
                if (port.Get("hostPort") is { Scalar: { } s } at && s.AsInt64() is { } n && n != 0)
                {
                    yield return (at, $"container \"{c.Name}\" binds port {n} on the node (hostPort)", false);
                }
            }
        }
    }
}

/// <summary>check_capabilities_baseline.go: capabilities.add only from the baseline set.</summary>
public sealed class PssCapabilitiesRule : PodSecurityRule
{
    /// <summary>capabilities_allowed_1_0: the container runtimes' default set.</summary>
    internal static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    public override RuleInfo Info { get; } = new(
        RuleIds.PssCapabilities, Severity.Warning, "pod-security",
        "A container adding a Linux capability beyond the default set (Pod Security Standards, baseline: Capabilities).",
        "Remove the capability from securityContext.capabilities.add; only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT may be added.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        foreach (var c in pod.Containers())
        {
            foreach (var add in c.Field("capabilities", "add")?.Items() ?? [])
            {
                if (add.Scalar is { } s && !Allowed.Contains(s.KeyText))
                {
                    yield return (add, $"container \"{c.Name}\" adds capability {s.KeyText}, which is not in the baseline set", false);
                }
            }
        }
    }
}

/// <summary>check_appArmorProfile.go: no Unconfined AppArmor profile (fields and the beta annotations).</summary>
public sealed class PssAppArmorRule : PodSecurityRule
{
    private const string AnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    public override RuleInfo Info { get; } = new(
        RuleIds.PssAppArmor, Severity.Warning, "pod-security",
        "An AppArmor profile other than RuntimeDefault or Localhost, e.g. Unconfined (Pod Security Standards, baseline: AppArmor).",
        "Remove the AppArmor setting (the runtime default applies) or use type RuntimeDefault or Localhost.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.SecurityContext?.At("appArmorProfile", "type") is { String: { } podType } podAt && !AllowedType(podType))
        {
            yield return (podAt, $"the pod sets AppArmor profile type \"{podType}\"", false);
        }

        foreach (var c in pod.Containers())
        {
            if (c.Field("appArmorProfile", "type") is { String: { } type } at && !AllowedType(type))
            {
                yield return (at, $"container \"{c.Name}\" sets AppArmor profile type \"{type}\"", false);
            }
        }

        foreach (var entry in pod.Annotations?.Entries() ?? [])
        {
            var key = entry.KeyText!;
            if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && entry.String is { } value
                && !(value.Length == 0 || value == "runtime/default" || value.StartsWith("localhost/", StringComparison.Ordinal)))
            {
                yield return (entry, $"annotation {key} sets AppArmor profile \"{value}\"", false);
            }
        }
    }

    private static bool AllowedType(string type) => type is "RuntimeDefault" or "Localhost";
}

/// <summary>check_seLinuxOptions.go: seLinuxOptions.type from the container types; user and role unset.</summary>
public sealed class PssSeLinuxRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssSeLinux, Severity.Warning, "pod-security",
        "An SELinux type outside the container types, or a custom SELinux user or role (Pod Security Standards, baseline: SELinux).",
        "Remove seLinuxOptions.user and role, and use type container_t, container_init_t, container_kvm_t or container_engine_t (or leave it empty).")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.SecurityContext?.Get("seLinuxOptions") is { Mapping: not null } podOptions)
        {
            foreach (var finding in Check(podOptions, null, pod.Version))
            {
                yield return finding;
            }
        }

        foreach (var c in pod.Containers())
        {
            if (c.Field("seLinuxOptions") is { Mapping: not null } options)
            {
                foreach (var finding in Check(options, c.Name, pod.Version))
                {
                    yield return finding;
                }
            }
        }
    }

    private static readonly string[] UserAndRole = ["user", "role"];

    /// <summary>One seLinuxOptions mapping, the pod's (no container name) or a container's.</summary>
    private static IEnumerable<(Located At, string Message, bool AtKey)> Check(Located o, string? container, KubernetesVersion version)
    {
        var who = container is null ? "the pod" : $"container \"{container}\"";
        if (o.Get("type") is { String: { } type } typeAt && !AllowedType(type, version))
        {
            yield return (typeAt, $"{who} sets SELinux type \"{type}\"", false);
        }

        foreach (var field in UserAndRole)
        {
            if (o.Get(field) is { String: { Length: > 0 } value } at)
            {
                yield return (at, $"{who} sets SELinux {field} \"{value}\"", false);
            }
        }
    }

    /// <summary>selinuxAllowedTypes1_0, and from 1.31 selinuxAllowedTypes1_31 with container_engine_t.</summary>
    private static bool AllowedType(string type, KubernetesVersion version) =>
        type is "" or "container_t" or "container_init_t" or "container_kvm_t"
        || (type == "container_engine_t" && version >= new KubernetesVersion(1, 31));
}

/// <summary>
/// check_procMount_baseline.go: procMount unset or Default. From 1.35 a pod in a user namespace
/// (hostUsers: false) may unmask /proc at baseline; pss-proc-mount-restricted covers that case.
/// </summary>
public sealed class PssProcMountRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssProcMount, Severity.Warning, "pod-security",
        "A container with an unmasked /proc (procMount other than Default) (Pod Security Standards, baseline: /proc Mount Type).",
        "Remove securityContext.procMount or set it to Default.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.InUserNamespace && pod.Version >= new KubernetesVersion(1, 35))
        {
            yield break;
        }

        foreach (var (at, message) in ProcMounts(pod))
        {
            yield return (at, message, false);
        }
    }

    internal static IEnumerable<(Located At, string Message)> ProcMounts(PodView pod) =>
        pod.Containers().Where(c => c.Field("procMount") is { String: { } v } && v != "Default")
            .Select(c => (c.Field("procMount")!.Value, $"container \"{c.Name}\" sets procMount \"{c.Field("procMount")!.Value.String}\", exposing the node's /proc paths the default masks hide"));
}

/// <summary>check_seccompProfile_baseline.go: seccompProfile.type, if set, RuntimeDefault or Localhost.</summary>
public sealed class PssSeccompRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssSeccomp, Severity.Warning, "pod-security",
        "A seccomp profile of type Unconfined (Pod Security Standards, baseline: Seccomp).",
        "Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile), or leave it unset.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.SecurityContext?.At("seccompProfile", "type") is { String: { } podType } podAt && !Valid(podType))
        {
            yield return (podAt, $"the pod sets seccomp profile type \"{podType}\"", false);
        }

        foreach (var c in pod.Containers())
        {
            if (c.Field("seccompProfile", "type") is { String: { } type } at && !Valid(type))
            {
                yield return (at, $"container \"{c.Name}\" sets seccomp profile type \"{type}\"", false);
            }
        }
    }

    /// <summary>validSeccomp: RuntimeDefault or Localhost.</summary>
    internal static bool Valid(string type) => type is "RuntimeDefault" or "Localhost";
}

/// <summary>check_sysctls.go: only the safe, namespaced sysctls (the set grows with the version).</summary>
public sealed class PssSysctlsRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssSysctls, Severity.Warning, "pod-security",
        "A sysctl outside the safe, namespaced set (Pod Security Standards, baseline: Sysctls).",
        "Remove the sysctl from spec.securityContext.sysctls, or tune it on the nodes instead.")
    { Profiles = Baseline };

    /// <summary>sysctlsAllowedV1Dot0, V1Dot27, V1Dot29 and V1Dot32.</summary>
    internal static HashSet<string> Allowed(KubernetesVersion version)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal)
        {
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start",
        };
        if (version >= new KubernetesVersion(1, 27))
        {
            allowed.Add("net.ipv4.ip_local_reserved_ports");
        }

        if (version >= new KubernetesVersion(1, 29))
        {
            allowed.UnionWith(["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]);
        }

        if (version >= new KubernetesVersion(1, 32))
        {
            allowed.UnionWith(["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]);
        }

        return allowed;
    }

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        HashSet<string>? allowed = null; // only pods that set sysctls need the set
        foreach (var sysctl in pod.SecurityContext?.Get("sysctls")?.Items() ?? [])
        {
            if (sysctl.Get("name") is { String: { } name } at && !(allowed ??= Allowed(pod.Version)).Contains(name))
            {
                yield return (at, $"sysctl {name} is not in the safe set for Kubernetes {pod.Version.Major}.{pod.Version.Minor.ToString(CultureInfo.InvariantCulture)}", false);
            }
        }
    }
}

/// <summary>check_windowsHostProcess.go: windowsOptions.hostProcess unset or false.</summary>
public sealed class PssHostProcessRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssHostProcess, Severity.Warning, "pod-security",
        "A Windows HostProcess pod or container (Pod Security Standards, baseline: HostProcess).",
        "Remove securityContext.windowsOptions.hostProcess or set it to false.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.SecurityContext?.At("windowsOptions", "hostProcess") is { Node: YScalar { Value: true } } podAt)
        {
            yield return (podAt, "the pod runs as a Windows HostProcess, with the node's privileges", false);
        }

        foreach (var c in pod.Containers())
        {
            if (c.Field("windowsOptions", "hostProcess") is { Node: YScalar { Value: true } } at)
            {
                yield return (at, $"container \"{c.Name}\" runs as a Windows HostProcess, with the node's privileges", false);
            }
        }
    }
}

/// <summary>check_hostProbesAndhostLifecycle.go (1.34+): probes and lifecycle handlers must not name a host.</summary>
public sealed class PssHostProbesRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssHostProbes, Severity.Warning, "pod-security",
        "A probe or lifecycle handler that sends its request to another host (Pod Security Standards, baseline: Probes and Lifecycle Hooks, 1.34+).",
        "Remove the host field from the probe or handler: it then targets the pod's own IP.")
    { Profiles = Baseline };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.Version < new KubernetesVersion(1, 34))
        {
            yield break;
        }

        foreach (var c in pod.Containers())
        {
            foreach (var (name, find) in Handlers)
            {
                var handler = find(c);
                foreach (var action in Actions)
                {
                    if (handler?.Get(action)?.Get("host") is { String: { Length: > 0 } host } at)
                    {
                        yield return (at, $"the {name} {action} of container \"{c.Name}\" targets host {host}, not the pod", false);
                    }
                }
            }
        }
    }

    private static readonly (string Name, Func<ContainerView, Located?> Find)[] Handlers =
    [
        ("livenessProbe", c => c.LivenessProbe), ("readinessProbe", c => c.ReadinessProbe), ("startupProbe", c => c.StartupProbe),
        ("lifecycle.postStart", c => c.Lifecycle?.Get("postStart")), ("lifecycle.preStop", c => c.Lifecycle?.Get("preStop")),
    ];

    private static readonly string[] Actions = ["httpGet", "tcpSocket"];
}
