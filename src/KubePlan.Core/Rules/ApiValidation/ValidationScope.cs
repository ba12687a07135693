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
    private readonly Func<Located, string, bool, Diagnostic> _report;
    private readonly List<Diagnostic> _findings = [];

    public ValidationScope(Manifest manifest, KubernetesVersion version, Func<Located, string, bool, Diagnostic> report)
    {
        Manifest = manifest;
        Version = version;
        _report = report;
    }

    public Manifest Manifest { get; }

    public KubernetesVersion Version { get; }

    public IReadOnlyList<Diagnostic> Findings => _findings;

    public void Error(Located at, string message) => _findings.Add(_report(at, message, false));

    public void ErrorAtKey(Located at, string message) => _findings.Add(_report(at, message, true));

    /// <summary>ValidateNonnegativeField for an optional integer field.</summary>
    public void NonNegative(Located parent, string key)
    {
        if (Fields.Int(parent.Get(key)) is < 0 and var value && parent.Get(key) is { } at)
        {
            Error(at, $"{at.DottedPath} {value} must be greater than or equal to 0");
        }
    }

    /// <summary>An optional string field that must be one of the given values (field.NotSupported).</summary>
    public void OneOf(Located parent, string key, params string[] allowed)
    {
        if (parent.Get(key) is { String: { } value } at && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(at, $"unsupported value \"{value}\" for {at.DottedPath}: supported values are {Fields.Quote(allowed)}");
        }
    }
}

/// <summary>Typed reads of optional fields; anything of another type is left to schema validation.</summary>
internal static class Fields
{
    public static long? Int(Located? at) => at is { Scalar: { Kind: ScalarKind.Int } s } ? s.AsInt64() : null;

    public static string? Str(Located? at) => at?.String;

    public static bool IsSet(Located? at) => at is { } a && a.Node is not YScalar { Kind: ScalarKind.Null };

    public static bool IsTrue(Located? at) => at is { Scalar: { Kind: ScalarKind.Bool, Value: true } };

    /// <summary>The keys of <paramref name="candidates"/> that are present and not null.</summary>
    public static List<string> Present(Located parent, IEnumerable<string> candidates) =>
        candidates.Where(c => IsSet(parent.Get(c))).ToList();

    public static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => "\"" + v + "\""));

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
