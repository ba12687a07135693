using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules.PodSecurity;

/// <summary>
/// The Pod Security Standards controls against the cases of the upstream checks
/// (k8s.io/pod-security-admission/policy check_*.go and their tests): which fields each reads,
/// which values it allows, the versions that changed them, and the exemptions.
/// </summary>
public sealed class PodSecurityRuleTests
{
    public static TheoryData<string, string, string, int> Cases() => new()
    {
        // check_privileged.go: containers, init containers and ephemeral containers (visitContainers).
        { RuleIds.PssPrivileged, "1.36", "containers: [{name: a, image: a, securityContext: {privileged: true}}]", 1 },
        { RuleIds.PssPrivileged, "1.36", "containers: [{name: a, image: a}]\n  ephemeralContainers: [{name: d, image: d, securityContext: {privileged: true}}]", 1 },
        { RuleIds.PssPrivileged, "1.36", "containers: [{name: a, image: a, securityContext: {privileged: false}}]", 0 },

        // check_hostNamespaces.go: one finding per namespace shared.
        { RuleIds.PssHostNamespaces, "1.36", "hostNetwork: true\n  hostIPC: true\n  containers: [{name: a, image: a}]", 2 },
        { RuleIds.PssHostNamespaces, "1.36", "hostPID: false\n  containers: [{name: a, image: a}]", 0 },

        // check_hostPorts.go: hostPort 0 is allowed.
        { RuleIds.PssHostPorts, "1.36", "containers: [{name: a, image: a, ports: [{containerPort: 80, hostPort: 0}]}]", 0 },
        { RuleIds.PssHostPorts, "1.36", "initContainers: [{name: i, image: i, ports: [{containerPort: 80, hostPort: 80}]}]\n  containers: [{name: a, image: a}]", 1 },

        // check_capabilities_baseline.go: capabilities_allowed_1_0.
        { RuleIds.PssCapabilities, "1.36", "containers: [{name: a, image: a, securityContext: {capabilities: {add: [KILL, MKNOD, SYS_CHROOT]}}}]", 0 },
        { RuleIds.PssCapabilities, "1.36", "containers: [{name: a, image: a, securityContext: {capabilities: {add: [SYS_PTRACE, BPF]}}}]", 2 },

        // check_appArmorProfile.go: Unconfined is forbidden, RuntimeDefault and Localhost allowed.
        { RuleIds.PssAppArmor, "1.36", "securityContext: {appArmorProfile: {type: Localhost, localhostProfile: p}}\n  containers: [{name: a, image: a, securityContext: {appArmorProfile: {type: Unconfined}}}]", 1 },

        // check_seLinuxOptions.go: container_engine_t from 1.31 (selinuxAllowedTypes1_31); user and role never.
        { RuleIds.PssSeLinux, "1.30", "securityContext: {seLinuxOptions: {type: container_engine_t}}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssSeLinux, "1.31", "securityContext: {seLinuxOptions: {type: container_engine_t}}\n  containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssSeLinux, "1.36", "containers: [{name: a, image: a, securityContext: {seLinuxOptions: {level: 's0:c1,c2'}}}]", 0 },
        { RuleIds.PssSeLinux, "1.36", "containers: [{name: a, image: a, securityContext: {seLinuxOptions: {user: u, role: r}}}]", 2 },

        // check_procMount_baseline.go: from 1.35 a user-namespace pod may unmask /proc at baseline.
        { RuleIds.PssProcMount, "1.34", "hostUsers: false\n  containers: [{name: a, image: a, securityContext: {procMount: Unmasked}}]", 1 },
        { RuleIds.PssProcMount, "1.35", "hostUsers: false\n  containers: [{name: a, image: a, securityContext: {procMount: Unmasked}}]", 0 },
        { RuleIds.PssProcMountRestricted, "1.35", "hostUsers: false\n  containers: [{name: a, image: a, securityContext: {procMount: Unmasked}}]", 1 },
        { RuleIds.PssProcMountRestricted, "1.36", "containers: [{name: a, image: a, securityContext: {procMount: Unmasked}}]", 0 },

        // check_seccompProfile_baseline.go: only RuntimeDefault and Localhost when set.
        { RuleIds.PssSeccomp, "1.36", "securityContext: {seccompProfile: {type: Unconfined}}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssSeccomp, "1.36", "containers: [{name: a, image: a}]", 0 },

        // check_sysctls.go: sysctlsAllowedV1Dot0, V1Dot27, V1Dot29, V1Dot32.
        { RuleIds.PssSysctls, "1.26", "securityContext: {sysctls: [{name: net.ipv4.ip_local_reserved_ports, value: '1'}]}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssSysctls, "1.27", "securityContext: {sysctls: [{name: net.ipv4.ip_local_reserved_ports, value: '1'}]}\n  containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssSysctls, "1.28", "securityContext: {sysctls: [{name: net.ipv4.tcp_fin_timeout, value: '30'}]}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssSysctls, "1.29", "securityContext: {sysctls: [{name: net.ipv4.tcp_fin_timeout, value: '30'}]}\n  containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssSysctls, "1.31", "securityContext: {sysctls: [{name: net.ipv4.tcp_wmem, value: '4096 16384 4194304'}]}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssSysctls, "1.32", "securityContext: {sysctls: [{name: net.ipv4.tcp_wmem, value: '4096 16384 4194304'}]}\n  containers: [{name: a, image: a}]", 0 },

        // check_windowsHostProcess.go.
        { RuleIds.PssHostProcess, "1.36", "securityContext: {windowsOptions: {hostProcess: false}}\n  containers: [{name: a, image: a}]", 0 },

        // check_hostProbesAndhostLifecycle.go: a baseline check from 1.34 only.
        { RuleIds.PssHostProbes, "1.33", "containers: [{name: a, image: a, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]", 0 },
        { RuleIds.PssHostProbes, "1.34", "containers: [{name: a, image: a, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]", 1 },
        { RuleIds.PssHostProbes, "1.34", "containers: [{name: a, image: a, livenessProbe: {httpGet: {host: '', port: 80}}}]", 0 },

        // check_restrictedVolumes.go: hostPath is left to pss-host-path-volumes.
        { RuleIds.PssVolumeTypes, "1.36", "containers: [{name: a, image: a}]\n  volumes: [{name: v, hostPath: {path: /}}, {name: w, iscsi: {targetPortal: p, iqn: q, lun: 0}}]", 1 },

        // check_allowPrivilegeEscalation.go: must be false explicitly; Windows pods exempt from 1.25.
        { RuleIds.PssPrivilegeEscalation, "1.36", "containers: [{name: a, image: a}, {name: b, image: b, securityContext: {allowPrivilegeEscalation: false}}]", 1 },
        { RuleIds.PssPrivilegeEscalation, "1.24", "os: {name: windows}\n  containers: [{name: a, image: a}]", 1 },
        { RuleIds.PssPrivilegeEscalation, "1.25", "os: {name: windows}\n  containers: [{name: a, image: a}]", 0 },

        // check_runAsNonRoot.go: pod-level true covers unset containers; false anywhere is forbidden; hostUsers: false exempt.
        { RuleIds.PssRunAsNonRoot, "1.36", "securityContext: {runAsNonRoot: true}\n  containers: [{name: a, image: a}, {name: b, image: b, securityContext: {runAsNonRoot: false}}]", 1 },
        { RuleIds.PssRunAsNonRoot, "1.36", "securityContext: {runAsNonRoot: false}\n  containers: [{name: a, image: a, securityContext: {runAsNonRoot: true}}]", 1 },
        { RuleIds.PssRunAsNonRoot, "1.36", "containers: [{name: a, image: a}, {name: b, image: b}]", 2 },
        { RuleIds.PssRunAsNonRoot, "1.36", "hostUsers: false\n  containers: [{name: a, image: a}]", 0 },

        // check_runAsUser.go: 1.23+, 0 forbidden on pod and containers; hostUsers: false exempt.
        { RuleIds.PssRunAsUser, "1.22", "securityContext: {runAsUser: 0}\n  containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssRunAsUser, "1.23", "securityContext: {runAsUser: 0}\n  containers: [{name: a, image: a, securityContext: {runAsUser: 1000}}]", 1 },
        { RuleIds.PssRunAsUser, "1.36", "hostUsers: false\n  securityContext: {runAsUser: 0}\n  containers: [{name: a, image: a}]", 0 },

        // check_seccompProfile_restricted.go: pod-level valid profile covers the containers; an explicit bad type is pss-seccomp's.
        { RuleIds.PssSeccompRestricted, "1.36", "securityContext: {seccompProfile: {type: Localhost, localhostProfile: p}}\n  containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssSeccompRestricted, "1.36", "securityContext: {seccompProfile: {type: Unconfined}}\n  containers: [{name: a, image: a}, {name: b, image: b, securityContext: {seccompProfile: {type: RuntimeDefault}}}]", 1 },
        { RuleIds.PssSeccompRestricted, "1.36", "os: {name: windows}\n  containers: [{name: a, image: a}]", 0 },

        // check_capabilities_restricted.go: drop ALL, add only NET_BIND_SERVICE; Windows exempt from 1.25.
        { RuleIds.PssCapabilitiesRestricted, "1.36", "containers: [{name: a, image: a, securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}]", 0 },
        { RuleIds.PssCapabilitiesRestricted, "1.36", "containers: [{name: a, image: a, securityContext: {capabilities: {drop: [ALL], add: [SETUID, SYS_ADMIN]}}}]", 1 },
        { RuleIds.PssCapabilitiesRestricted, "1.21", "containers: [{name: a, image: a}]", 0 },
        { RuleIds.PssCapabilitiesRestricted, "1.25", "os: {name: windows}\n  containers: [{name: a, image: a}]", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Control_FindsWhatTheUpstreamCheckForbids(string ruleId, string version, string spec, int expected)
    {
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  " + spec + "\n";
        var options = new LintOptions { KubernetesVersion = KubernetesVersion.Parse(version) }.Enabling(ruleId);
        var findings = RuleHarness.Lint(yaml, options).Diagnostics.Where(d => d.RuleId == ruleId).ToList();
        Assert.True(expected == findings.Count, $"{ruleId} at {version}: expected {expected}, got {findings.Count}: {string.Join("; ", findings.Select(f => f.Message))}");
    }

    [Fact]
    public void BaselineControls_AreOnByDefault_RestrictedOnesOnlyInStrictAndPssRestricted()
    {
        foreach (var rule in RuleCatalog.BuiltIn.Where(r => r.Id.StartsWith("pss-", StringComparison.Ordinal)))
        {
            var restricted = rule is KubePlan.Rules.PodSecurity.PssVolumeTypesRule or KubePlan.Rules.PodSecurity.PssPrivilegeEscalationRule
                or KubePlan.Rules.PodSecurity.PssRunAsNonRootRule or KubePlan.Rules.PodSecurity.PssRunAsUserRule
                or KubePlan.Rules.PodSecurity.PssSeccompRestrictedRule or KubePlan.Rules.PodSecurity.PssCapabilitiesRestrictedRule
                or KubePlan.Rules.PodSecurity.PssProcMountRestrictedRule;
            Assert.Equal(restricted ? RuleProfiles.Strict | RuleProfiles.PssRestricted
                : RuleProfiles.Recommended | RuleProfiles.Strict | RuleProfiles.PssBaseline | RuleProfiles.PssRestricted, rule.Info.Profiles);
            Assert.Equal(KubePlan.Diagnostics.Severity.Warning, rule.Info.DefaultSeverity);
        }
    }

    [Fact]
    public void Finding_PointsAtTheField_OrAtTheContainerWhenTheFieldIsMissing()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: web:1.0
                      securityContext:
                        allowPrivilegeEscalation: true
                    - name: proxy
                      image: proxy:1.0
            """;
        var findings = RuleHarness.Lint(yaml, new LintOptions().Enabling(RuleIds.PssPrivilegeEscalation)).Diagnostics
            .Where(d => d.RuleId == RuleIds.PssPrivilegeEscalation).ToList();
        Assert.Equal(
            [(13, "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation"), (14, "/spec/template/spec/containers/1/name")],
            findings.Select(f => (f.Line, f.Path!)).ToList());
        Assert.StartsWith("the pods of Deployment \"web\"", findings[0].Message, StringComparison.Ordinal);
    }
}
