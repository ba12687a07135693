using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Scheduling;

/// <summary>Small builders for scheduling tests: YAML snippets as located nodes, labels as <c>k=v,k2=v2</c>.</summary>
internal static class Yaml
{
    /// <summary>A flow-style YAML value (e.g. <c>{matchLabels: {app: web}}</c>) as a located node.</summary>
    public static Located Value(string flow)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\nvalue: " + flow + "\n";
        var manifest = new ManifestLoader().LoadText("t.yaml", text).Manifests.Single();
        return manifest.At("value")!.Value;
    }

    /// <summary>A pod spec written as flow YAML.</summary>
    public static Located PodSpec(string flow) => Value(flow);

    public static Dictionary<string, string> Labels(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>A node from a flow YAML Node object body: <c>{metadata: {...}, spec: {...}}</c>.</summary>
    public static ClusterNode Node(string name, string labels = "", string taints = "[]", bool unschedulable = false)
    {
        var text = $"apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels: {{{string.Join(", ", Labels(labels).Select(p => $"\"{p.Key}\": \"{p.Value}\""))}}}\n"
            + $"spec:\n  unschedulable: {(unschedulable ? "true" : "false")}\n  taints: {taints}\n";
        return ClusterNode.FromManifest(new ManifestLoader().LoadText("nodes.yaml", text).Manifests.Single())!;
    }
}
