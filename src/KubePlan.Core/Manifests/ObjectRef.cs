namespace KubePlan.Manifests;

/// <summary>The object a finding or plan is about, as users name it.</summary>
public sealed record ObjectRef(string? ApiVersion, string? Kind, string? Namespace, string? Name)
{
    public override string ToString() =>
        (Kind ?? "object") + "/" + (Name ?? "?") + (Namespace is null ? string.Empty : " in namespace " + Namespace);
}

/// <summary>
/// The identity of an object in a cluster: group, kind, namespace and name. The API version is
/// deliberately not part of it, because apps/v1beta2 and apps/v1 name the same Deployment.
/// </summary>
public sealed record ObjectKey(string Group, string Kind, string? Namespace, string Name) : IComparable<ObjectKey>
{
    public int CompareTo(ObjectKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Group, other.Group);
        if (c == 0)
        {
            c = string.CompareOrdinal(Kind, other.Kind);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(Namespace, other.Namespace);
        }

        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => (Group.Length == 0 ? Kind : Kind + "." + Group) + "/" + (Namespace is null ? Name : Namespace + "/" + Name);
}
