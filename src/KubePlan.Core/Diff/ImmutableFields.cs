using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>
/// Changes the API server refuses on update (SEMANTICS.md §8; <c>pkg/apis/*/validation</c> and
/// <c>pkg/registry/*/strategy.go</c>), each with the reason and the usual way out.
/// </summary>
public static class ImmutableFields
{
    // apps/v1 StatefulSet: ValidateStatefulSetUpdate allows only these spec fields to change.
    private static readonly HashSet<string> StatefulSetMutable = new(StringComparer.Ordinal)
    {
        "replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds",
    };

    // batch/v1 Job: ValidateJobSpecUpdate.
    private static readonly string[] JobImmutable = ["selector", "template", "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"];

    // core/v1 PersistentVolume: ValidatePersistentVolumeUpdate freezes the volume source and volumeMode.
    private static readonly HashSet<string> PersistentVolumeMutable = new(StringComparer.Ordinal)
    {
        "capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "mountOptions", "volumeAttributesClassName",
    };

    // core/v1 Pod: ValidatePodUpdate ("pod updates may not change fields other than ...").
    private static readonly HashSet<string> PodMutable = new(StringComparer.Ordinal)
    {
        "activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates",
    };

    public static List<Rejection> Check(Manifest old, Manifest @new, IReadOnlyList<FieldChange> changes)
    {
        var rejections = new List<Rejection>();
        var kind = @new.Kind;
        switch (@new.Group, kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet"):
                if (changes.Any(c => c.IsUnder("spec", "selector")))
                {
                    rejections.Add(new Rejection("/spec/selector", $"a {kind}'s spec.selector is immutable in apps/v1 (field is immutable)", Recreate(kind!, "its pods go with it unless you delete it with --cascade=orphan and let the new one adopt the pods that match")));
                }

                break;
            case ("apps", "StatefulSet"):
                foreach (var field in changes.Where(c => c.Fields.Count >= 2 && c.Fields[0] == "spec" && !StatefulSetMutable.Contains(c.Fields[1])).Select(c => c.Fields[1]).Distinct())
                {
                    rejections.Add(new Rejection("/spec/" + field, $"StatefulSet spec.{field} cannot change: updates to a StatefulSet's spec may only touch replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds",
                        "Delete the StatefulSet with kubectl delete --cascade=orphan (its pods and claims stay), then apply the new one, which adopts them; existing PersistentVolumeClaims are not changed by a new volumeClaimTemplates."));
                }

                break;
            case ("batch", "Job"):
                CheckJob(old, @new, changes, rejections);
                break;
            case ("", "Service"):
                CheckService(old, @new, changes, rejections);
                break;
            case ("", "ConfigMap" or "Secret"):
                CheckConfig(old, @new, changes, rejections);
                break;
            case ("", "PersistentVolumeClaim"):
                CheckClaim(old, @new, changes, rejections);
                break;
            case ("", "PersistentVolume"):
                foreach (var field in changes.Where(c => c.Fields.Count >= 2 && c.Fields[0] == "spec" && !PersistentVolumeMutable.Contains(c.Fields[1])).Select(c => c.Fields[1]).Distinct())
                {
                    rejections.Add(new Rejection("/spec/" + field, field == "volumeMode" || field == "nodeAffinity"
                        ? $"a PersistentVolume's spec.{field} is immutable once created"
                        : $"a PersistentVolume's volume source (spec.{field}) is immutable once created",
                        "Create a new PersistentVolume under a new name for the new source and bind a new claim to it; the old volume's data stays where it is."));
                }

                break;
            case ("", "Pod"):
                foreach (var change in changes.Where(c => c.Fields.Count >= 2 && c.Fields[0] == "spec"))
                {
                    var field = change.Fields[1];
                    var isImage = field is "containers" or "initContainers" && change.Fields.Count == 3 && change.Fields[2] == "image" && change.Old is not null && change.New is not null;
                    if (!isImage && !PodMutable.Contains(field))
                    {
                        rejections.Add(new Rejection(change.Path, "pod updates may not change fields other than container images, activeDeadlineSeconds, tolerations (additions), terminationGracePeriodSeconds and schedulingGates",
                            "Delete the Pod and create it again; better, run it under a Deployment, which replaces pods for you."));
                    }
                }

                break;
        }

        return rejections;
    }

