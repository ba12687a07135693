using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>Who owns a pod spec decides which restart policies and deadlines it may have.</summary>
internal enum PodOwner
{
    /// <summary>A Pod (or PodTemplate): any restart policy.</summary>
    Pod,

    /// <summary>Deployment, ReplicaSet, ReplicationController, DaemonSet: Always only, no activeDeadlineSeconds.</summary>
    Controller,

    /// <summary>StatefulSet: as a controller.</summary>
    StatefulSet,

    /// <summary>Job and CronJob: OnFailure or Never.</summary>
    Job,
}

/// <summary>
/// Pod spec checks: pkg/apis/core/validation ValidatePodSpec, validateRestartPolicy,
/// validateContainers/validateInitContainers, checkHostPortConflicts, validateDNSPolicy,
/// and the workload-specific template rules of apps and batch validation.
/// </summary>
internal static class PodSpecChecks
{
    private static readonly string[] HostNames = ["hostname", "subdomain"];

    public static void Check(ValidationScope s, Located spec, PodOwner owner, IReadOnlySet<string> extraVolumes)
    {
        var volumes = VolumeChecks.Volumes(s, spec);
        volumes.UnionWith(extraVolumes);
        var hostNetwork = Fields.IsTrue(spec.Get("hostNetwork"));

        // validateContainers / validateInitContainers: names are unique across both lists.
        var names = new HashSet<string>(StringComparer.Ordinal);
        Containers(s, spec, "initContainers", isInit: true, names, volumes, hostNetwork);
        Containers(s, spec, "containers", isInit: false, names, volumes, hostNetwork);
        RestartPolicy(s, spec, owner);
        ActiveDeadline(s, spec, owner);
        HostPortConflicts(s, spec);
        DnsPolicy(s, spec);
        foreach (var key in HostNames)
        {
            if (spec.Get(key) is { String: { Length: > 0 } value } at && KubernetesNames.DnsLabel(value) is { } error)
            {
                s.Error(at, $"spec.{key} \"{value}\" is invalid: it {error}");
            }
        }
    }

    private static void Containers(ValidationScope s, Located spec, string list, bool isInit, HashSet<string> names, IReadOnlySet<string> volumes, bool hostNetwork)
    {
        if (spec.Get(list) is not { Sequence: not null } containers)
        {
            return;
        }

        if (!isInit && containers.Sequence.Items.Count == 0)
        {
            s.Error(containers, "a pod needs at least one container: spec.containers is empty");
        }

        foreach (var container in containers.Items())
        {
            if (container.Mapping is null)
            {
                continue;
            }

            if (container.Get("name") is { String: { } name } nameAt)
            {
                if (KubernetesNames.DnsLabel(name) is { } error)
                {
                    s.Error(nameAt, $"container name \"{name}\" is invalid: it {error}");
                }
                else if (!names.Add(name))
                {
                    s.Error(nameAt, $"container name \"{name}\" is used twice: names must be unique across containers and initContainers");
                }
            }

            ContainerChecks.Check(s, container, isInit, volumes, hostNetwork);
        }
    }

    /// <summary>validateRestartPolicy, and the apps/batch template rules on top of it.</summary>
    private static void RestartPolicy(ValidationScope s, Located spec, PodOwner owner)
    {
        var at = spec.Get("restartPolicy");
        var policy = at?.String;
        switch (owner)
        {
            case PodOwner.Pod:
                s.OneOf(spec, "restartPolicy", "Always", "OnFailure", "Never");
                break;
            case PodOwner.Controller or PodOwner.StatefulSet:
                if (at is { } a && policy is not null && policy != "Always")
                {
                    s.Error(a, $"unsupported restartPolicy \"{policy}\" for a {s.Manifest.Kind}: only \"Always\" is supported");
                }

                break;
            case PodOwner.Job:
                if (at is { } j && policy is not null)
                {
                    if (policy is not ("OnFailure" or "Never"))
                    {
                        s.Error(j, $"unsupported restartPolicy \"{policy}\" for a Job's pods: supported values are \"OnFailure\" and \"Never\"");
                    }
                }
                else if (at is null)
                {
                    s.ErrorAtKey(spec, "a Job's pod template needs restartPolicy \"OnFailure\" or \"Never\" (the pod default, \"Always\", is not allowed)");
                }

                break;
        }
    }

    private static void ActiveDeadline(ValidationScope s, Located spec, PodOwner owner)
    {
        if (spec.Get("activeDeadlineSeconds") is not { } at || !Fields.IsSet(at))
        {
            return;
        }

        if (owner is PodOwner.Controller or PodOwner.StatefulSet)
        {
            s.ErrorAtKey(at, $"activeDeadlineSeconds is not supported in a {s.Manifest.Kind}'s pod template: its pods would be killed and replaced forever");
        }
        else if (Fields.Int(at) is < 1 and var value)
        {
            s.Error(at, $"activeDeadlineSeconds {value} must be between 1 and 2147483647");
        }
    }

    /// <summary>checkHostPortConflicts: hostPort/protocol/hostIP must be unique across the pod's containers.</summary>
    private static void HostPortConflicts(ValidationScope s, Located spec)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in spec.Get("containers")?.Items() ?? [])
        {
            foreach (var port in container.Get("ports")?.Items() ?? [])
            {
                if (Fields.Int(port.Get("hostPort")) is not (> 0 and var hostPort))
                {
                    continue;
                }

                var protocol = Fields.Str(port.Get("protocol")) ?? "TCP";
                var key = $"{Fields.Str(port.Get("hostIP")) ?? string.Empty}/{hostPort}/{protocol}";
                if (!seen.Add(key))
                {
                    s.Error(port.Get("hostPort")!.Value, $"host port {hostPort}/{protocol} is used twice in this pod");
                }
            }
        }
    }

    /// <summary>validateDNSPolicy and validatePodDNSConfig.</summary>
    private static void DnsPolicy(ValidationScope s, Located spec)
    {
        s.OneOf(spec, "dnsPolicy", "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
        if (spec.Get("dnsPolicy") is { String: "None" } at
            && spec.At("dnsConfig", "nameservers") is not { Sequence.Items.Count: > 0 })
        {
            s.Error(at, "dnsPolicy \"None\" needs at least one nameserver in spec.dnsConfig.nameservers");
        }
    }
}
