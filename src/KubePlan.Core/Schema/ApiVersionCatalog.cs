using KubePlan.Rules;
namespace KubePlan.Schema;

/// <summary>
/// Every API group/version/kind that Kubernetes removed from 1.16 on, with the release that deprecated it, the release
/// that stopped serving it and what to use instead. Facts from the Kubernetes "Deprecated API Migration Guide"
/// (kubernetes.io/docs/reference/using-api/deprecation-guide/); deprecation releases are the ones the API server's
/// warnings name ("… is deprecated in v1.19+, unavailable in v1.22+", from each type's prerelease-lifecycle tags).
/// </summary>
public static class ApiVersionCatalog
{
    /// <summary>The upstream page the table restates.</summary>
    public const string MigrationGuide = "https://kubernetes.io/docs/reference/using-api/deprecation-guide/";

    /// <summary>
    /// The entries by kind. Every rule asks for every object, and most kinds have no entry: one string
    /// lookup answers that, without splitting the apiVersion or hashing a tuple.
    /// </summary>
    private static readonly Dictionary<string, ApiLifecycle[]> ByKind;

    static ApiVersionCatalog()
    {
        var all = new List<ApiLifecycle>();

        // v1.16: workloads, NetworkPolicy and PodSecurityPolicy leave extensions/v1beta1 and apps/v1beta1/v1beta2.
        const string Workloads = "apps/v1 (available since 1.9): spec.selector is required and immutable, and no longer defaults to the template labels.";
        foreach (var kind in new[] { "Deployment", "DaemonSet", "ReplicaSet" })
        {
            all.Add(Entry("extensions", "v1beta1", kind, "1.9", "1.16", "apps/v1", Workloads));
        }

        foreach (var kind in new[] { "Deployment", "StatefulSet" })
        {
            all.Add(Entry("apps", "v1beta1", kind, "1.9", "1.16", "apps/v1", Workloads));
        }

        foreach (var kind in new[] { "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet" })
        {
            all.Add(Entry("apps", "v1beta2", kind, "1.9", "1.16", "apps/v1", Workloads));
        }

        all.Add(Entry("extensions", "v1beta1", "NetworkPolicy", "1.9", "1.16", "networking.k8s.io/v1", "networking.k8s.io/v1 (available since 1.8)."));
        all.Add(Entry("extensions", "v1beta1", "PodSecurityPolicy", "1.11", "1.16", null, "Moved to policy/v1beta1 in 1.10, which was itself removed in 1.25; use Pod Security Admission instead."));

        // v1.22: the big beta clean-up.
        const string Ingress = "networking.k8s.io/v1 (available since 1.19): spec.backend is renamed spec.defaultBackend, serviceName/servicePort become service.name and service.port.name/number, and pathType is required.";
        all.Add(Entry("extensions", "v1beta1", "Ingress", "1.14", "1.22", "networking.k8s.io/v1", Ingress));
        all.Add(Entry("networking.k8s.io", "v1beta1", "Ingress", "1.19", "1.22", "networking.k8s.io/v1", Ingress));
        all.Add(Entry("networking.k8s.io", "v1beta1", "IngressClass", "1.19", "1.22", "networking.k8s.io/v1", "networking.k8s.io/v1 (available since 1.19); no notable changes."));
        const string Webhooks = "admissionregistration.k8s.io/v1 (available since 1.16): failurePolicy defaults to Fail, matchPolicy to Equivalent, timeoutSeconds to 10s, and sideEffects and admissionReviewVersions are required.";
        all.Add(Entry("admissionregistration.k8s.io", "v1beta1", "MutatingWebhookConfiguration", "1.16", "1.22", "admissionregistration.k8s.io/v1", Webhooks));
        all.Add(Entry("admissionregistration.k8s.io", "v1beta1", "ValidatingWebhookConfiguration", "1.16", "1.22", "admissionregistration.k8s.io/v1", Webhooks));
        all.Add(Entry("apiextensions.k8s.io", "v1beta1", "CustomResourceDefinition", "1.16", "1.22", "apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1 (available since 1.16): spec.scope is required, schemas must be structural and per version, and spec.preserveUnknownFields: true is not allowed."));
        all.Add(Entry("apiregistration.k8s.io", "v1beta1", "APIService", "1.19", "1.22", "apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1 (available since 1.10); no notable changes."));
        all.Add(Entry("authentication.k8s.io", "v1beta1", "TokenReview", "1.19", "1.22", "authentication.k8s.io/v1", "authentication.k8s.io/v1 (available since 1.6); no notable changes."));
        foreach (var kind in new[] { "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview" })
        {
            all.Add(Entry("authorization.k8s.io", "v1beta1", kind, "1.19", "1.22", "authorization.k8s.io/v1", "authorization.k8s.io/v1 (available since 1.6): spec.group is renamed spec.groups."));
        }

        all.Add(Entry("certificates.k8s.io", "v1beta1", "CertificateSigningRequest", "1.19", "1.22", "certificates.k8s.io/v1", "certificates.k8s.io/v1 (available since 1.19): spec.signerName is required and spec.usages must be set."));
        all.Add(Entry("coordination.k8s.io", "v1beta1", "Lease", "1.19", "1.22", "coordination.k8s.io/v1", "coordination.k8s.io/v1 (available since 1.14); no notable changes."));
        foreach (var kind in new[] { "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding" })
        {
            all.Add(Entry("rbac.authorization.k8s.io", "v1beta1", kind, "1.17", "1.22", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1 (available since 1.8); no notable changes."));
        }

        all.Add(Entry("scheduling.k8s.io", "v1beta1", "PriorityClass", "1.14", "1.22", "scheduling.k8s.io/v1", "scheduling.k8s.io/v1 (available since 1.14); no notable changes."));
        all.Add(Entry("storage.k8s.io", "v1beta1", "CSIDriver", "1.19", "1.22", "storage.k8s.io/v1", "storage.k8s.io/v1 (available since 1.19); no notable changes."));
        all.Add(Entry("storage.k8s.io", "v1beta1", "CSINode", "1.17", "1.22", "storage.k8s.io/v1", "storage.k8s.io/v1 (available since 1.17); no notable changes."));
        all.Add(Entry("storage.k8s.io", "v1beta1", "StorageClass", "1.19", "1.22", "storage.k8s.io/v1", "storage.k8s.io/v1 (available since 1.6); no notable changes."));
        all.Add(Entry("storage.k8s.io", "v1beta1", "VolumeAttachment", "1.19", "1.22", "storage.k8s.io/v1", "storage.k8s.io/v1 (available since 1.13); no notable changes."));

        // v1.25
        all.Add(Entry("batch", "v1beta1", "CronJob", "1.21", "1.25", "batch/v1", "batch/v1 (available since 1.21); no notable changes."));
        all.Add(Entry("discovery.k8s.io", "v1beta1", "EndpointSlice", "1.21", "1.25", "discovery.k8s.io/v1", "discovery.k8s.io/v1 (available since 1.21): per-endpoint topology is replaced by nodeName and zone, and topology.kubernetes.io/hostname by nodeName."));
        all.Add(Entry("events.k8s.io", "v1beta1", "Event", "1.19", "1.25", "events.k8s.io/v1", "events.k8s.io/v1 (available since 1.19): type is Normal or Warning, involvedObject is renamed regarding, and action, reason, reportingController and reportingInstance are required."));
        all.Add(Entry("autoscaling", "v2beta1", "HorizontalPodAutoscaler", "1.23", "1.25", "autoscaling/v2", "autoscaling/v2 (available since 1.23): targetAverageUtilization becomes target.averageUtilization with target.type Utilization, and targetAverageValue becomes target.averageValue."));
        all.Add(Entry("policy", "v1beta1", "PodDisruptionBudget", "1.21", "1.25", "policy/v1", "policy/v1 (available since 1.21): an empty spec.selector selects every pod in the namespace instead of none."));
        all.Add(Entry("policy", "v1beta1", "PodSecurityPolicy", "1.21", "1.25", null, "Removed without a replacement API; use Pod Security Admission (pod-security.kubernetes.io namespace labels) or a third-party admission webhook."));
        all.Add(Entry("node.k8s.io", "v1beta1", "RuntimeClass", "1.22", "1.25", "node.k8s.io/v1", "node.k8s.io/v1 (available since 1.20); no notable changes."));

        // v1.26
        foreach (var kind in new[] { "FlowSchema", "PriorityLevelConfiguration" })
        {
            all.Add(Entry("flowcontrol.apiserver.k8s.io", "v1beta1", kind, "1.23", "1.26", "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1 (available since 1.29; v1beta3 from 1.26): assuredConcurrencyShares is renamed nominalConcurrencyShares."));
        }

        all.Add(Entry("autoscaling", "v2beta2", "HorizontalPodAutoscaler", "1.23", "1.26", "autoscaling/v2", "autoscaling/v2 (available since 1.23): targetAverageUtilization becomes target.averageUtilization with target.type Utilization, and targetAverageValue becomes target.averageValue."));

        // v1.27
        all.Add(Entry("storage.k8s.io", "v1beta1", "CSIStorageCapacity", "1.24", "1.27", "storage.k8s.io/v1", "storage.k8s.io/v1 (available since 1.24); no notable changes."));

        // v1.29
        foreach (var kind in new[] { "FlowSchema", "PriorityLevelConfiguration" })
        {
            all.Add(Entry("flowcontrol.apiserver.k8s.io", "v1beta2", kind, "1.26", "1.29", "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1 (available since 1.29): assuredConcurrencyShares is renamed nominalConcurrencyShares, and an unset lendablePercent defaults to 0."));
        }

        // v1.32
        foreach (var kind in new[] { "FlowSchema", "PriorityLevelConfiguration" })
        {
            all.Add(Entry("flowcontrol.apiserver.k8s.io", "v1beta3", kind, "1.29", "1.32", "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1 (available since 1.29): PriorityLevelConfiguration spec.limited.nominalConcurrencyShares defaults to 30 only when unset, and an explicit 0 stays 0."));
        }

        All = all;
        ByKind = all.GroupBy(e => e.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every entry, oldest removal first.</summary>
    public static IReadOnlyList<ApiLifecycle> All { get; }

    /// <summary>The lifecycle of a group/version/kind (core group: empty group), or null when it is not deprecated or removed.</summary>
    public static ApiLifecycle? Lookup(string group, string version, string kind)
    {
        foreach (var entry in ByKind.GetValueOrDefault(kind) ?? [])
        {
            if (entry.Group == group && entry.Version == version)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>As <see cref="Lookup(string, string, string)"/>, from an apiVersion such as <c>batch/v1beta1</c>.</summary>
    public static ApiLifecycle? Lookup(string apiVersion, string kind)
    {
        foreach (var entry in ByKind.GetValueOrDefault(kind) ?? [])
        {
            if (IsApiVersionOf(entry, apiVersion))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="apiVersion"/> equals the entry's <see cref="ApiLifecycle.ApiVersion"/>, without building it.
    /// This answers as splitting the apiVersion would: no entry's group or version holds a '/'.
    /// </summary>
    private static bool IsApiVersionOf(ApiLifecycle entry, string apiVersion) =>
        entry.Group.Length == 0 ? apiVersion == entry.Version
        : apiVersion.Length == entry.Group.Length + 1 + entry.Version.Length && apiVersion[entry.Group.Length] == '/'
            && apiVersion.StartsWith(entry.Group, StringComparison.Ordinal) && apiVersion.EndsWith(entry.Version, StringComparison.Ordinal);

    /// <summary>True when <paramref name="target"/> no longer serves the apiVersion/kind.</summary>
    public static bool IsRemovedIn(string apiVersion, string kind, KubernetesVersion target) =>
        Lookup(apiVersion, kind)?.IsRemovedIn(target) == true;

    /// <summary>True when <paramref name="target"/> still serves the apiVersion/kind but it is deprecated there.</summary>
    public static bool IsDeprecatedButServedIn(string apiVersion, string kind, KubernetesVersion target) =>
        Lookup(apiVersion, kind)?.IsDeprecatedButServedIn(target) == true;

    private static ApiLifecycle Entry(string group, string version, string kind, string deprecatedIn, string removedIn, string? replacement, string note) =>
        new(group, version, kind, KubernetesVersion.Parse(deprecatedIn), KubernetesVersion.Parse(removedIn), replacement, note, MigrationGuide + "#v1-" + removedIn.Split('.')[1]);
}
