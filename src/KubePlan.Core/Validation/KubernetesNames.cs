using System.Text.RegularExpressions;

namespace KubePlan.Validation;

/// <summary>
/// Kubernetes' name grammars (apimachinery util/validation): DNS-1123 labels and subdomains,
/// DNS-1035 labels, qualified names (label and annotation keys), label values. Each check
/// returns null when valid, else the reason in plain words.
/// </summary>
public static partial class KubernetesNames
{
    public const int DnsLabelMaxLength = 63;
    public const int DnsSubdomainMaxLength = 253;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    public static string? DnsLabel(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > DnsLabelMaxLength)
        {
            return $"must be no more than {DnsLabelMaxLength} characters (it has {value.Length})";
        }

        return DnsLabelPattern().IsMatch(value) ? null
            : "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc')";
    }

    public static string? Dns1035Label(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > DnsLabelMaxLength)
        {
            return $"must be no more than {DnsLabelMaxLength} characters (it has {value.Length})";
        }

        return Dns1035Pattern().IsMatch(value) ? null
            : "must consist of lower case alphanumeric characters or '-', start with a letter, and end with an alphanumeric character (e.g. 'my-name' or 'abc-123')";
    }

    public static string? DnsSubdomain(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Length > DnsSubdomainMaxLength)
        {
            return $"must be no more than {DnsSubdomainMaxLength} characters (it has {value.Length})";
        }

        return DnsSubdomainPattern().IsMatch(value) ? null
            : "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
    }

    /// <summary>A path segment name (RBAC objects): anything but '.', '..', '/' and '%'.</summary>
    public static string? PathSegmentName(string value)
    {
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value is "." or "..")
        {
            return $"may not be '{value}'";
        }

        return value.Contains('/', StringComparison.Ordinal) || value.Contains('%', StringComparison.Ordinal) ? "may not contain '/' or '%'" : null;
    }

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters.</summary>
    public static string? QualifiedName(string value)
    {
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                if (parts[0].Length == 0)
                {
                    return "prefix part must not be empty";
                }

                if (DnsSubdomain(parts[0]) is { } prefixError)
                {
                    return "prefix part " + prefixError;
                }

                name = parts[1];
                break;
            default:
                return "a qualified name must consist of an optional DNS subdomain prefix and '/', followed by a name (e.g. 'example.com/MyName'); it has more than one '/'";
        }

        if (name.Length == 0)
        {
            return "name part must not be empty";
        }

        if (name.Length > QualifiedNameMaxLength)
        {
            return $"name part must be no more than {QualifiedNameMaxLength} characters (it has {name.Length})";
        }

        return NamePattern().IsMatch(name) ? null
            : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')";
    }

    public static string? LabelValue(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > LabelValueMaxLength)
        {
            return $"must be no more than {LabelValueMaxLength} characters (it has {value.Length})";
        }

        return NamePattern().IsMatch(value) ? null
            : "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', 'my_value' or '12345')";
    }

    /// <summary>Which object-name grammar a kind uses (ValidateObjectMeta's name function per kind).</summary>
    public static Func<string, string?> ObjectNameCheck(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace") or ("apps", "StatefulSet") => DnsLabel,
        ("", "Service") => Dns1035Label,
        ("rbac.authorization.k8s.io", _) => PathSegmentName,
        _ => DnsSubdomain,
    };

    /// <summary>The name grammar described for messages.</summary>
    public static string ObjectNameGrammar(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace") or ("apps", "StatefulSet") => "a DNS-1123 label",
        ("", "Service") => "a DNS-1035 label",
        ("rbac.authorization.k8s.io", _) => "a path segment name",
        _ => "a DNS-1123 subdomain",
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Pattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomainPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
