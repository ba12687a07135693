using System.Collections.Concurrent;
using KubePlan.Schema;

namespace KubePlan.Diff;

/// <summary>
/// Which lists of built-in kinds are maps keyed by some of their items' fields, so that the diff
/// matches items by key instead of by position (a reordered env list is not a change). Every
/// other list is atomic: compared, and reported, as a whole (tolerations, args, volumeClaimTemplates).
/// </summary>
/// <remarks>
/// The facts come from the upstream OpenAPI definitions through <see cref="ListKeys"/>, for the preferred version of
/// the object's group/kind. This class keeps only what upstream does not declare but the diff needs:
/// <list type="bullet">
/// <item>Kinds whose group no longer serves them (<c>extensions/v1beta1</c> Deployment, DaemonSet, ReplicaSet,
/// Ingress, NetworkPolicy) take the lists of the apiVersion that replaced them (<see cref="ApiVersionCatalog"/>):
/// the definitions are gone from the OpenAPI document, but the object moved with its fields, so an old manifest
/// diffs the way its replacement would. Removed versions of a group that still serves the kind (<c>apps/v1beta2</c>,
/// <c>batch/v1beta1</c>) need nothing here: objects are keyed by group and kind, so they use the current version.</item>
/// <item>Every other kind (custom resources, kinds removed without a replacement) gets <c>/metadata/ownerReferences</c>
/// keyed by <c>uid</c> and nothing more: the API server gives every object the ObjectMeta schema, whose
/// ownerReferences upstream keys by uid, but a custom resource's own lists carry no keys the diff can know.</item>
/// <item><see cref="KeyDefaults"/>: the OpenAPI document declares keys, not defaults, yet an item that leaves out a
/// defaulted key field must match the one that writes the default.</item>
/// </list>
/// </remarks>
public static class ListMergeKeys
{
    /// <summary>Key fields whose absence means a default value, as the API server defaults them.</summary>
    public static IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // core.v1.ContainerPort.protocol and core.v1.ServicePort.protocol default to TCP; they are the only keyed
        // lists upstream with a key field named protocol (ports: containerPort+protocol, Service ports: port+protocol).
        ["protocol"] = "TCP",
    };

    private static readonly ConcurrentDictionary<(string Group, string Kind), MergeKeyNode> Roots = new();

    private static readonly string[] OwnerReferenceKeys = ["uid"];

    /// <summary>The root of the key tree for objects of a kind (core group: empty).</summary>
    public static MergeKeyNode RootFor(string group, string kind) => Roots.GetOrAdd((group, kind), Build);

    /// <summary>
    /// The apiVersion whose upstream list keys apply to objects of a group/kind: its preferred version, or the one that
    /// replaced it when the group no longer serves the kind; null when upstream has no definition for it.
    /// </summary>
    public static string? ApiVersionFor(string group, string kind)
    {
        if (ListKeys.PreferredApiVersion(group, kind) is { } apiVersion)
        {
            return apiVersion;
        }

        foreach (var removed in ApiVersionCatalog.All)
        {
            if (removed.Group == group && removed.Kind == kind && removed.ReplacementApiVersion is { } replacement
                && ListKeys.Patterns(replacement, kind).Count > 0)
            {
                return replacement;
            }
        }

        return null;
    }

    /// <summary>The keys of the list at <paramref name="pointer"/> (items as <c>*</c>, indexes or <c>name=web</c>) in objects of a group/kind; null when atomic.</summary>
    public static IReadOnlyList<string>? Find(string group, string kind, string pointer)
    {
        if (ApiVersionFor(group, kind) is { } apiVersion)
        {
            return ListKeys.Find(apiVersion, kind, pointer);
        }

        return pointer is "/metadata/ownerReferences" ? OwnerReferenceKeys : null;
    }

    private static MergeKeyNode Build((string Group, string Kind) kind)
    {
        var root = new MergeKeyNode();
        var patterns = ApiVersionFor(kind.Group, kind.Kind) is { } apiVersion
            ? ListKeys.Patterns(apiVersion, kind.Kind)
            : [("/metadata/ownerReferences", OwnerReferenceKeys)];
        foreach (var (pattern, keys) in patterns)
        {
            // Every "*" in the upstream patterns is the item of a list, and list items do not add a level to the tree.
            var node = root;
            foreach (var field in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (field != "*")
                {
                    node = node.GetOrAddChild(field);
                }
            }

            node.ListKeys = [.. keys];
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
