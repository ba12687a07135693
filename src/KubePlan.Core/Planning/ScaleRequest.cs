using System.Globalization;

namespace KubePlan.Planning;

/// <summary>
/// One <c>--scale KIND/NAME=N</c>: resize the named Deployment, StatefulSet, ReplicaSet or ReplicationController to N replicas.
/// NAME may be <c>namespace/name</c>; without a namespace it matches the name in any namespace.
/// </summary>
public sealed record ScaleRequest(string Kind, string? Namespace, string Name, int Replicas)
{
    /// <summary>Kinds by the names kubectl accepts for them (short, singular, plural), case-insensitive.</summary>
    private static readonly Dictionary<string, string> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deploy"] = "Deployment",
        ["deployment"] = "Deployment",
        ["deployments"] = "Deployment",
        ["sts"] = "StatefulSet",
        ["statefulset"] = "StatefulSet",
        ["statefulsets"] = "StatefulSet",
        ["rs"] = "ReplicaSet",
        ["replicaset"] = "ReplicaSet",
        ["replicasets"] = "ReplicaSet",
        ["rc"] = "ReplicationController",
        ["replicationcontroller"] = "ReplicationController",
        ["replicationcontrollers"] = "ReplicationController",
    };

    private static readonly HashSet<string> DaemonSetNames = new(StringComparer.OrdinalIgnoreCase) { "ds", "daemonset", "daemonsets" };

    /// <summary>The request as the user would write it, for messages.</summary>
    public string Target => Kind + "/" + (Namespace is null ? string.Empty : Namespace + "/") + Name;

    /// <summary>Parses <c>KIND/NAME=N</c> or <c>KIND/NAMESPACE/NAME=N</c>.</summary>
    /// <exception cref="PlanRequestException">The text is not a valid request.</exception>
    public static ScaleRequest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals < 0)
        {
            throw new PlanRequestException($"--scale takes KIND/NAME=REPLICAS (e.g. deploy/web=5), got '{text}'");
        }

        var target = text[..equals].Trim();
        var count = text[(equals + 1)..].Trim();
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas))
        {
            throw new PlanRequestException($"--scale '{text}': the replica count must be a non-negative integer, got '{count}'");
        }

        var parts = target.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            throw new PlanRequestException($"--scale '{text}': name the workload as KIND/NAME or KIND/NAMESPACE/NAME");
        }

        if (DaemonSetNames.Contains(parts[0]))
        {
            throw new PlanRequestException($"--scale '{text}': a DaemonSet has no replicas to scale (it runs one pod per eligible node)");
        }

        if (!KindNames.TryGetValue(parts[0], out var kind))
        {
            throw new PlanRequestException($"--scale '{text}': unknown kind '{parts[0]}'; use deploy, sts, rs or rc");
        }

        return parts.Length == 3
            ? new ScaleRequest(kind, parts[1], parts[2], replicas)
            : new ScaleRequest(kind, null, parts[1], replicas);
    }
}

/// <summary>A plan request that cannot be carried out as asked (a usage error, not a finding).</summary>
public sealed class PlanRequestException : Exception
{
    public PlanRequestException()
    {
    }

    public PlanRequestException(string message)
        : base(message)
    {
    }

    public PlanRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
