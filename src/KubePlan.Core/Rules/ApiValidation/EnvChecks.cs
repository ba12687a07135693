using System.Text.RegularExpressions;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/core/validation ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom.</summary>
internal static partial class EnvChecks
{
    private static readonly string[] ValueSources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"];

    /// <summary>validEnvDownwardAPIFieldPathExpressions.</summary>
    private static readonly HashSet<string> EnvFieldPaths = new(StringComparer.Ordinal)
    {
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    };

    private static readonly HashSet<string> ResourceFieldRefs = new(StringComparer.Ordinal)
    {
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
    };

    public static void Env(ValidationScope s, Located c)
    {
        foreach (var env in c.Get("env")?.Items() ?? [])
        {
            if (env.Get("name") is { String: { } name } nameAt && EnvVarName.Check(name, s.Version) is { } error)
            {
                s.Error(nameAt, $"environment variable name \"{name}\" is invalid: it {error}");
            }

            if (env.Get("valueFrom") is not { Mapping: not null } valueFrom)
            {
                continue;
            }

            if (env.Get("value") is { String.Length: > 0 })
            {
                s.ErrorAtKey(valueFrom, "valueFrom may not be specified when value is not empty");
            }

            var sources = Fields.Present(valueFrom, ValueSources);
            if (sources.Count == 0)
            {
                s.ErrorAtKey(valueFrom, "valueFrom must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef");
                continue;
            }

            if (sources.Count > 1)
            {
                s.ErrorAtKey(valueFrom.Get(sources[1])!.Value, $"valueFrom may not have more than one source (it has {Fields.Quote(sources)})");
                continue;
            }

            var source = valueFrom.Get(sources[0])!.Value;
            switch (sources[0])
            {
                case "configMapKeyRef" or "secretKeyRef":
                    KeySelector(s, source, sources[0]);
                    break;
                case "fieldRef":
                    if (source.Get("fieldPath") is { String: { } path } pathAt && !EnvFieldPaths.Contains(path) && !SubscriptedPath().IsMatch(path))
                    {
                        s.Error(pathAt, $"unsupported fieldRef.fieldPath \"{path}\" for an environment variable");
                    }

                    break;
                case "resourceFieldRef":
                    if (source.Get("resource") is { String: { } resource } resourceAt && !ResourceFieldRefs.Contains(resource)
                        && !resource.StartsWith("limits.hugepages-", StringComparison.Ordinal) && !resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
                    {
                        s.Error(resourceAt, $"unsupported resourceFieldRef.resource \"{resource}\": use limits.* or requests.* of cpu, memory, ephemeral-storage or hugepages");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    public static void EnvFrom(ValidationScope s, Located c)
    {
        foreach (var from in c.Get("envFrom")?.Items() ?? [])
        {
            var sources = Fields.Present(from, ["configMapRef", "secretRef"]);
            if (sources.Count == 0)
            {
                s.Error(from, "envFrom must specify one of: configMapRef or secretRef");
            }
            else if (sources.Count > 1)
            {
                s.ErrorAtKey(from.Get(sources[1])!.Value, "envFrom may not have more than one source (it has configMapRef and secretRef)");
            }
            else
            {
                var source = from.Get(sources[0])!.Value;
                ObjectName(s, source, sources[0]);
            }

            if (from.Get("prefix") is { String: { Length: > 0 } prefix } prefixAt && EnvVarName.Check(prefix, s.Version) is { } error)
            {
                s.Error(prefixAt, $"envFrom prefix \"{prefix}\" is invalid: it {error}");
            }
        }
    }

    /// <summary>validateConfigMapKeySelector / validateSecretKeySelector.</summary>
    private static void KeySelector(ValidationScope s, Located selector, string what)
    {
        ObjectName(s, selector, what);
        if (selector.Get("key") is { String: { } key } keyAt && EnvVarName.ConfigMapKey(key) is { } error)
        {
            s.Error(keyAt, $"{what}.key \"{key}\" is invalid: it {error}");
        }
    }

    private static void ObjectName(ValidationScope s, Located reference, string what)
    {
        if (reference.Get("name") is { String: { } name } nameAt)
        {
            if (KubernetesNames.DnsSubdomain(name) is { } error)
            {
                s.Error(nameAt, $"{what}.name \"{name}\" is invalid: it {error}");
            }
        }
        else if (reference.Get("name") is null && reference.Mapping is not null)
        {
            s.ErrorAtKey(reference, $"{what}.name is required");
        }
    }

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['[^']+'\]$", RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptedPath();
}
