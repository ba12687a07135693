using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.PodSecurity;

// Pod Security Standards, restricted level: one class per control of k8s.io/pod-security-admission/policy.
// Where a restricted check also covers what a baseline control reports (hostPath volumes, an Unconfined
// seccomp profile, a capability outside the baseline set), the baseline rule reports it and the restricted
// rule does not repeat it: the restricted profile runs both.

/// <summary>check_restrictedVolumes.go: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret.</summary>
public sealed class PssVolumeTypesRule : PodSecurityRule
{
    private static readonly string[] AllowedTypes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    public override RuleInfo Info { get; } = new(
        RuleIds.PssVolumeTypes, Severity.Warning, "pod-security",
        "A volume of a type other than configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret (Pod Security Standards, restricted: Volume Types).",
        "Use a PersistentVolumeClaim for storage (its PersistentVolume may be of any type), or one of the allowed inline volume types.")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        foreach (var volume in pod.Spec.Get("volumes")?.Items() ?? [])
        {
            if (volume.Mapping is null || volume.Get("hostPath") is not null)
            {
                continue; // hostPath: pss-host-path-volumes reports it
            }

            var type = volume.Entries().Select(e => e.KeyText!).FirstOrDefault(k => k != "name");
            if (type is not null && !AllowedTypes.Contains(type, StringComparer.Ordinal))
            {
                yield return (volume.Get(type)!.Value, $"volume \"{volume.Get("name")?.String ?? "?"}\" is of type {type}, which the restricted level does not allow", true);
            }
        }
    }
}

/// <summary>check_allowPrivilegeEscalation.go: every container sets allowPrivilegeEscalation: false (Windows pods exempt from 1.25).</summary>
public sealed class PssPrivilegeEscalationRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssPrivilegeEscalation, Severity.Warning, "pod-security",
        "A container that does not set allowPrivilegeEscalation: false (Pod Security Standards, restricted: Privilege Escalation).",
        "Set securityContext.allowPrivilegeEscalation: false on every container.")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.IsWindowsExempt)
        {
            yield break;
        }

        foreach (var c in pod.Containers())
        {
            var field = c.Field("allowPrivilegeEscalation");
            if (field?.Node is YScalar { Value: false })
            {
                continue;
            }

            yield return field is { } at
                ? (at, $"container \"{c.Name}\" allows privilege escalation (setuid binaries can gain more privileges than the process has)", false)
                : (PodView.Where(c), $"container \"{c.Name}\" does not set securityContext.allowPrivilegeEscalation: false", false);
        }
    }
}

/// <summary>
/// check_runAsNonRoot.go: the pod sets runAsNonRoot: true (containers may then leave it unset) or every
/// container does; false is never allowed. A pod in a user namespace (hostUsers: false) is exempt.
/// </summary>
public sealed class PssRunAsNonRootRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssRunAsNonRoot, Severity.Warning, "pod-security",
        "A pod or container that does not require a non-root user (runAsNonRoot: true) (Pod Security Standards, restricted: Running as Non-root).",
        "Set spec.securityContext.runAsNonRoot: true (and a non-zero runAsUser if the image's user is root).")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.InUserNamespace)
        {
            yield break;
        }

        var podField = pod.SecurityContext?.Get("runAsNonRoot");
        if (podField is { Node: YScalar { Value: false } } podFalse)
        {
            yield return (podFalse, "the pod sets runAsNonRoot: false", false);
        }

        var podTrue = podField?.Node is YScalar { Value: true };
        foreach (var c in pod.Containers())
        {
            var field = c.Field("runAsNonRoot");
            if (field is { Node: YScalar { Value: false } } bad)
            {
                yield return (bad, $"container \"{c.Name}\" sets runAsNonRoot: false", false);
            }
            else if (field is null && !podTrue)
            {
                yield return (PodView.Where(c), $"neither the pod nor container \"{c.Name}\" sets securityContext.runAsNonRoot: true, so it may run as root", false);
            }
        }
    }
}

