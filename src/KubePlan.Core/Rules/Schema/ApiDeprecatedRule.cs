using KubePlan.Diagnostics;
using KubePlan.Schema;

namespace KubePlan.Rules.Schema;

/// <summary>An apiVersion still served by the target version but deprecated: a later upgrade will break the apply.</summary>
public sealed class ApiDeprecatedRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.ApiDeprecated,
        Severity.Warning,
        "api-versions",
        "A group/version/kind that the target Kubernetes version still serves but has deprecated.",
        "Move the object to the replacement apiVersion before the version that removes it.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var target = context.Options.KubernetesVersion;
        foreach (var m in context.Manifests.All)
        {
            if (m.ApiVersion is null || m.Kind is null || ApiVersionCatalog.Lookup(m.ApiVersion, m.Kind) is not { } api || !api.IsDeprecatedButServedIn(target))
            {
                continue;
            }

            var replacement = api.ReplacementApiVersion is null ? string.Empty : $"; use {api.ReplacementApiVersion}";
            yield return Report(m, m.At("apiVersion")!.Value,
                $"{m.Kind} in {m.ApiVersion} is deprecated since Kubernetes {api.DeprecatedIn} and removed in {api.RemovedIn}{replacement}");
        }
    }
}
