using KubePlan.Rules;

namespace KubePlan.Validation;

/// <summary>
/// Environment variable names (apimachinery IsEnvVarName, core validation's relaxed variant).
/// Since RelaxedEnvironmentVariableValidation (beta on 1.32, GA 1.34) any printable ASCII
/// character except '=' is allowed; before, names matched <c>[-._a-zA-Z][-._a-zA-Z0-9]*</c>.
/// </summary>
public static class EnvVarName
{
    public static readonly KubernetesVersion RelaxedSince = new(1, 32);

    /// <summary>Null when valid for the version, else the reason.</summary>
    public static string? Check(string name, KubernetesVersion version)
    {
        if (name.Length == 0)
        {
            return "must not be empty";
        }

        if (version >= RelaxedSince)
        {
            return name.All(c => c is >= ' ' and <= '~' && c != '=') ? null
                : "must consist only of printable ASCII characters other than '='";
        }

        var first = name[0];
        var valid = (char.IsAsciiLetter(first) || first is '-' or '.' or '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
        return valid ? null
            : "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit";
    }

    /// <summary>A ConfigMap or Secret data key (IsConfigMapKey).</summary>
    public static string? ConfigMapKey(string key)
    {
        if (key.Length == 0)
        {
            return "must not be empty";
        }

        if (key.Length > KubernetesNames.DnsSubdomainMaxLength)
        {
            return $"must be no more than {KubernetesNames.DnsSubdomainMaxLength} characters";
        }

        if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            return "must consist of alphanumeric characters, '-', '_' or '.'";
        }

        if (key is "." or "..")
        {
            return $"must not be '{key}'";
        }

        return key.StartsWith("..", StringComparison.Ordinal) ? "must not start with '..'" : null;
    }
}
