namespace KubePlan.Manifests;

/// <summary>Facts about built-in kinds that are not in the OpenAPI definitions: scope, workload shape.</summary>
public static class KubernetesKinds
{
    public const string DefaultNamespace = "default";

    // Cluster-scoped built-in kinds (from the API server's discovery: namespaced=false).
    private static readonly HashSet<(string Group, string Kind)> ClusterScoped =
    [
        (string.Empty, "Namespace"), (string.Empty, "Node"), (string.Empty, "PersistentVolume"), (string.Empty, "ComponentStatus"),
        ("rbac.authorization.k8s.io", "ClusterRole"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"),
        ("storage.k8s.io", "StorageClass"), ("storage.k8s.io", "CSIDriver"), ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "VolumeAttachment"), ("storage.k8s.io", "VolumeAttributesClass"),
        ("scheduling.k8s.io", "PriorityClass"), ("networking.k8s.io", "IngressClass"),
        ("networking.k8s.io", "IPAddress"), ("networking.k8s.io", "ServiceCIDR"),
        ("node.k8s.io", "RuntimeClass"), ("policy", "PodSecurityPolicy"), ("extensions", "PodSecurityPolicy"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"), ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"), ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"), ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
        ("certificates.k8s.io", "CertificateSigningRequest"), ("certificates.k8s.io", "ClusterTrustBundle"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"), ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ("resource.k8s.io", "DeviceClass"), ("resource.k8s.io", "ResourceSlice"), ("internal.apiserver.k8s.io", "StorageVersion"),
        ("storagemigration.k8s.io", "StorageVersionMigration"), ("authentication.k8s.io", "SelfSubjectReview"),
        ("authentication.k8s.io", "TokenReview"), ("authorization.k8s.io", "SelfSubjectAccessReview"),
        ("authorization.k8s.io", "SelfSubjectRulesReview"), ("authorization.k8s.io", "SubjectAccessReview"),
    ];

    private static readonly HashSet<(string Group, string Kind)> CustomClusterScoped = [];

    /// <summary>Splits <c>apps/v1</c> into ("apps", "v1") and <c>v1</c> into ("", "v1").</summary>
    public static (string Group, string Version) SplitApiVersion(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return (string.Empty, string.Empty);
        }

        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    public static bool IsClusterScoped(string group, string kind) => ClusterScoped.Contains((group, kind));

    /// <summary>
    /// Where the pod template's spec of a workload sits, or null for kinds that have none.
    /// Pods themselves return their own spec.
    /// </summary>
    public static string[]? PodSpecPath(string? group, string? kind) => (group, kind) switch
    {
        ("", "Pod") => ["spec"],
        ("", "PodTemplate") => ["template", "spec"],
        ("", "ReplicationController") or ("apps" or "extensions", "Deployment" or "ReplicaSet" or "DaemonSet")
            or ("apps", "StatefulSet") or ("batch", "Job") => ["spec", "template", "spec"],
        ("batch", "CronJob") => ["spec", "jobTemplate", "spec", "template", "spec"],
        _ => null,
    };

    /// <summary>Whether <see cref="PodSpecPath"/> has a path for the kind (without making one).</summary>
    internal static bool HasPodSpec(string? group, string? kind) => (group, kind) is
        ("", "Pod" or "PodTemplate" or "ReplicationController") or ("apps" or "extensions", "Deployment" or "ReplicaSet" or "DaemonSet")
        or ("apps", "StatefulSet") or ("batch", "Job" or "CronJob");

    /// <summary>The path of the pod template (metadata + spec), for kinds that have one.</summary>
    public static string[]? PodTemplatePath(string? group, string? kind)
    {
        var spec = PodSpecPath(group, kind);
        return spec is null || kind == "Pod" ? null : spec[..^1];
    }

    public static bool IsWorkloadController(string group, string kind) =>
        (group, kind) is ("", "ReplicationController") or ("apps", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet") or ("batch", "Job");
}
