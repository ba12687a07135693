using DotNet.Globbing;
using KubePlan.Manifests;

namespace KubePlan.Configuration;

/// <summary>
/// A configuration <c>ignore</c> entry: findings of <paramref name="Rules"/> on the objects its
/// pattern matches (and, when <paramref name="Container"/> is set, only those about a matching
/// container) are accepted on purpose. It remembers where it was written, so an entry that
/// suppresses nothing can be reported at its own line.
/// </summary>
public sealed record IgnoreEntry(ObjectPattern Object, string? Container, IReadOnlyList<string> Rules, string? Reason, string File, SourcePosition Position)
{
    /// <summary>Whether a finding of <paramref name="ruleId"/> about the object (and container) is covered.</summary>
    public bool Covers(string ruleId, ObjectRef obj, string? container) =>
        Rules.Contains(ruleId)
        && Object.Matches(obj)
        && (Container is null || (container is not null && Glob.Parse(Container).IsMatch(container)));
}

/// <summary>
/// <c>kind/namespace/name</c> (or <c>kind/name</c> for a cluster-scoped object), each part a glob:
/// <c>Deployment/*/web-*</c>. The kind may carry its group (<c>Deployment.apps</c>) and matches
/// case-insensitively, as <c>kubectl</c> accepts kinds; namespace and name match exactly.
/// </summary>
public sealed class ObjectPattern
{
    private readonly Glob _kind;
    private readonly Glob? _namespace;
    private readonly Glob _name;
    private readonly bool _kindHasGroup;

    private ObjectPattern(string text, Glob kind, bool kindHasGroup, Glob? ns, Glob name)
    {
        Text = text;
        _kind = kind;
        _kindHasGroup = kindHasGroup;
        _namespace = ns;
        _name = name;
    }

    public string Text { get; }

    public static bool TryParse(string text, out ObjectPattern? pattern)
    {
        pattern = null;
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        try
        {
            var insensitive = new GlobOptions { Evaluation = { CaseInsensitive = true } };
            pattern = new ObjectPattern(
                text,
                Glob.Parse(parts[0], insensitive),
                parts[0].Contains('.', StringComparison.Ordinal),
                parts.Length == 3 ? Glob.Parse(parts[1]) : null,
                Glob.Parse(parts[^1]));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    public static ObjectPattern Parse(string text) =>
        TryParse(text, out var pattern) ? pattern! : throw new FormatException($"\"{text}\" is not kind/namespace/name");

    public bool Matches(ObjectRef obj)
    {
        if (obj.Kind is null || obj.Name is null)
        {
            return false;
        }

        var kind = obj.Kind;
        if (_kindHasGroup)
        {
            var slash = obj.ApiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            kind = slash > 0 ? kind + "." + obj.ApiVersion![..slash] : kind;
        }

        if (!_kind.IsMatch(kind) || !_name.IsMatch(obj.Name))
        {
            return false;
        }

        // kind/name names a cluster-scoped object; kind/namespace/name a namespaced one.
        return _namespace is null ? obj.Namespace is null : obj.Namespace is not null && _namespace.IsMatch(obj.Namespace);
    }

    public override string ToString() => Text;
}
