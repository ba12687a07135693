using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// What the API server's validation rejects that a JSON schema cannot express: cross-field
/// rules, uniqueness, name grammars, value ranges and enums the OpenAPI definitions do not carry.
/// The checks are grouped per kind family, each citing the upstream function it mirrors; update
/// strategies are checked by the rollout-strategy rule.
/// </summary>
public sealed class ApiValidationRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.ApiValidation,
        Severity.Error,
        "validation",
        "A field the API server's validation rejects although the schema allows it: out-of-range numbers, duplicate names, invalid names, missing companions, conflicting fields.",
        "Change the field as the message says; the API server would refuse the object as written.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var version = context.Options.KubernetesVersion;
        Func<Manifest, Located, string, bool, Diagnostic> report = (manifest, at, message, atKey) => Report(manifest, at, message, atKey: atKey);
        foreach (var manifest in context.Manifests.All)
        {
            // A removed apiVersion has other field shapes; api-removed reports it instead.
            if (manifest.Kind is null || manifest.ApiVersion is null
                || KubePlan.Schema.ApiVersionCatalog.IsRemovedIn(manifest.ApiVersion, manifest.Kind, version))
            {
                continue;
            }

            var scope = new ValidationScope(manifest, version, report);
            Validate(scope);
            foreach (var finding in scope.Findings)
            {
                yield return finding;
            }
        }
    }

    private static void Validate(ValidationScope scope)
    {
        var m = scope.Manifest;
        var root = m.Located;
        var spec = root.Get("spec") is { Mapping: not null } s ? s : (Located?)null;
        switch (m.Group, m.Kind)
        {
            case ("", "Service") when spec is { } sp:
                ServiceChecks.Check(scope, sp);
                break;
            case ("", "ConfigMap"):
                ConfigChecks.ConfigMap(scope, root);
                break;
            case ("", "Secret"):
                ConfigChecks.Secret(scope, root);
                break;
            case ("", "PersistentVolumeClaim") when spec is { } sp:
                StorageChecks.ClaimSpec(scope, sp);
                break;
            case ("", "Namespace"):
                ClusterObjectChecks.Namespace(scope, root);
                break;
            case ("autoscaling", "HorizontalPodAutoscaler") when spec is { } sp:
                AutoscalingChecks.Check(scope, sp, m.Version);
                break;
            case ("policy", "PodDisruptionBudget") when spec is { } sp:
                PolicyChecks.PodDisruptionBudget(scope, sp);
                break;
            case ("networking.k8s.io", "Ingress") when spec is { } sp:
                NetworkingChecks.Ingress(scope, sp);
                break;
            case ("networking.k8s.io", "NetworkPolicy") when spec is { } sp:
                NetworkingChecks.NetworkPolicy(scope, sp);
                break;
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet") or ("", "ReplicationController") when spec is { } sp:
                WorkloadChecks.Check(scope, sp);
                break;
            case ("batch", "Job") when spec is { } sp:
                JobChecks.Job(scope, sp);
                break;
            case ("batch", "CronJob") when spec is { } sp:
                JobChecks.CronJob(scope, sp);
                break;
            default:
                break;
        }

        if (Workloads.PodSpec(m) is { } podSpec)
        {
            PodSpecChecks.Check(scope, podSpec, PodOwnerOf(m), ExtraVolumes(m));
        }
    }

    private static PodOwner PodOwnerOf(Manifest m) => (m.Group, m.Kind) switch
    {
        ("", "Pod") or ("", "PodTemplate") => PodOwner.Pod,
        ("batch", _) => PodOwner.Job,
        ("apps", "StatefulSet") => PodOwner.StatefulSet,
        _ => PodOwner.Controller,
    };

    /// <summary>StatefulSet pods also get one volume per volumeClaimTemplate.</summary>
    private static HashSet<string> ExtraVolumes(Manifest m)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (m.IsKind("apps", "StatefulSet") && m.At("spec", "volumeClaimTemplates") is { } templates)
        {
            foreach (var t in templates.Items())
            {
                if (t.At("metadata", "name")?.String is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