    private static string Recreate(string kind, string caveat) =>
        $"Delete the {kind} and create it again ({caveat}), or create it under a new name and remove the old one once the new one is ready.";

    private static void CheckJob(Manifest old, Manifest @new, IReadOnlyList<FieldChange> changes, List<Rejection> rejections)
    {
        const string remedy = "A Job runs once: delete it and create it again, or give the new one a new name (a version or hash suffix) and let the old one finish or be cleaned up by ttlSecondsAfterFinished.";
        foreach (var field in JobImmutable.Where(f => changes.Any(c => c.IsUnder("spec", f))))
        {
            var reason = field == "template"
                ? "a Job's pod template is immutable (only scheduling directives may change, and only while the Job is suspended and has never started)"
                : $"a Job's spec.{field} is immutable (field is immutable)";
            rejections.Add(new Rejection("/spec/" + field, reason, remedy));
        }

        if (changes.Any(c => c.IsAt("spec", "completions")))
        {
            var indexed = @new.At("spec", "completionMode")?.String == "Indexed";
            var completions = (@new.At("spec", "completions")?.Scalar)?.AsInt64();
            var parallelism = (@new.At("spec", "parallelism")?.Scalar)?.AsInt64();
            var parallelismChanged = changes.Any(c => c.IsAt("spec", "parallelism"));
            if (!(indexed && parallelismChanged && completions is not null && completions == parallelism))
            {
                rejections.Add(new Rejection("/spec/completions", "a Job's spec.completions is immutable (an Indexed Job may change it only together with spec.parallelism, to the same value)", remedy));
            }
        }
    }

    private static void CheckService(Manifest old, Manifest @new, IReadOnlyList<FieldChange> changes, List<Rejection> rejections)
    {
        const string remedy = "Delete the Service and create it again (clients see a new address), or create a Service under a new name and move clients to it.";
        var oldType = old.At("spec", "type")?.String ?? "ClusterIP";
        var newType = @new.At("spec", "type")?.String ?? "ClusterIP";
        var externalName = oldType == "ExternalName" || newType == "ExternalName";
        var oldIp = old.At("spec", "clusterIP")?.String ?? string.Empty;
        var newIp = @new.At("spec", "clusterIP")?.String ?? string.Empty;
        if (!externalName && newIp.Length > 0 && newIp != oldIp)
        {
            var reason = newIp == "None" || oldIp == "None"
                ? "a Service cannot be switched between headless (clusterIP: None) and having a cluster IP: spec.clusterIP is immutable"
                : oldIp.Length == 0
                    ? "spec.clusterIP is immutable: the live Service already has an allocated address, and setting a different one is refused"
                    : "spec.clusterIP is immutable once allocated";
            rejections.Add(new Rejection("/spec/clusterIP", reason, remedy));
        }

        var oldIps = Strings(old.At("spec", "clusterIPs"));
        var newIps = Strings(@new.At("spec", "clusterIPs"));
        if (!externalName && oldIps.Count > 0 && newIps.Count > 0 && oldIps[0] != newIps[0])
        {
            rejections.Add(new Rejection("/spec/clusterIPs", "the primary address (spec.clusterIPs[0]) of a Service is immutable; only a secondary address may be added or removed", remedy));
        }

        var oldFamilies = Strings(old.At("spec", "ipFamilies"));
        var newFamilies = Strings(@new.At("spec", "ipFamilies"));
        if (!externalName && oldFamilies.Count > 0 && newFamilies.Count > 0 && oldFamilies[0] != newFamilies[0])
        {
            rejections.Add(new Rejection("/spec/ipFamilies", "the primary IP family (spec.ipFamilies[0]) of a Service cannot change", remedy));
        }

        if (oldType != newType && newType is "NodePort" or "LoadBalancer" && (newIp == "None" || (newIp.Length == 0 && oldIp == "None")))
        {
            rejections.Add(new Rejection("/spec/type", $"a headless Service (clusterIP: None) cannot become type {newType}", remedy));
        }
    }

