using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KubePlan.Schema;

/// <summary>A Kubernetes minor release such as 1.25; ordered by major then minor.</summary>
public readonly record struct KubeVersion(int Major, int Minor) : IComparable<KubeVersion>
{
    public static bool operator <(KubeVersion left, KubeVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubeVersion left, KubeVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubeVersion left, KubeVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubeVersion left, KubeVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Parses <c>1.25</c>, <c>v1.25</c> or <c>1.25.3</c> (the patch is ignored).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out KubeVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().TrimStart('v').Split('.');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        version = new KubeVersion(major, minor);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static KubeVersion Parse(string text) =>
        TryParse(text, out var version) ? version.Value : throw new FormatException($"\"{text}\" is not a Kubernetes version such as 1.25");

    public int CompareTo(KubeVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => $"{Major}.{Minor}";
}
