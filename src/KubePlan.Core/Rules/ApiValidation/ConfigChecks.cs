using System.Text;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>pkg/apis/core/validation ValidateConfigMap and ValidateSecret.</summary>
internal static class ConfigChecks
{
    /// <summary>core MaxSecretSize and the ConfigMap limit: 1 MiB of data.</summary>
    private const long MaxSize = 1024 * 1024;

    private static readonly string[] ConfigMapData = ["data", "binaryData"];
    private static readonly string[] SecretData = ["data", "stringData"];

    public static void ConfigMap(ValidationScope s, Located root)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long size = 0;
        foreach (var field in ConfigMapData)
        {
            foreach (var entry in root.Get(field)?.Entries() ?? [])
            {
                var key = entry.KeyText!;
                Key(s, entry, field, key);
                if (!keys.Add(key))
                {
                    s.ErrorAtKey(entry, $"key \"{key}\" is in both data and binaryData");
                }

                if (entry.Node is YScalar value)
                {
                    size += field == "data" ? Encoding.UTF8.GetByteCount(value.Text) : value.Text.Length * 3L / 4;
                }
            }
        }

        TooLarge(s, root, size, "ConfigMap");
    }

    public static void Secret(ValidationScope s, Located root)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long size = 0;
        foreach (var field in SecretData)
        {
            foreach (var entry in root.Get(field)?.Entries() ?? [])
            {
                var key = entry.KeyText!;
                Key(s, entry, field, key);
                keys.Add(key);
                if (entry.Node is YScalar value)
                {
                    size += field == "stringData" ? Encoding.UTF8.GetByteCount(value.Text) : value.Text.Length * 3L / 4;
                }
            }
        }

        TooLarge(s, root, size, "Secret");
        var typeAt = root.Get("type");
        string[] required = Fields.Str(typeAt) switch
        {
            "kubernetes.io/dockercfg" => [".dockercfg"],
            "kubernetes.io/dockerconfigjson" => [".dockerconfigjson"],
            "kubernetes.io/ssh-auth" => ["ssh-privatekey"],
            "kubernetes.io/tls" => ["tls.crt", "tls.key"],
            _ => [],
        };
        foreach (var key in required)
        {
            if (!keys.Contains(key))
            {
                s.Error(typeAt!.Value, $"a Secret of type {Fields.Str(typeAt)} needs the key \"{key}\" in data or stringData");
            }
        }

        if (Fields.Str(typeAt) == "kubernetes.io/basic-auth" && !keys.Contains("username") && !keys.Contains("password"))
        {
            s.Error(typeAt!.Value, "a Secret of type kubernetes.io/basic-auth needs \"username\" or \"password\" in data or stringData");
        }

        if (Fields.Str(typeAt) == "kubernetes.io/service-account-token"
            && root.At("metadata", "annotations", "kubernetes.io/service-account.name") is not { String.Length: > 0 })
        {
            s.Error(typeAt!.Value, "a Secret of type kubernetes.io/service-account-token needs the annotation kubernetes.io/service-account.name");
        }
    }

    private static void Key(ValidationScope s, Located entry, string field, string key)
    {
        if (EnvVarName.ConfigMapKey(key) is { } error)
        {
            s.ErrorAtKey(entry, $"{field} key \"{key}\" is invalid: it {error}");
        }
    }

    private static void TooLarge(ValidationScope s, Located root, long size, string kind)
    {
        if (size > MaxSize)
        {
            s.ErrorAtKey(root.Get("data") ?? root.Get("binaryData") ?? root.Get("stringData") ?? root, $"a {kind} holds at most {MaxSize} bytes of data; this one holds about {size}");
        }
    }
}