/// <summary>check_runAsUser.go (1.23+): runAsUser must not be 0 on the pod or a container. A pod in a user namespace is exempt.</summary>
public sealed class PssRunAsUserRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssRunAsUser, Severity.Warning, "pod-security",
        "A pod or container that sets runAsUser: 0, the root user (Pod Security Standards, restricted: Running as Non-root user).",
        "Set runAsUser to a non-zero user id (or leave it unset and let the image's non-root user apply).")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.InUserNamespace || pod.Version < new KubernetesVersion(1, 23))
        {
            yield break;
        }

        if (pod.SecurityContext?.Get("runAsUser") is { Scalar: { } s } podAt && s.AsInt64() == 0)
        {
            yield return (podAt, "the pod sets runAsUser: 0 (root)", false);
        }

        foreach (var c in pod.Containers())
        {
            if (c.Field("runAsUser") is { Scalar: { } cs } at && cs.AsInt64() == 0)
            {
                yield return (at, $"container \"{c.Name}\" sets runAsUser: 0 (root)", false);
            }
        }
    }
}

/// <summary>
/// check_seccompProfile_restricted.go (1.19+): the pod or every container sets seccompProfile.type RuntimeDefault
/// or Localhost. An explicit other type is pss-seccomp's finding; Windows pods are exempt from 1.25.
/// </summary>
public sealed class PssSeccompRestrictedRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssSeccompRestricted, Severity.Warning, "pod-security",
        "A container with no seccomp profile: neither it nor the pod sets seccompProfile.type RuntimeDefault or Localhost (Pod Security Standards, restricted: Seccomp).",
        "Set spec.securityContext.seccompProfile.type: RuntimeDefault for the whole pod.")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.IsWindowsExempt || pod.Version < new KubernetesVersion(1, 19))
        {
            yield break;
        }

        var podSet = pod.SecurityContext?.At("seccompProfile", "type") is { String: { } t } && PssSeccompRule.Valid(t);
        foreach (var c in pod.Containers())
        {
            if (c.Field("seccompProfile") is null && !podSet)
            {
                yield return (PodView.Where(c), $"neither the pod nor container \"{c.Name}\" sets securityContext.seccompProfile.type to RuntimeDefault or Localhost", false);
            }
        }
    }
}

/// <summary>
/// check_capabilities_restricted.go (1.22+): every container drops ALL and adds at most NET_BIND_SERVICE.
/// A capability outside the baseline set is pss-capabilities' finding; Windows pods are exempt from 1.25.
/// </summary>
public sealed class PssCapabilitiesRestrictedRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssCapabilitiesRestricted, Severity.Warning, "pod-security",
        "A container that does not drop ALL capabilities, or adds one other than NET_BIND_SERVICE (Pod Security Standards, restricted: Capabilities).",
        "Set securityContext.capabilities.drop: [ALL] on every container and add back only NET_BIND_SERVICE if it binds a port below 1024.")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod)
    {
        if (pod.IsWindowsExempt || pod.Version < new KubernetesVersion(1, 22))
        {
            yield break;
        }

        foreach (var c in pod.Containers())
        {
            var drop = c.Field("capabilities", "drop");
            if (!(drop?.Items().Any(d => d.String == "ALL") ?? false))
            {
                yield return (drop ?? PodView.Where(c), $"container \"{c.Name}\" does not drop ALL capabilities (securityContext.capabilities.drop: [ALL])", false);
            }

            foreach (var add in c.Field("capabilities", "add")?.Items() ?? [])
            {
                if (add.Scalar is { } s && s.KeyText != "NET_BIND_SERVICE" && PssCapabilitiesRule.Allowed.Contains(s.KeyText))
                {
                    yield return (add, $"container \"{c.Name}\" adds capability {s.KeyText}; the restricted level allows only NET_BIND_SERVICE", false);
                }
            }
        }
    }
}

/// <summary>
/// check_procMount_restricted.go (1.35+): procMount unset or Default even in a user namespace, where the
/// baseline level allows an unmasked /proc from 1.35; elsewhere pss-proc-mount reports it.
/// </summary>
public sealed class PssProcMountRestrictedRule : PodSecurityRule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.PssProcMountRestricted, Severity.Warning, "pod-security",
        "A container in a user namespace (hostUsers: false) with an unmasked /proc, which the baseline level allows from 1.35 and the restricted level does not (Pod Security Standards, restricted: /proc Mount Type).",
        "Remove securityContext.procMount or set it to Default.")
    { Profiles = Restricted };

    protected override IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod) =>
        pod.InUserNamespace && pod.Version >= new KubernetesVersion(1, 35)
            ? PssProcMountRule.ProcMounts(pod).Select(p => (p.At, p.Message, false))
            : [];
}
