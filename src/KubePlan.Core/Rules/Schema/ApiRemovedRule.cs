using KubePlan.Diagnostics;
using KubePlan.Schema;

namespace KubePlan.Rules.Schema;

/// <summary>An apiVersion that the target Kubernetes version no longer serves: apply fails with "no matches for kind".</summary>
public sealed class ApiRemovedRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.ApiRemoved,
        Severity.Error,
        "api-versions",
        "A group/version/kind that the target Kubernetes version no longer serves.",
        "Move the object to the replacement apiVersion and adjust the fields that changed with it (see the deprecated API migration guide).");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var target = context.Options.KubernetesVersion;
        foreach (var m in context.Manifests.All)
        {
            if (m.ApiVersion is null || m.Kind is null || ApiVersionCatalog.Lookup(m.ApiVersion, m.Kind) is not { } api || !api.IsRemovedIn(target))
            {
                continue;
            }

            var replacement = api.ReplacementApiVersion is null ? "it has no direct replacement" : $"use {api.ReplacementApiVersion}";
            yield return Report(m, m.At("apiVersion")!.Value,
                $"{m.Kind} in {m.ApiVersion} was removed in Kubernetes {api.RemovedIn} (target is {target}); {replacement}",
                $"{api.Note} See {api.Source}.".Replace(". .", ".", StringComparison.Ordinal));
        }
    }
}
