using System.Globalization;

namespace KubePlan.Rules;

/// <summary>
/// A Kubernetes release such as <c>1.36</c> or <c>v1.35.2</c>, the target that version-dependent rules and
/// plans follow; a missing patch is null and means the latest patch of that minor.
/// </summary>
public readonly record struct KubernetesVersion(int Major, int Minor, int? Patch = null) : IComparable<KubernetesVersion>
{
    public static readonly KubernetesVersion Default = new(1, 36);

    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s[0] is 'v' or 'V')
        {
            s = s[1..];
        }

        var parts = s.Split('.');
        if (parts.Length is < 2 or > 3 || !TryPart(parts[0], out var major) || !TryPart(parts[1], out var minor))
        {
            return false;
        }

        int? patch = null;
        if (parts.Length == 3)
        {
            if (!TryPart(parts[2], out var p))
            {
                return false;
            }

            patch = p;
        }

        version = new KubernetesVersion(major, minor, patch);
        return true;
    }

    public static KubernetesVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a Kubernetes version such as 1.35 or 1.35.2");

    /// <summary>Orders by major, minor, then patch; a missing patch sorts after every patch of its minor.</summary>
    public int CompareTo(KubernetesVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : (Patch ?? int.MaxValue).CompareTo(other.Patch ?? int.MaxValue);
    }

    /// <summary>Compares major and minor only: API removals happen at minor releases, whatever the patch.</summary>
    public int CompareMinor(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Patch is { } p ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{p}") : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    private static bool TryPart(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
