using System.Globalization;

namespace KubePlan.Rules;

/// <summary>A Kubernetes minor version such as 1.36, the target that version-dependent rules check against.</summary>
public readonly record struct KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    public static readonly KubernetesVersion Default = new(1, 36);

    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = Default;
        var parts = text?.Trim().TrimStart('v').Split('.');
        if (parts is null || parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || major != 1)
        {
            return false;
        }

        version = new KubernetesVersion(major, minor);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static KubernetesVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"\"{text}\" is not a Kubernetes version such as 1.25");

    public int CompareTo(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}
