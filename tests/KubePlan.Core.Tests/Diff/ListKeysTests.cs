using KubePlan.Diff;
using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Core.Tests.Diff;

/// <summary>
/// Pins lookups in the generated list keys against the upstream OpenAPI facts (x-kubernetes-list-map-keys, else
/// x-kubernetes-patch-merge-key) and the diff's use of them. Expected keys are comma-separated; empty means atomic.
/// </summary>
public sealed class ListKeysTests
{
    [Theory]
    // io.k8s.api.core.v1.PodSpec: containers and volumes by name; tolerations and args declare no keys (atomic)
    [InlineData("v1", "Pod", "/spec/containers", "name")]
    [InlineData("v1", "Pod", "/spec/initContainers", "name")]
    [InlineData("v1", "Pod", "/spec/volumes", "name")]
    [InlineData("v1", "Pod", "/spec/topologySpreadConstraints", "topologyKey,whenUnsatisfiable")]
    [InlineData("v1", "Pod", "/spec/tolerations", "")]
    [InlineData("v1", "Pod", "/spec/containers/*/args", "")]
    // io.k8s.api.core.v1.Container: env by name, volumeMounts by mountPath, ports by containerPort+protocol;
    // an item is reached by index, by the diff's selector or by the pattern's own "*"
    [InlineData("v1", "Pod", "/spec/containers/*/env", "name")]
    [InlineData("v1", "Pod", "/spec/containers/name=web/env", "name")]
    [InlineData("v1", "Pod", "/spec/containers/0/volumeMounts", "mountPath")]
    [InlineData("v1", "Pod", "/spec/initContainers/name=init/ports", "containerPort,protocol")]
    // io.k8s.api.core.v1.ServiceSpec: ports by port+protocol
    [InlineData("v1", "Service", "/spec/ports", "port,protocol")]
    [InlineData("v1", "ServiceAccount", "/secrets", "name")]
    // ObjectMeta.ownerReferences by uid, for every built-in kind
    [InlineData("v1", "ConfigMap", "/metadata/ownerReferences", "uid")]
    // A Deployment's pod spec is under /spec/template/spec, a CronJob's under /spec/jobTemplate/spec/template/spec
    [InlineData("apps/v1", "Deployment", "/spec/template/spec/containers", "name")]
    [InlineData("apps/v1", "Deployment", "/spec/template/spec/containers/name=web/env", "name")]
    [InlineData("apps/v1", "Deployment", "/spec/template/spec/containers/name=web/volumeMounts", "mountPath")]
    [InlineData("apps/v1", "Deployment", "/spec/template/spec/tolerations", "")]
    [InlineData("apps/v1", "Deployment", "/spec/containers", "")]
    [InlineData("batch/v1", "CronJob", "/spec/jobTemplate/spec/template/spec/containers", "name")]
    [InlineData("batch/v1", "CronJob", "/spec/jobTemplate/spec/template/spec/containers/name=job/env", "name")]
    [InlineData("batch/v1", "CronJob", "/spec/template/spec/containers", "")]
    // StatefulSet.volumeClaimTemplates declares no keys
    [InlineData("apps/v1", "StatefulSet", "/spec/volumeClaimTemplates", "")]
    // Only exact apiVersions: removed versions and custom resources are not declared
    [InlineData("apps/v1beta2", "Deployment", "/spec/template/spec/containers", "")]
    [InlineData("example.com/v1", "Widget", "/metadata/ownerReferences", "")]
    public void Find_ByApiVersion(string apiVersion, string kind, string pointer, string expected) =>
        Assert.Equal(expected, Joined(ListKeys.Find(apiVersion, kind, pointer)));

    [Theory]
    [InlineData("", "Pod", "/spec/containers/name=web/env", "name")]
    [InlineData("apps", "Deployment", "/spec/template/spec/containers/name=web/ports", "containerPort,protocol")]
    [InlineData("batch", "CronJob", "/spec/jobTemplate/spec/template/spec/volumes", "name")]
    [InlineData("", "Service", "/spec/ports", "port,protocol")]
    [InlineData("", "Pod", "/spec/tolerations", "")]
    [InlineData("example.com", "Widget", "/spec/items", "")]
    public void Find_ByGroupAndKind(string group, string kind, string pointer, string expected) =>
        Assert.Equal(expected, Joined(ListKeys.FindForGroupKind(group, kind, pointer)));

