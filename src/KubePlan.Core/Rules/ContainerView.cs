using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>
/// A container of a pod spec with the fields the rules read, looked up once in one pass over its
/// keys: a run's per-container rules and Pod Security controls share these views instead of each
/// looking the same fields up again.
/// </summary>
public sealed class ContainerView
{
    /// <param name="at">The container's mapping.</param>
    /// <param name="role">Its role, as <see cref="Workloads.AllContainers"/> gives it, or <see cref="ContainerRole.Ephemeral"/>.</param>
    internal ContainerView(Located at, ContainerRole role)
    {
        At = at;
        foreach (var field in at.Entries())
        {
            switch (field.KeyText!)
            {
                case "name": NameAt = field; break;
                case "image": Image = field; break;
                case "imagePullPolicy": ImagePullPolicy = field; break;
                case "env": Env = field; break;
                case "ports": Ports = field; break;
                case "resources": Resources = field; break;
                case "livenessProbe": LivenessProbe = field; break;
                case "readinessProbe": ReadinessProbe = field; break;
                case "startupProbe": StartupProbe = field; break;
                case "lifecycle": Lifecycle = field; break;
                case "securityContext": SecurityContextField = field; break;
            }
        }

        Name = NameAt?.String ?? "?";
        Role = role;
    }

    public Located At { get; }

    public ContainerRole Role { get; }

    /// <summary>The name, or "?" when it is missing or not a string.</summary>
    public string Name { get; }

    public Located? NameAt { get; }

    public Located? Image { get; }

    public Located? ImagePullPolicy { get; }

    public Located? Env { get; }

    public Located? Ports { get; }

    public Located? Resources { get; }

    public Located? LivenessProbe { get; }

    public Located? ReadinessProbe { get; }

    public Located? StartupProbe { get; }

    public Located? Lifecycle { get; }

    /// <summary>securityContext as written, whatever its node.</summary>
    public Located? SecurityContextField { get; }

    /// <summary>securityContext when it is a mapping.</summary>
    public Located? SecurityContext => SecurityContextField is { Mapping: not null } sc ? sc : null;

    /// <summary>Runs as long as the pod (an app container or a sidecar), not to completion.</summary>
    public bool IsLongRunning => Role is ContainerRole.App or ContainerRole.Sidecar;

    /// <summary>Where a finding about the whole container points: its name, else the container.</summary>
    public Located NameOrSelf => NameAt ?? At;

    /// <summary>A field under securityContext (when that is a mapping).</summary>
    public Located? Field(params ReadOnlySpan<string> path)
    {
        var current = SecurityContext;
        foreach (var key in path)
        {
            current = current?.Get(key);
        }

        return current;
    }

    /// <summary>"container \"web\"", "init container \"migrate\"" or "sidecar \"proxy\"", for messages.</summary>
    public string Describe() => new PodContainer(At, Role).Describe();
}
