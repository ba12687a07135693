using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KubePlan.Manifests;

namespace KubePlan.Diagnostics;

/// <summary>
/// Stable identities for findings, so code-scanning alerts and baselines survive unrelated edits.
/// A fingerprint is made of the rule, the object's identity (group, kind, namespace, name), the
/// finding's JSON path with container indexes replaced by the container's name, and that name —
/// never of line or column numbers or the file the object is in. Findings with no object (a YAML
/// syntax error) use the rule, the file and the message. Identical keys in one run are numbered in
/// report order, so each fingerprint in a run is unique.
/// </summary>
public static partial class Fingerprints
{
    /// <summary>The key of the fingerprint in SARIF's <c>partialFingerprints</c>; bumped if the recipe changes.</summary>
    public const string Key = "kubeplanFindingHash/v1";

    /// <summary>Fills in <see cref="Diagnostic.Container"/> and <see cref="Diagnostic.Fingerprint"/>, keeping the order.</summary>
    /// <remarks>
    /// Containers, keys and hashes of a large run are worked out side by side on every core; only the
    /// numbering of identical keys walks the findings in order.
    /// </remarks>
    public static List<Diagnostic> Assign(IEnumerable<Diagnostic> diagnostics, ManifestLocator manifests)
    {
        var found = diagnostics.ToArray();
        var keys = new string[found.Length];
        For(found.Length, i =>
        {
            var d = found[i];
            found[i] = d.Container is null ? WithContainer(d, manifests) : d;
            keys[i] = KeyOf(found[i]);
        });

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var n = seen[keys[i]] = seen.GetValueOrDefault(keys[i]) + 1;
            if (n > 1)
            {
                keys[i] += "\n#" + n.ToString(CultureInfo.InvariantCulture);
            }
        }

        For(found.Length, i => found[i] = found[i] with { Fingerprint = Hash(keys[i]) });
        return [.. found];
    }

    /// <summary>Runs the body for 0..count-1, on every core when there is enough to share (a small run stays on one thread).</summary>
    private static void For(int count, Action<int> body)
    {
        if (count < 256)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
    }

    /// <summary>The text a fingerprint is the hash of (without the occurrence number).</summary>
    public static string KeyOf(Diagnostic d)
    {
        if (d.Object is not { } o)
        {
            return string.Join('\n', d.RuleId, "file", d.File, d.Message);
        }

        var slash = o.ApiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var group = slash > 0 ? o.ApiVersion![..slash] : string.Empty;
        return string.Join('\n', d.RuleId, group, o.Kind ?? string.Empty, o.Namespace ?? string.Empty, o.Name ?? string.Empty,
            NormalizedPath(d.Path, d.Container), d.Container ?? string.Empty);
    }

    /// <summary>The path with the container's list index replaced by <c>name=NAME</c>, so reordering containers changes nothing.</summary>
    public static string NormalizedPath(string? path, string? container)
    {
        if (path is null || container is null || ContainerPath().Match(path) is not { Success: true } m)
        {
            return path ?? string.Empty;
        }

        return m.Groups["list"].Value + "/name=" + JsonPointer.Escape(container) + m.Groups["rest"].Value;
    }

    /// <summary>The finding with the name of the container its path points into, when there is one.</summary>
    public static Diagnostic WithContainer(Diagnostic d, ManifestLocator manifests)
    {
        if (d.Path is null || ContainerPath().Match(d.Path) is not { Success: true } m || manifests.Find(d) is not { } manifest)
        {
            return d;
        }

        var item = manifest.Located.Resolve(m.Groups["list"].Value + "/" + m.Groups["index"].Value);
        return item?.Mapping?.GetString("name") is { Length: > 0 } name ? d with { Container = name } : d;
    }

    private static string Hash(string key) =>
        Convert.ToHexStringLower(Sha256.Hash(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    [GeneratedRegex(@"^(?<list>.*/(?:initContainers|containers|ephemeralContainers))/(?<index>[0-9]+)(?<rest>/.*)?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ContainerPath();
}

/// <summary>Finds the manifest a finding is about: same file, same object, the nearest document at or above its line.</summary>
public sealed class ManifestLocator
{
    private readonly Dictionary<(string File, ObjectRef Ref), List<Manifest>> _index = [];

    public ManifestLocator(IEnumerable<Manifest> manifests)
    {
        foreach (var m in manifests)
        {
            var key = (m.File.Path, m.Ref);
            if (!_index.TryGetValue(key, out var list))
            {
                _index[key] = list = [];
            }

            list.Add(m);
        }
    }

    public Manifest? Find(Diagnostic d)
    {
        if (d.Object is null || !_index.TryGetValue((d.File, d.Object), out var list))
        {
            return null;
        }

        return list.Count == 1 ? list[0]
            : list.Where(m => m.Root.Start.Line <= d.Line).MaxBy(m => m.Root.Start.Line) ?? list[0];
    }
}