    [Theory]
    [InlineData("", "Pod", "v1")]
    [InlineData("apps", "Deployment", "apps/v1")]
    // GA before beta before alpha; the higher major version first
    [InlineData("resource.k8s.io", "ResourceClaim", "resource.k8s.io/v1")]
    [InlineData("resource.k8s.io", "DeviceTaintRule", "resource.k8s.io/v1beta2")]
    [InlineData("autoscaling", "HorizontalPodAutoscaler", "autoscaling/v2")]
    [InlineData("extensions", "Deployment", "")]
    [InlineData("example.com", "Widget", "")]
    public void PreferredApiVersion(string group, string kind, string expected) =>
        Assert.Equal(expected, ListKeys.PreferredApiVersion(group, kind) ?? string.Empty);

    [Theory]
    [InlineData("apps", "Deployment", "apps/v1")]
    // Removed from a group that no longer serves the kind: the lists of its replacement
    [InlineData("extensions", "Deployment", "apps/v1")]
    [InlineData("extensions", "DaemonSet", "apps/v1")]
    [InlineData("extensions", "Ingress", "networking.k8s.io/v1")]
    // Removed without a replacement, and custom resources: no upstream definition
    [InlineData("policy", "PodSecurityPolicy", "")]
    [InlineData("example.com", "Widget", "")]
    public void MergeKeys_ApiVersionFor(string group, string kind, string expected) =>
        Assert.Equal(expected, ListMergeKeys.ApiVersionFor(group, kind) ?? string.Empty);

    [Theory]
    [InlineData("extensions", "Deployment", "/spec/template/spec/containers/name=web/env", "name")]
    [InlineData("example.com", "Widget", "/metadata/ownerReferences", "uid")]
    [InlineData("example.com", "Widget", "/spec/items", "")]
    [InlineData("policy", "PodSecurityPolicy", "/metadata/ownerReferences", "uid")]
    public void MergeKeys_Find(string group, string kind, string pointer, string expected) =>
        Assert.Equal(expected, Joined(ListMergeKeys.Find(group, kind, pointer)));

    [Theory]
    // A port without protocol matches its defaulted TCP counterpart, for containers and Services alike
    [InlineData("apps/v1", "Deployment", "spec: {template: {spec: {containers: [{name: a, ports: [{containerPort: 80}]}]}}}", "spec: {template: {spec: {containers: [{name: a, ports: [{containerPort: 80, protocol: TCP}]}]}}}", "")]
    [InlineData("v1", "Service", "spec: {ports: [{port: 53, protocol: UDP}, {port: 80}]}", "spec: {ports: [{port: 80, protocol: TCP}, {port: 53, protocol: UDP}]}", "")]
    [InlineData("v1", "Service", "spec: {ports: [{port: 53}]}", "spec: {ports: [{port: 53, protocol: UDP}]}", "/spec/ports/port=53,protocol=UDP /spec/ports/port=53")]
    // A CronJob's pod spec is keyed as deep as it sits
    [InlineData("batch/v1", "CronJob", "spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a, env: [{name: X, value: '1'}, {name: Y, value: '2'}]}]}}}}}", "spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a, env: [{name: Y, value: '2'}, {name: X, value: '3'}]}]}}}}}", "/spec/jobTemplate/spec/template/spec/containers/name=a/env/name=X/value")]
    // Tolerations are atomic: reordering them is a change of the whole list
    [InlineData("v1", "Pod", "spec: {tolerations: [{key: a}, {key: b}]}", "spec: {tolerations: [{key: b}, {key: a}]}", "/spec/tolerations")]
    // A removed apiVersion diffs as the version that replaced it
    [InlineData("extensions/v1beta1", "Deployment", "spec: {template: {spec: {containers: [{name: a}, {name: b, image: x}]}}}", "spec: {template: {spec: {containers: [{name: b, image: y}, {name: a}]}}}", "/spec/template/spec/containers/name=b/image")]
    public void TreeDiff_UsesTheUpstreamKeys(string apiVersion, string kind, string oldSpec, string newSpec, string expected)
    {
        var loader = new ManifestLoader();
        var head = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: n}}\n";
        var a = loader.LoadText("a.yaml", head + oldSpec).Manifests.Single();
        var b = loader.LoadText("b.yaml", head + newSpec).Manifests.Single();

        var changes = TreeDiff.Compare(a.Root, b.Root, ListMergeKeys.RootFor(a.Group, a.Kind ?? string.Empty));

        Assert.Equal(expected, string.Join(" ", changes.Select(c => c.Path)));
    }

    private static string Joined(IReadOnlyList<string>? keys) => keys is null ? string.Empty : string.Join(",", keys);
}
