using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/core/validation ValidateVolumes, validateVolumeSource and validateVolumeMounts.</summary>
internal static class VolumeChecks
{
    private static readonly string[] Sources =
    [
        "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
        "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
        "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
        "csi", "ephemeral", "image",
    ];

    private static readonly string[] ItemSources = ["configMap", "secret"];

    /// <summary>Validates spec.volumes and returns the names they define.</summary>
    public static HashSet<string> Volumes(ValidationScope s, Located spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in spec.Get("volumes")?.Items() ?? [])
        {
            if (volume.Mapping is null)
            {
                continue;
            }

            if (volume.Get("name") is { String: { } name } nameAt)
            {
                if (KubernetesNames.DnsLabel(name) is { } error)
                {
                    s.Error(nameAt, $"volume name \"{name}\" is invalid: it {error}");
                }
                else if (!names.Add(name))
                {
                    s.Error(nameAt, $"volume name \"{name}\" is used twice");
                }
            }

            var present = Fields.Present(volume, Sources);
            if (present.Count == 0)
            {
                s.Error(volume, "a volume must specify a volume type (for example emptyDir, configMap, secret or persistentVolumeClaim)");
            }
            else if (present.Count > 1)
            {
                s.ErrorAtKey(volume.Get(present[1])!.Value, $"a volume may not specify more than 1 volume type (it has {Fields.Quote(present)})");
            }

            if (volume.Get("persistentVolumeClaim") is { Mapping: not null } pvc && pvc.Get("claimName") is not { String.Length: > 0 })
            {
                s.ErrorAtKey(pvc, "persistentVolumeClaim.claimName is required");
            }

            foreach (var kind in ItemSources)
            {
                foreach (var item in volume.At(kind, "items")?.Items() ?? [])
                {
                    if (item.Get("key") is { String: { } key } keyAt && EnvVarName.ConfigMapKey(key) is { } keyError)
                    {
                        s.Error(keyAt, $"{kind}.items key \"{key}\" is invalid: it {keyError}");
                    }

                    if (item.Get("path") is { String: { } path } pathAt && LocalDescendingPath(path) is { } pathError)
                    {
                        s.Error(pathAt, $"{kind}.items path \"{path}\" {pathError}");
                    }
                }
            }
        }

        return names;
    }

    /// <summary>validateVolumeMounts.</summary>
    public static void Mounts(ValidationScope s, Located container, IReadOnlySet<string> volumes)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in container.Get("volumeMounts")?.Items() ?? [])
        {
            if (mount.Get("name") is { String: { } name } nameAt && !volumes.Contains(name))
            {
                s.Error(nameAt, $"volume mount \"{name}\" names no volume: add a volume \"{name}\" to spec.volumes");
            }

            if (mount.Get("mountPath") is { String: { } path } pathAt)
            {
                if (path.Length == 0)
                {
                    s.Error(pathAt, "mountPath is required");
                }
                else if (!paths.Add(path))
                {
                    s.Error(pathAt, $"mountPath \"{path}\" is used twice in this container: it must be unique");
                }
            }

            if (mount.Get("subPath") is { String: { Length: > 0 } subPath } subAt)
            {
                if (LocalDescendingPath(subPath) is { } error)
                {
                    s.Error(subAt, $"subPath \"{subPath}\" {error}");
                }

                if (mount.Get("subPathExpr") is { String.Length: > 0 } expr)
                {
                    s.ErrorAtKey(expr, "subPathExpr and subPath are mutually exclusive");
                }
            }
        }
    }

    /// <summary>validateLocalDescendingPath: relative, and no '..' element.</summary>
    internal static string? LocalDescendingPath(string path)
    {
        if (path.StartsWith('/'))
        {
            return "must be a relative path";
        }

        return path.Split('/', '\\').Any(p => p == "..") ? "must not contain '..'" : null;
    }
}
