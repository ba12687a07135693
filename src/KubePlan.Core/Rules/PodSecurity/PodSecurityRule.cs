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
public sealed class PodView(Manifest manifest, Located spec, KubernetesVersion version)
{
    public Manifest Manifest => manifest;

    public Located Spec => spec;

    public KubernetesVersion Version => version;

    /// <summary>spec.securityContext, if written.</summary>
    public Located? SecurityContext => spec.Get("securityContext") is { Mapping: not null } sc ? sc : null;

    /// <summary>
    /// <c>spec.os.name: windows</c>: restricted controls that Windows pods cannot satisfy (seccomp,
    /// capabilities, allowPrivilegeEscalation) exempt them from Kubernetes 1.25.
    /// </summary>
    public bool IsWindowsExempt => version >= new KubernetesVersion(1, 25) && spec.At("os", "name")?.String == "windows";

    /// <summary><c>hostUsers: false</c>: the pod runs in a user namespace (relaxPolicyForUserNamespacePod).</summary>
    public bool InUserNamespace => spec.Get("hostUsers")?.Node is YScalar { Value: false };

    /// <summary>Every container the admission checks visit: init containers, containers, ephemeral containers.</summary>
    /// <remarks>Read once: every control of a run walks the same pod views.</remarks>
    public IEnumerable<Container> Containers() => _containers ??= ReadContainers();

    private Container[]? _containers;

    private Container[] ReadContainers()
    {
        var containers = new List<Container>();
        foreach (var field in ContainerFields)
        {
            foreach (var c in spec.Get(field)?.Items() ?? [])
            {
                if (c.Mapping is not null)
                {
                    containers.Add(new Container(c, c.Get("name")?.String ?? "?"));
                }
            }
        }

        return [.. containers];
    }

    private static readonly string[] ContainerFields = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>The pod template's annotations (a Pod's own).</summary>
    public Located? Annotations
    {
        get
        {
            var path = KubernetesKinds.PodTemplatePath(manifest.Group, manifest.Kind);
            return path is null ? manifest.At("metadata", "annotations") : manifest.At([.. path, "metadata", "annotations"]);
        }
    }

    /// <summary>The container itself, to point at when a required field is missing: its name, else the item.</summary>
    public static Located Where(Container c) => c.At.Get("name") ?? c.At;
}

/// <summary>A container of a pod template and its name.</summary>
public readonly record struct Container(Located At, string Name)
{
    public Located? SecurityContext => At.Get("securityContext") is { Mapping: not null } sc ? sc : null;

    public Located? Field(params string[] path) => SecurityContext?.At(path);
}
