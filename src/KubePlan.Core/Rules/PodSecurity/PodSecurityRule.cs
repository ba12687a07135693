using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.PodSecurity;

/// <summary>
/// A Pod Security Standards control, checked on every object that runs pods as the
/// pod-security-admission checks (<c>k8s.io/pod-security-admission/policy</c>) check a pod: the
/// pod-level securityContext and every container, init container and ephemeral container
/// (<c>visitContainers</c>). Each finding points at the offending field, or at the container when
/// a required field is missing.
/// </summary>
public abstract class PodSecurityRule : Rule
{
    /// <summary>The profiles of a baseline control: on by default (recommended) as a warning.</summary>
    protected const RuleProfiles Baseline = RuleProfiles.Recommended | RuleProfiles.Strict | RuleProfiles.PssBaseline | RuleProfiles.PssRestricted;

    /// <summary>The profiles of a restricted control: off by default.</summary>
    protected const RuleProfiles Restricted = RuleProfiles.Strict | RuleProfiles.PssRestricted;

    public override RuleReads Reads { get; } = RuleReads.PodsAnd();

    public sealed override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodViews)
        {
            var m = pod.Manifest;
            foreach (var (at, message, atKey) in Check(pod))
            {
                yield return Report(m, at, $"{Subject(m)}: {message}", atKey: atKey);
            }
        }
    }

    /// <summary>The violations of one pod template: where, what, and whether to point at the key.</summary>
    protected abstract IEnumerable<(Located At, string Message, bool AtKey)> Check(PodView pod);

    private static string Subject(Manifest m) => m.Kind == "Pod" ? $"Pod \"{m.Name}\"" : $"the pods of {m.Kind} \"{m.Name}\"";
}

/// <summary>A pod template as the Pod Security Standards read it.</summary>
/// <remarks>Built once per run (<see cref="AnalysisContext.PodViews"/>): every control walks the same views, side by side.</remarks>
public sealed class PodView
{
    private readonly Manifest _manifest;
    private readonly Located _spec;
    private readonly KubernetesVersion _version;

    internal PodView(PodSpecView pod, KubernetesVersion version)
    {
        _manifest = pod.Manifest;
        _spec = pod.Spec;
        _version = version;
        SecurityContext = _spec.Get("securityContext") is { Mapping: not null } sc ? sc : null;
        var ephemeral = _spec.Get("ephemeralContainers")?.Items().Where(c => c.Mapping is not null).ToList();
        _containers = ephemeral is { Count: > 0 }
            ? [.. pod.Containers, .. ephemeral.Select(c => new ContainerView(c, ContainerRole.Ephemeral))]
            : pod.Containers;
        var path = KubernetesKinds.PodTemplatePath(_manifest.Group, _manifest.Kind);
        Annotations = path is null ? _manifest.At("metadata", "annotations") : _manifest.At([.. path, "metadata", "annotations"]);
    }

    public Manifest Manifest => _manifest;

    public Located Spec => _spec;

    public KubernetesVersion Version => _version;

    /// <summary>spec.securityContext, if written.</summary>
    public Located? SecurityContext { get; }

    /// <summary>
    /// <c>spec.os.name: windows</c>: restricted controls that Windows pods cannot satisfy (seccomp,
    /// capabilities, allowPrivilegeEscalation) exempt them from Kubernetes 1.25.
    /// </summary>
    public bool IsWindowsExempt => _version >= new KubernetesVersion(1, 25) && _spec.At("os", "name")?.String == "windows";

    /// <summary><c>hostUsers: false</c>: the pod runs in a user namespace (relaxPolicyForUserNamespacePod).</summary>
    public bool InUserNamespace => _spec.Get("hostUsers")?.Node is YScalar { Value: false };

    /// <summary>Every container the admission checks visit: init containers, containers, ephemeral containers.</summary>
    public IReadOnlyList<ContainerView> Containers() => _containers;

    private readonly IReadOnlyList<ContainerView> _containers;

    /// <summary>The pod template's annotations (a Pod's own).</summary>
    public Located? Annotations { get; }

    /// <summary>The container itself, to point at when a required field is missing: its name, else the item.</summary>
    public static Located Where(ContainerView c) => c.NameOrSelf;
}
