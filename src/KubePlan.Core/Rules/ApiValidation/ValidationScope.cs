using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// What a group of checks sees while validating one object: the object, the target version,
/// and where findings go. Checks report at the offending node (or its key, when the key is
/// the problem, or the parent, when a field is missing).
/// </summary>
internal sealed class ValidationScope
{
    private readonly Func<Manifest, Located, string, bool, Diagnostic> _report;
    private readonly List<Diagnostic> _findings = [];

    /// <param name="report">Makes a finding about the manifest; one delegate serves every object of a run.</param>
    public ValidationScope(Manifest manifest, KubernetesVersion version, Func<Manifest, Located, string, bool, Diagnostic> report)
    {
        Manifest = manifest;
        Version = version;
        _report = report;
    }

    public Manifest Manifest { get; }

    public KubernetesVersion Version { get; }

    public List<Diagnostic> Findings => _findings;

    public void Error(Located at, string message) => _findings.Add(_report(Manifest, at, message, false));

    public void ErrorAtKey(Located at, string message) => _findings.Add(_report(Manifest, at, message, true));

    /// <summary>ValidateNonnegativeField for an optional integer field.</summary>
    public void NonNegative(Located parent, string key)
    {
        if (parent.Get(key) is { } at && Fields.Int(at) is < 0 and var value)
        {
            Error(at, $"{at.DottedPath} {value} must be greater than or equal to 0");
        }
    }

    /// <summary>An optional string field that must be one of the given values (field.NotSupported).</summary>
    public void OneOf(Located parent, string key, params ReadOnlySpan<string> allowed)
    {
        if (parent.Get(key) is not { String: { } value } at)
        {
            return;
        }

        foreach (var candidate in allowed)
        {
            if (candidate == value)
            {
                return;
            }
        }

        Error(at, $"unsupported value \"{value}\" for {at.DottedPath}: supported values are {Fields.Quote(allowed.ToArray())}");
    }
}

/// <summary>Typed reads of optional fields; anything of another type is left to schema validation.</summary>
internal static class Fields
{
    public static long? Int(Located? at) => at is { Scalar: { Kind: ScalarKind.Int } s } ? s.AsInt64() : null;

    public static string? Str(Located? at) => at?.String;

    public static bool IsSet(Located? at) => at is { } a && a.Node is not YScalar { Kind: ScalarKind.Null };

    public static bool IsTrue(Located? at) => at is { Scalar: { Kind: ScalarKind.Bool, Value: true } };

    /// <summary>The keys of <paramref name="candidates"/> that are present and not null, in the order given.</summary>
    public static List<string> Present(Located parent, ReadOnlySpan<string> candidates)
    {
        var present = new List<string>();
        if (parent.Mapping is not { } mapping)
        {
            return present;
        }

        // Looked up on the mapping itself: most candidates are absent, and no Located is needed to say so.
        foreach (var candidate in candidates)
        {
            if (mapping.GetEntry(candidate) is { Value: not YScalar { Kind: ScalarKind.Null } })
            {
                present.Add(candidate);
            }
        }

        return present;
    }

    public static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => "\"" + v + "\""));

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
