using KubePlan.Validation;
using KubePlan.Manifests;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// pkg/apis/apps/validation ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateDaemonSetSpec,
/// ValidateStatefulSetSpec and core ValidateReplicationControllerSpec (SEMANTICS §8). Strategies
/// are the rollout-strategy rule's; selectors are the selector rules'.
/// </summary>
internal static class WorkloadChecks
{
    /// <summary>SetDefaults_Deployment's progressDeadlineSeconds.</summary>
    private const long DefaultProgressDeadline = 600;

    public static void Check(ValidationScope s, Located spec)
    {
        s.NonNegative(spec, "minReadySeconds");
        switch (s.Manifest.Kind)
        {
            case "Deployment":
                s.NonNegative(spec, "replicas");
                s.NonNegative(spec, "revisionHistoryLimit");
                ProgressDeadline(s, spec);
                break;
            case "ReplicaSet" or "ReplicationController":
                s.NonNegative(spec, "replicas");
                break;
            case "DaemonSet":
                s.NonNegative(spec, "revisionHistoryLimit");
                break;
            case "StatefulSet":
                StatefulSet(s, spec);
                break;
            default:
                break;
        }
    }

    private static void ProgressDeadline(ValidationScope s, Located spec)
    {
        var minReady = Fields.Int(spec.Get("minReadySeconds")) ?? 0;
        if (spec.Get("progressDeadlineSeconds") is { } at && Fields.Int(at) is { } deadline)
        {
            if (deadline < 0)
            {
                s.Error(at, $"progressDeadlineSeconds {deadline} must be greater than or equal to 0");
            }
            else if (deadline <= minReady)
            {
                s.Error(at, $"progressDeadlineSeconds {deadline} must be greater than minReadySeconds ({minReady})");
            }
        }
        else if (spec.Get("progressDeadlineSeconds") is null && minReady >= DefaultProgressDeadline && spec.Get("minReadySeconds") is { } minAt)
        {
            s.Error(minAt, $"minReadySeconds {minReady} must be less than progressDeadlineSeconds, which defaults to {DefaultProgressDeadline}");
        }
    }

    private static void StatefulSet(ValidationScope s, Located spec)
    {
        s.NonNegative(spec, "replicas");
        s.NonNegative(spec, "revisionHistoryLimit");
        s.OneOf(spec, "podManagementPolicy", "OrderedReady", "Parallel");
        if (spec.Get("ordinals") is { Mapping: not null } ordinals)
        {
            s.NonNegative(ordinals, "start");
        }

        if (spec.Get("persistentVolumeClaimRetentionPolicy") is { Mapping: not null } retention)
        {
            s.OneOf(retention, "whenDeleted", "Retain", "Delete");
            s.OneOf(retention, "whenScaled", "Retain", "Delete");
        }

        // serviceName is optional; when set it becomes each pod's spec.subdomain, a DNS label.
        if (spec.Get("serviceName") is { String: { Length: > 0 } service } serviceAt && KubernetesNames.DnsLabel(service) is { } serviceError)
        {
            s.Error(serviceAt, $"serviceName \"{service}\" is invalid: it {serviceError}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in spec.Get("volumeClaimTemplates")?.Items() ?? [])
        {
            if (template.Mapping is null)
            {
                continue;
            }

            if (template.At("metadata", "name") is { String: { } name } nameAt)
            {
                if (KubernetesNames.DnsLabel(name) is { } error)
                {
                    s.Error(nameAt, $"volumeClaimTemplates name \"{name}\" is invalid: it must be a volume name, and it {error}");
                }
                else if (!names.Add(name))
                {
                    s.Error(nameAt, $"volumeClaimTemplates name \"{name}\" is used twice");
                }
            }
            else
            {
                s.ErrorAtKey(template.Get("metadata") ?? template, "a volumeClaimTemplate needs metadata.name: it names the pods' volume");
            }

            if (template.Get("spec") is { Mapping: not null } claimSpec)
            {
                StorageChecks.ClaimSpec(s, claimSpec);
            }
            else
            {
                s.Error(template, "a volumeClaimTemplate needs a spec with accessModes and resources.requests.storage");
            }
        }
    }
}
