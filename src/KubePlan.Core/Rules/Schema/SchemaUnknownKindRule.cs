using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Rules.Schema;

/// <summary>
/// Objects that nothing can validate: a kind that is neither built into Kubernetes nor defined
/// by a CustomResourceDefinition in the input. A built-in kind in a version Kubernetes does
/// not serve, or spelled in the wrong case, is an error: the API server will not find it.
/// </summary>
public sealed class SchemaUnknownKindRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SchemaUnknownKind,
        Severity.Info,
        "schema",
        "A kind with no schema to validate against: not built into Kubernetes and not defined by a CustomResourceDefinition in the input.",
        "Add the CustomResourceDefinition to the input, or check the kind and apiVersion for typos.");

    /// <summary>Only objects without a built-in schema can be reported, and only once every CustomResourceDefinition of the input is known.</summary>
    public override RuleReads Reads { get; } = RuleReads.EachObjectAndLater(m => !SchemaRule.HasBuiltInSchema(m));

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var crds = context.CustomResources;
        foreach (var m in context.Manifests.All)
        {
            // The schema rule has looked each object's schema up already (the schema set keeps what it
            // found), so asking again is one cache hit; where the kind is written is needed only for a finding.
            if (m.ApiVersion is null || m.Kind is null
                || KubernetesSchemas.Default.TryGet(m.ApiVersion, m.Kind, out _)
                || ApiVersionCatalog.Lookup(m.ApiVersion, m.Kind) is not null
                || crds.Find(m) is not null
                || m.At("kind") is not { } kindAt)
            {
                continue;
            }

            var served = KubernetesSchemas.Default.ApiVersionsOf(m.Kind);
            var builtIn = served.Where(v => KubernetesSchemas.Default.TryGet(v, m.Kind, out _)).ToList();
            var sameGroup = builtIn.Where(v => KubernetesKinds.SplitApiVersion(v).Group == m.Group).ToList();
            if (builtIn.Count == 0 && served.Count > 0)
            {
                var proper = served.Select(v => KubernetesSchemas.Default.TryGet(v, ProperCase(v, m.Kind), out var s) ? s!.Kind : null).FirstOrDefault(k => k is not null);
                yield return Report(m, kindAt, $"kind \"{m.Kind}\" is not known to Kubernetes; kinds are case-sensitive{(proper is null ? string.Empty : $": did you mean \"{proper}\"?")}",
                    "Spell the kind exactly as the API does (e.g. Deployment, ConfigMap).", severity: Severity.Error);
            }
            else if (sameGroup.Count > 0 || (builtIn.Count > 0 && m.Group.Length == 0))
            {
                var suggestions = sameGroup.Count > 0 ? sameGroup : builtIn;
                yield return Report(m, m.At("apiVersion") ?? kindAt,
                    $"Kubernetes {context.Options.KubernetesVersion} does not serve {m.Kind} in {m.ApiVersion}; it serves it in {string.Join(", ", suggestions)}",
                    $"Use apiVersion: {suggestions[0]}.", severity: Severity.Error);
            }
            else
            {
                var known = crds.VersionsOf(m.Group, m.Kind).ToList();
                var message = known.Count > 0
                    ? $"the CustomResourceDefinition for {m.Kind}.{m.Group} in the input does not define version {m.Version} (it defines {string.Join(", ", known)})"
                    : $"no schema for {m.Kind} in {m.ApiVersion}: it is not a built-in kind and no CustomResourceDefinition in the input defines it, so its fields are not checked";
                yield return Report(m, kindAt, message, severity: context.Options.StrictKinds || known.Count > 0 ? Severity.Error : Severity.Info);
            }
        }
    }

    /// <summary>The kind as spelled by the schema of that apiVersion (found through the case-insensitive resource name).</summary>
    private static string ProperCase(string apiVersion, string kind)
    {
        foreach (var candidate in CandidateSpellings(kind))
        {
            if (KubernetesSchemas.Default.TryGet(apiVersion, candidate, out _))
            {
                return candidate;
            }
        }

        return kind;
    }

    /// <summary>Common spellings of a kind: as written, capitalised, and with known word breaks capitalised.</summary>
    private static IEnumerable<string> CandidateSpellings(string kind)
    {
        yield return kind;
        var lower = kind.ToLowerInvariant();
        yield return char.ToUpperInvariant(lower[0]) + lower[1..];
        foreach (var known in KnownKinds)
        {
            if (string.Equals(known, kind, StringComparison.OrdinalIgnoreCase))
            {
                yield return known;
            }
        }
    }

    private static readonly string[] KnownKinds =
    [
        "ConfigMap", "CronJob", "DaemonSet", "ReplicaSet", "StatefulSet", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "NetworkPolicy", "PersistentVolumeClaim", "PersistentVolume", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
        "RoleBinding", "StorageClass", "IngressClass", "PriorityClass", "ResourceQuota", "LimitRange", "ReplicationController",
        "PodTemplate", "CustomResourceDefinition", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "EndpointSlice",
    ];
}
