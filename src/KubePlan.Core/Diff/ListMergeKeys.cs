using System.Collections.Concurrent;
using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>
/// Which lists of built-in kinds are maps keyed by some of their items' fields, so that the diff
/// matches items by key instead of by position (a reordered env list is not a change). Every
/// other list is atomic: compared, and reported, as a whole (tolerations, args, volumeClaimTemplates).
/// </summary>
/// <remarks>
/// Hand-checked against the upstream OpenAPI definitions (<c>x-kubernetes-patch-merge-key</c> and
/// <c>x-kubernetes-list-map-keys</c>) of: io.k8s.api.core.v1.PodSpec (containers, initContainers,
/// ephemeralContainers, volumes, imagePullSecrets, hostAliases, resourceClaims, schedulingGates,
/// topologySpreadConstraints), io.k8s.api.core.v1.Container and EphemeralContainer (env, ports,
/// volumeMounts, volumeDevices), io.k8s.api.core.v1.ResourceRequirements (claims),
/// io.k8s.api.core.v1.ServiceSpec (ports), io.k8s.api.core.v1.ServiceAccount (secrets) and
/// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta (ownerReferences, merge key uid). Status lists
/// are left out: manifests do not carry status. A pattern's <c>*</c> stands for the items of a
/// list; <c>{podSpec}</c> for wherever the kind keeps its pod spec (<see cref="KubernetesKinds.PodSpecPath"/>).
/// </remarks>
public static class ListMergeKeys
{
    public const string PodSpec = "{podSpec}";

    /// <summary>(kind or <c>*</c> for every kind, pattern, key fields). Kinds are written <c>group/Kind</c>, core with an empty group.</summary>
    public static IReadOnlyList<(string Kind, string Pattern, string[] Keys)> Table { get; } = BuildTable();

    /// <summary>Key fields whose absence means a default value, as the API server defaults them.</summary>
    public static IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["protocol"] = "TCP", // core.v1.ContainerPort.protocol and core.v1.ServicePort.protocol default to TCP.
    };

    private static readonly ConcurrentDictionary<(string Group, string Kind), MergeKeyNode> Roots = new();

    /// <summary>The root of the key tree for objects of a kind.</summary>
    public static MergeKeyNode RootFor(string group, string kind) => Roots.GetOrAdd((group, kind), Build);

    private static List<(string Kind, string Pattern, string[] Keys)> BuildTable()
    {
        var table = new List<(string, string, string[])>
        {
            ("*", "/metadata/ownerReferences", ["uid"]),
            (PodSpec, "/containers", ["name"]),
            (PodSpec, "/initContainers", ["name"]),
            (PodSpec, "/ephemeralContainers", ["name"]),
            (PodSpec, "/volumes", ["name"]),
            (PodSpec, "/imagePullSecrets", ["name"]),
            (PodSpec, "/hostAliases", ["ip"]),
            (PodSpec, "/resourceClaims", ["name"]),
            (PodSpec, "/schedulingGates", ["name"]),
            (PodSpec, "/topologySpreadConstraints", ["topologyKey", "whenUnsatisfiable"]),
            ("/Service", "/spec/ports", ["port", "protocol"]),
            ("/ServiceAccount", "/secrets", ["name"]),
        };
        foreach (var containers in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            table.Add((PodSpec, $"/{containers}/*/env", ["name"]));
            table.Add((PodSpec, $"/{containers}/*/ports", ["containerPort", "protocol"]));
            table.Add((PodSpec, $"/{containers}/*/volumeMounts", ["mountPath"]));
            table.Add((PodSpec, $"/{containers}/*/volumeDevices", ["devicePath"]));
            table.Add((PodSpec, $"/{containers}/*/resources/claims", ["name"]));
        }

        return table;
    }

    private static MergeKeyNode Build((string Group, string Kind) kind)
    {
        var root = new MergeKeyNode();
        var podSpec = KubernetesKinds.PodSpecPath(kind.Group, kind.Kind);
        foreach (var (scope, pattern, keys) in Table)
        {
            string[] prefix;
            if (scope == PodSpec)
            {
                if (podSpec is null)
                {
                    continue;
                }

                prefix = podSpec;
            }
            else if (scope == "*" || scope == kind.Group + "/" + kind.Kind)
            {
                prefix = [];
            }
            else
            {
                continue;
            }

            var fields = prefix.Concat(pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "*"));
            var node = root;
            foreach (var field in fields)
            {
                node = node.GetOrAddChild(field);
            }

            node.ListKeys = keys;
        }

        return root;
    }
}

/// <summary>A node of the key tree: descends by field name (list items do not add a level).</summary>
public sealed class MergeKeyNode
{
    private Dictionary<string, MergeKeyNode>? _children;

    /// <summary>The key fields when the list at this node is a map; null for atomic lists.</summary>
    public string[]? ListKeys { get; internal set; }

    public MergeKeyNode? Child(string field) =>
        _children is not null && _children.TryGetValue(field, out var child) ? child : null;

    internal MergeKeyNode GetOrAddChild(string field)
    {
        _children ??= new Dictionary<string, MergeKeyNode>(StringComparer.Ordinal);
        if (!_children.TryGetValue(field, out var child))
        {
            _children[field] = child = new MergeKeyNode();
        }

        return child;
    }
}
