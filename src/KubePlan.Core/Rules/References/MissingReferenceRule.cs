using System.Text.RegularExpressions;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.References;

/// <summary>
/// A ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount that a pod template references
/// but the input does not hold. The kubelet refuses to start a container whose envFrom or
/// env.valueFrom names a missing object or key (CreateContainerConfigError), a volume of a missing
/// ConfigMap, Secret or claim keeps the pod in ContainerCreating or Pending, and the ServiceAccount
/// admission plugin rejects a pod whose ServiceAccount does not exist, so the controller creates no
/// pods at all. A missing image pull Secret only fails pulls from a private registry (a warning).
/// A reference is checked only when the input holds objects of that kind in the namespace, so a
/// partial input does not drown in findings; <c>optional: true</c> references, the <c>default</c>
/// ServiceAccount and the <c>kube-root-ca.crt</c> ConfigMap (both created in every namespace), claims
/// a StatefulSet's volumeClaimTemplates create, and Secrets that a cert-manager Certificate, a
/// SealedSecret or an ExternalSecret of the input creates are not reported.
/// </summary>
public sealed partial class MissingReferenceRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.MissingReference,
        Severity.Error,
        "references",
        "A ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount (or a key of one) that a pod template references but that is absent from the input, when the input holds objects of that kind for the namespace.",
        "Add the missing object (or key) to the input, correct the name, or mark the reference optional: true if the pod can start without it.");

    // ConfigMaps and Secrets are read for their identity and the keys of their data, which their skeletons keep (ManifestSkeleton).
    public override RuleReads Reads { get; } = RuleReads.PodsAnd("Certificate", "SealedSecret", "ExternalSecret");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        var produced = new Dictionary<string, ProducedSecrets>(StringComparer.Ordinal);
        foreach (var m in set.All.Where(m => Workloads.RunsPods(m) && !set.IsRepeat(m)))
        {
            if (Workloads.PodSpec(m) is not { } spec || m.Namespace is not { } ns)
            {
                continue;
            }

            var scope = new Scope(set, ns, produced.TryGetValue(ns, out var p) ? p : produced[ns] = ProducedSecrets.Of(set, ns));
            foreach (var finding in CheckPod(m, spec, scope))
            {
                yield return finding;
            }
        }
    }

    private IEnumerable<Diagnostic> CheckPod(Manifest m, Located spec, Scope scope)
    {
        var account = spec.Get("serviceAccountName") is { String: { Length: > 0 } } named ? named : spec.Get("serviceAccount");
        if (account is { String: { Length: > 0 } accountName } accountAt && accountName != "default"
            && scope.Holds("ServiceAccount") && scope.Find("ServiceAccount", accountName) is null)
        {
            yield return Report(m, accountAt,
                $"ServiceAccount \"{accountName}\" is not in namespace \"{scope.Namespace}\" of the input: the API server rejects the pods of {m.Kind} \"{m.Name}\" until it exists, so none is created");
        }

        foreach (var pullSecret in spec.Get("imagePullSecrets")?.Items() ?? [])
        {
            if (pullSecret.Get("name") is { String: { Length: > 0 } secretName } at && scope.Holds("Secret") && !scope.SecretExists(secretName))
            {
                yield return Report(m, at,
                    $"image pull Secret \"{secretName}\" is not in namespace \"{scope.Namespace}\" of the input: pulls from a registry that needs credentials fail (ErrImagePull)",
                    severity: Severity.Warning);
            }
        }

        foreach (var volume in spec.Get("volumes")?.Items() ?? [])
        {
            foreach (var finding in CheckVolume(m, volume, scope))
            {
                yield return finding;
            }
        }

        foreach (var field in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            foreach (var container in spec.Get(field)?.Items() ?? [])
            {
                foreach (var finding in CheckContainer(m, container, scope))
                {
                    yield return finding;
                }
            }
        }
    }

    private IEnumerable<Diagnostic> CheckVolume(Manifest m, Located volume, Scope scope)
    {
        var volumeName = volume.Get("name")?.String ?? "?";
        if (volume.Get("configMap") is { Mapping: not null } configMap
            && Source(m, configMap, "ConfigMap", "name", $"volume \"{volumeName}\"", scope) is { } cm)
        {
            yield return cm;
        }

        if (volume.Get("secret") is { Mapping: not null } secret
            && Source(m, secret, "Secret", "secretName", $"volume \"{volumeName}\"", scope) is { } s)
        {
            yield return s;
        }

        if (volume.At("persistentVolumeClaim", "claimName") is { String: { Length: > 0 } claim } claimAt
            && scope.Holds("PersistentVolumeClaim") && scope.Find("PersistentVolumeClaim", claim) is null && !scope.ClaimFromTemplate(claim))
        {
            yield return Report(m, claimAt,
                $"PersistentVolumeClaim \"{claim}\" of volume \"{volumeName}\" is not in namespace \"{scope.Namespace}\" of the input: the pods of {m.Kind} \"{m.Name}\" stay Pending until it exists");
        }

        foreach (var source in volume.At("projected", "sources")?.Items() ?? [])
        {
            if (source.Get("configMap") is { Mapping: not null } projectedMap
                && Source(m, projectedMap, "ConfigMap", "name", $"projected volume \"{volumeName}\"", scope) is { } pcm)
            {
                yield return pcm;
            }

            if (source.Get("secret") is { Mapping: not null } projectedSecret
                && Source(m, projectedSecret, "Secret", "name", $"projected volume \"{volumeName}\"", scope) is { } ps)
            {
                yield return ps;
            }
        }
    }

    /// <summary>A ConfigMap or Secret volume source: the object, then the keys its items name.</summary>
    private Diagnostic? Source(Manifest m, Located source, string kind, string nameField, string where, Scope scope)
    {
        if (IsOptional(source) || source.Get(nameField) is not { String: { Length: > 0 } name } nameAt || !scope.Holds(kind))
        {
            return null;
        }

        if (!scope.Exists(kind, name))
        {
            return Report(m, nameAt,
                $"{kind} \"{name}\" of {where} is not in namespace \"{scope.Namespace}\" of the input: the pods of {m.Kind} \"{m.Name}\" cannot mount it and stay in ContainerCreating");
        }

        foreach (var item in source.Get("items")?.Items() ?? [])
        {
            if (item.Get("key") is { String: { } key } keyAt && scope.Keys(kind, name) is { } keys && !keys.Contains(key))
            {
                return Report(m, keyAt,
                    $"{kind} \"{name}\" has no key \"{key}\" (it has {List(keys)}), which {where} projects: the pods of {m.Kind} \"{m.Name}\" cannot mount it and stay in ContainerCreating");
            }
        }

        return null;
    }

    private IEnumerable<Diagnostic> CheckContainer(Manifest m, Located container, Scope scope)
    {
        var containerName = container.Get("name")?.String ?? "?";
        foreach (var from in container.Get("envFrom")?.Items() ?? [])
        {
            foreach (var (field, kind) in new[] { ("configMapRef", "ConfigMap"), ("secretRef", "Secret") })
            {
                if (from.Get(field) is { Mapping: not null } reference && !IsOptional(reference)
                    && reference.Get("name") is { String: { Length: > 0 } name } nameAt && scope.Holds(kind) && !scope.Exists(kind, name))
                {
                    yield return Report(m, nameAt,
                        $"{kind} \"{name}\" that container \"{containerName}\" takes its environment from is not in namespace \"{scope.Namespace}\" of the input: the container does not start (CreateContainerConfigError)");
                }
            }
        }

        foreach (var env in container.Get("env")?.Items() ?? [])
        {
            foreach (var (field, kind) in new[] { ("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret") })
            {
                if (env.At("valueFrom", field) is not { Mapping: not null } reference || IsOptional(reference)
                    || reference.Get("name") is not { String: { Length: > 0 } name } nameAt || !scope.Holds(kind))
                {
                    continue;
                }

                var variable = env.Get("name")?.String ?? "?";
                if (!scope.Exists(kind, name))
                {
                    yield return Report(m, nameAt,
                        $"{kind} \"{name}\" of environment variable {variable} in container \"{containerName}\" is not in namespace \"{scope.Namespace}\" of the input: the container does not start (CreateContainerConfigError)");
                }
                else if (reference.Get("key") is { String: { } key } keyAt && scope.Keys(kind, name) is { } keys && !keys.Contains(key))
                {
                    yield return Report(m, keyAt,
                        $"{kind} \"{name}\" has no key \"{key}\" (it has {List(keys)}) for environment variable {variable} in container \"{containerName}\": the container does not start (CreateContainerConfigError)");
                }
            }
        }
    }

    private static bool IsOptional(Located reference) => reference.Get("optional")?.Node is YScalar { Value: true };

    private static string List(IReadOnlySet<string> keys) =>
        keys.Count == 0 ? "no keys" : string.Join(", ", keys.Order(StringComparer.Ordinal).Take(8).Select(k => "\"" + k + "\"")) + (keys.Count > 8 ? ", …" : string.Empty);

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex Ordinal();

    /// <summary>What one namespace of the input holds, for the references of its pods.</summary>
    private sealed class Scope(ManifestSet set, string ns, ProducedSecrets produced)
    {
        public string Namespace => ns;

        public bool Holds(string kind) => set.HoldsKind(string.Empty, kind, ns);

        public Manifest? Find(string kind, string name) => set.Find(new ObjectKey(string.Empty, kind, ns, name));

        public bool SecretExists(string name) => Find("Secret", name) is not null || produced.Names.Contains(name);

        public bool Exists(string kind, string name) => kind == "Secret" ? SecretExists(name)
            : Find(kind, name) is not null || (kind == "ConfigMap" && name == "kube-root-ca.crt");

        /// <summary>The keys of a ConfigMap or Secret of the input (from its tree or its skeleton); null when they cannot be known (a Secret made by another object).</summary>
        public IReadOnlySet<string>? Keys(string kind, string name)
        {
            if (Find(kind, name) is not { } m)
            {
                return null;
            }

            string[] fields = kind == "Secret" ? ["data", "stringData"] : ["data", "binaryData"];
            return fields.SelectMany(f => m.At(f)?.Entries() ?? []).Select(e => e.KeyText!).ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>Whether a claim name is one a StatefulSet of the namespace creates: <c>&lt;template&gt;-&lt;statefulset&gt;-&lt;ordinal&gt;</c>.</summary>
        public bool ClaimFromTemplate(string claim) => produced.ClaimPrefixes.Any(prefix =>
            claim.StartsWith(prefix, StringComparison.Ordinal) && Ordinal().IsMatch(claim[prefix.Length..]));
    }

    /// <summary>Secrets other objects of the input create, and the claim-name prefixes of StatefulSets' volumeClaimTemplates.</summary>
    private sealed record ProducedSecrets(HashSet<string> Names, List<string> ClaimPrefixes)
    {
        public static ProducedSecrets Of(ManifestSet set, string ns)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var prefixes = new List<string>();
            foreach (var m in set.InNamespace(ns))
            {
                var name = (m.Group, m.Kind) switch
                {
                    ("cert-manager.io", "Certificate") => m.At("spec", "secretName")?.String,
                    ("bitnami.com", "SealedSecret") => m.At("spec", "template", "metadata", "name")?.String ?? m.Name,
                    ("external-secrets.io", "ExternalSecret") => m.At("spec", "target", "name")?.String ?? m.Name,
                    _ => null,
                };
                if (name is not null)
                {
                    names.Add(name);
                }

                if (m.IsKind("apps", "StatefulSet") && m.Name is { } sts)
                {
                    prefixes.AddRange((m.At("spec", "volumeClaimTemplates")?.Items() ?? [])
                        .Select(t => t.At("metadata", "name")?.String).OfType<string>().Select(t => t + "-" + sts + "-"));
                }
            }

            return new ProducedSecrets(names, prefixes);
        }
    }
}
