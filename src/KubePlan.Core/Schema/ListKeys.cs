using System.Reflection;
using System.Text.Json;

namespace KubePlan.Schema;

/// <summary>
/// Which lists of the built-in kinds are maps keyed by some of their items' fields, as the upstream OpenAPI definitions
/// declare them (<c>x-kubernetes-list-map-keys</c>, else <c>x-kubernetes-patch-merge-key</c>). Read from the generated
/// <c>list-keys.json</c> embedded in this assembly (see schemas/README.md), parsed once, on first use, thread-safely.
/// </summary>
/// <remarks>
/// Patterns are JSON pointers in which <c>*</c> stands for any one segment: an array index, a map key, or the
/// <c>name=web</c> selector with which the diff names the items of a keyed list. A list the file does not name is atomic.
/// </remarks>
public static class ListKeys
{
    private const string ResourceName = "KubePlan.Schemas.Kubernetes.1.36.list-keys.json";

    private static readonly Lazy<Data> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The Kubernetes minor version the facts describe.</summary>
    public static string KubernetesVersion => "1.36";

    /// <summary>
    /// The keys of the list at <paramref name="pointer"/> in objects of <paramref name="kind"/> in exactly
    /// <paramref name="apiVersion"/> (<c>apps/v1</c>, <c>v1</c> for the core group), or null when that list is atomic,
    /// is not a list, or the apiVersion/kind is unknown (removed versions, custom resources).
    /// </summary>
    public static IReadOnlyList<string>? Find(string apiVersion, string kind, string pointer) =>
        Loaded.Value.ByApiVersion.TryGetValue((apiVersion, kind), out var patterns) ? patterns.Find(pointer) : null;

    /// <summary>
    /// As <see cref="Find(string, string, string)"/>, for the preferred version of <paramref name="group"/> (core:
    /// empty) and <paramref name="kind"/>: of the versions that declare the kind, GA before beta before alpha, the
    /// highest number first (the API server's ordering). Null when no version of the group declares the kind.
    /// </summary>
    public static IReadOnlyList<string>? FindForGroupKind(string group, string kind, string pointer) =>
        PreferredApiVersion(group, kind) is { } apiVersion ? Find(apiVersion, kind, pointer) : null;

    /// <summary>The preferred apiVersion that declares <paramref name="group"/>/<paramref name="kind"/>, or null.</summary>
    public static string? PreferredApiVersion(string group, string kind) =>
        Loaded.Value.Preferred.GetValueOrDefault((group, kind));

    /// <summary>Every pattern declared for the apiVersion/kind with its keys, in the file's (ordinal) order; empty when unknown.</summary>
    public static IReadOnlyList<(string Pattern, IReadOnlyList<string> Keys)> Patterns(string apiVersion, string kind) =>
        Loaded.Value.ByApiVersion.TryGetValue((apiVersion, kind), out var patterns) ? patterns.All : [];

    private static Data Load()
    {
        using var stream = typeof(ListKeys).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(ListKeys).Assembly.GetName().Name}.");
        using var document = JsonDocument.Parse(stream);
        var byApiVersion = new Dictionary<(string, string), KindPatterns>();
        foreach (var apiVersion in document.RootElement.GetProperty("apiVersions").EnumerateObject())
        {
            foreach (var kind in apiVersion.Value.EnumerateObject())
            {
                var all = new List<(string, IReadOnlyList<string>)>();
                foreach (var pattern in kind.Value.EnumerateObject())
                {
                    var keys = pattern.Value.EnumerateArray().Select(k => k.GetString() ?? throw Malformed(apiVersion.Name, kind.Name, pattern.Name)).ToArray();
                    if (keys.Length == 0 || !pattern.Name.StartsWith('/'))
                    {
                        throw Malformed(apiVersion.Name, kind.Name, pattern.Name);
                    }

                    all.Add((pattern.Name, Array.AsReadOnly(keys)));
                }

                byApiVersion[(apiVersion.Name, kind.Name)] = new KindPatterns(all);
            }
        }

        var preferred = new Dictionary<(string, string), string>();
        foreach (var (apiVersion, kind) in byApiVersion.Keys)
        {
            var (group, version) = KubernetesSchemas.SplitApiVersion(apiVersion);
            if (!preferred.TryGetValue((group, kind), out var current)
                || VersionPriority(version).CompareTo(VersionPriority(KubernetesSchemas.SplitApiVersion(current).Version)) > 0)
            {
                preferred[(group, kind)] = apiVersion;
            }
        }

        return new Data(byApiVersion, preferred);
    }

    private static InvalidOperationException Malformed(string apiVersion, string kind, string pattern) =>
        new($"{ResourceName}: malformed entry {apiVersion} {kind} {pattern}.");

    /// <summary>
    /// Kubernetes version priority as a sortable tuple: <c>v1</c> &gt; <c>v1beta2</c> &gt; <c>v1beta1</c> &gt;
    /// <c>v1alpha1</c>, and <c>v2</c> &gt; <c>v1</c>. Versions of another shape sort lowest.
    /// </summary>
    private static (int Stability, int Major, int Minor) VersionPriority(string version)
    {
        if (version.Length < 2 || version[0] != 'v')
        {
            return (-1, 0, 0);
        }

        var digits = 1;
        while (digits < version.Length && char.IsAsciiDigit(version[digits]))
        {
            digits++;
        }

        if (digits == 1 || !int.TryParse(version.AsSpan(1, digits - 1), out var major))
        {
            return (-1, 0, 0);
        }

        var rest = version.AsSpan(digits);
        if (rest.IsEmpty)
        {
            return (2, major, 0);
        }

        var stability = rest.StartsWith("beta") ? 1 : rest.StartsWith("alpha") ? 0 : -1;
        var number = rest[(stability == 1 ? 4 : 5)..];
        return stability >= 0 && int.TryParse(number, out var minor) ? (stability, major, minor) : (-1, 0, 0);
    }

    private sealed record Data(Dictionary<(string ApiVersion, string Kind), KindPatterns> ByApiVersion, Dictionary<(string Group, string Kind), string> Preferred);

    /// <summary>One kind's patterns: exact pointers by dictionary, patterns with <c>*</c> by segment-wise match.</summary>
    private sealed class KindPatterns
    {
        private readonly Dictionary<string, IReadOnlyList<string>> _exact = new(StringComparer.Ordinal);
        private readonly List<(string[] Segments, IReadOnlyList<string> Keys)> _wildcards = [];

        public KindPatterns(List<(string Pattern, IReadOnlyList<string> Keys)> all)
        {
            All = all;
            foreach (var (pattern, keys) in all)
            {
                var segments = Segments(pattern);
                if (segments.Contains("*"))
                {
                    _wildcards.Add((segments, keys));
                }
                else
                {
                    _exact[pattern] = keys;
                }
            }
        }

        public IReadOnlyList<(string Pattern, IReadOnlyList<string> Keys)> All { get; }

        public IReadOnlyList<string>? Find(string pointer)
        {
            if (_exact.TryGetValue(pointer, out var keys))
            {
                return keys;
            }

            var segments = Segments(pointer);
            foreach (var (pattern, wildcardKeys) in _wildcards)
            {
                if (Matches(pattern, segments))
                {
                    return wildcardKeys;
                }
            }

            return null;
        }

        private static string[] Segments(string pointer) => pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);

        private static bool Matches(string[] pattern, string[] segments)
        {
            if (pattern.Length != segments.Length)
            {
                return false;
            }

            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] != "*" && !string.Equals(pattern[i], segments[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