    private static void CheckConfig(Manifest old, Manifest @new, IReadOnlyList<FieldChange> changes, List<Rejection> rejections)
    {
        var kind = @new.Kind!;
        var remedy = $"Create the {kind} under a new name (a content hash suffix is the usual way) and point the workloads at it, or delete and recreate it.";
        if (kind == "Secret" && changes.Any(c => c.IsAt("type")))
        {
            rejections.Add(new Rejection("/type", "a Secret's type is immutable", remedy));
        }

        if (old.At("immutable")?.Scalar?.Value is not true)
        {
            return;
        }

        if (@new.At("immutable")?.Scalar?.Value is not true)
        {
            rejections.Add(new Rejection("/immutable", $"an immutable {kind} cannot be made mutable again", remedy));
        }

        foreach (var field in (string[])["data", "binaryData", "stringData"])
        {
            if (changes.Any(c => c.IsUnder(field)))
            {
                rejections.Add(new Rejection("/" + field, $"the {kind} is immutable (immutable: true): its {field} cannot change", remedy));
            }
        }
    }

    private static void CheckClaim(Manifest old, Manifest @new, IReadOnlyList<FieldChange> changes, List<Rejection> rejections)
    {
        const string remedy = "Create a new PersistentVolumeClaim under a new name and copy the data over; a claim's spec is fixed once created, except that storage requests may grow.";
        foreach (var change in changes.Where(c => c.IsUnder("spec")))
        {
            if (change.IsAt("spec", "volumeAttributesClassName"))
            {
                continue;
            }

            if (change.IsAt("spec", "resources", "requests", "storage") || change.IsAt("spec", "resources", "requests") || change.IsAt("spec", "resources"))
            {
                var before = Validation.Quantity.Read(old.At("spec", "resources", "requests", "storage"));
                var after = Validation.Quantity.Read(@new.At("spec", "resources", "requests", "storage"));
                var onlyStorage = change.IsAt("spec", "resources", "requests", "storage")
                    || TreeDiff.Compare(Without(old.At("spec", "resources")?.Node), Without(@new.At("spec", "resources")?.Node), null).Count == 0;
                if (onlyStorage && before is not null && after is not null && after >= before)
                {
                    continue;
                }

                if (onlyStorage && before is not null && after is not null)
                {
                    rejections.Add(new Rejection("/spec/resources/requests/storage", "a PersistentVolumeClaim cannot shrink: spec.resources.requests.storage may only grow", remedy));
                    continue;
                }
            }

            rejections.Add(new Rejection(change.Path, "a PersistentVolumeClaim's spec is immutable after creation, except resources.requests.storage (growing only) and volumeAttributesClassName", remedy));
        }
    }

    /// <summary>The resources mapping without requests.storage, to tell a pure storage change from others.</summary>
    private static YNode? Without(YNode? resources)
    {
        if (resources is not YMapping m)
        {
            return resources;
        }

        var entries = new List<YEntry>();
        foreach (var e in m.Entries)
        {
            if (e.KeyText == "requests" && e.Value is YMapping requests)
            {
                entries.Add(e with { Value = new YMapping(requests.Start, requests.Entries.Where(r => r.KeyText != "storage").ToList()) });
            }
            else
            {
                entries.Add(e);
            }
        }

        return new YMapping(m.Start, entries);
    }

    private static List<string> Strings(Located? list) =>
        list?.Items().Select(i => i.String).OfType<string>().ToList() ?? [];

}
