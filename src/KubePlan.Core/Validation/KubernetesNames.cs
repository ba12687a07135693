namespace KubePlan.Validation;

/// <summary>
/// Kubernetes' name grammars (apimachinery util/validation): DNS-1123 labels and subdomains,
/// DNS-1035 labels, qualified names (label and annotation keys), label values. Each check
/// returns null when valid, else the reason in plain words.
/// </summary>
public static class KubernetesNames
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

        return IsDnsLabel(value) ? null
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

        return char.IsAsciiLetterLower(value[0]) && IsDnsLabel(value) ? null
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

        return IsDnsSubdomain(value) ? null
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
        // Split at the '/' without allocating the parts: label keys are checked wherever labels are read.
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var name = value.AsSpan();
        if (slash >= 0)
        {
            if (value.IndexOf('/', slash + 1) >= 0)
            {
                return "a qualified name must consist of an optional DNS subdomain prefix and '/', followed by a name (e.g. 'example.com/MyName'); it has more than one '/'";
            }

            if (slash == 0)
            {
                return "prefix part must not be empty";
            }

            var prefix = value.AsSpan(0, slash);
            if (prefix.Length > DnsSubdomainMaxLength || !IsDnsSubdomain(prefix))
            {
                return "prefix part " + DnsSubdomain(prefix.ToString());
            }

            name = value.AsSpan(slash + 1);
        }

        if (name.Length == 0)
        {
            return "name part must not be empty";
        }

        if (name.Length > QualifiedNameMaxLength)
        {
            return $"name part must be no more than {QualifiedNameMaxLength} characters (it has {name.Length})";
        }

        return IsName(name) ? null
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

        return IsName(value) ? null
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

    // The grammars below are apimachinery's regular expressions (dns1123LabelFmt, dns1035LabelFmt,
    // dns1123SubdomainFmt, qualifiedNameFmt), checked character by character: Go's '$' ends the text
    // (a trailing line break does not match), and these run for every label of every object.

    /// <summary><c>^[a-z0-9]([-a-z0-9]*[a-z0-9])?$</c></summary>
    private static bool IsDnsLabel(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !IsLowerAlphanumeric(value[0]) || !IsLowerAlphanumeric(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c != '-' && !IsLowerAlphanumeric(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$</c>: DNS labels joined by dots.</summary>
    private static bool IsDnsSubdomain(ReadOnlySpan<char> value)
    {
        foreach (var label in value.Split('.'))
        {
            if (!IsDnsLabel(value[label]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$</c></summary>
    private static bool IsName(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ('-' or '_' or '.') && !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
