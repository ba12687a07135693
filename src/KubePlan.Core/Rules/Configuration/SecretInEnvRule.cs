using System.Text.RegularExpressions;
using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Configuration;

/// <summary>
/// A literal env value for a name that looks like a credential (<c>*PASSWORD*</c>, <c>*TOKEN*</c>,
/// <c>*SECRET*</c>, <c>*_KEY</c>): the secret sits in the manifest, in the repository and in every
/// <c>kubectl get -o yaml</c>. Names that point at a secret rather than hold it (<c>*_FILE</c>,
/// <c>*_PATH</c>, <c>*_NAME</c>, <c>*_URL</c> …), empty values and pure <c>$(VAR)</c> references
/// are not secrets.
/// </summary>
public sealed partial class SecretInEnvRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SecretInEnv,
        Severity.Warning,
        "security",
        "A literal env value for a name that looks like a credential (*PASSWORD*, *TOKEN*, *SECRET*, *_KEY), so the secret is stored in the manifest.",
        "Move the value into a Secret and read it with valueFrom.secretKeyRef (or envFrom.secretRef).")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                foreach (var entry in container.Env?.Items() ?? [])
                {
                    if (entry.Get("name")?.String is { } name && LooksLikeCredential(name)
                        && entry.Get("value") is { Scalar: { } value } valueAt && value.KeyText.Length > 0 && !Reference().IsMatch(value.KeyText))
                    {
                        yield return Report(pod.Manifest, valueAt,
                            $"env var {name} of {container.Describe()} has a literal value: a credential written here is stored in the repository and shown by every kubectl get -o yaml");
                    }
                }
            }
        }
    }

    /// <summary>The issue's patterns, case-insensitive, except names that say where a secret is rather than what it is.</summary>
    internal static bool LooksLikeCredential(string name)
    {
        var upper = name.ToUpperInvariant();
        if (NotAValue().IsMatch(upper))
        {
            return false;
        }

        return upper.Contains("PASSWORD", StringComparison.Ordinal) || upper.Contains("TOKEN", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.EndsWith("_KEY", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"_(FILE|PATH|DIR|NAME|URL|URI|ENDPOINT|REF|ID|HEADER|LENGTH|TTL|TIMEOUT|EXPIRY|EXPIRATION|ENABLED)$")]
    private static partial Regex NotAValue();

    [GeneratedRegex(@"^(\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$")]
    private static partial Regex Reference();
}
