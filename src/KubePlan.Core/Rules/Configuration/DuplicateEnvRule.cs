using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Configuration;

/// <summary>
/// The same environment variable twice in one container's env: the later entry silently wins
/// (the API server only warns), so the first value is dead configuration that someone will edit
/// in vain. envFrom sources may overlap env by design and are not compared.
/// </summary>
public sealed class DuplicateEnvRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.DuplicateEnv,
        Severity.Warning,
        "configuration",
        "The same environment variable name twice in one container's env, so the later value silently wins.",
        "Remove the duplicate entry, keeping the value the container should get.")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var (m, spec) in Workloads.PodSpecs(context.Manifests.All))
        {
            foreach (var container in Workloads.AllContainers(spec))
            {
                var seen = new Dictionary<string, Located>(StringComparer.Ordinal);
                foreach (var entry in container.At.Get("env")?.Items() ?? [])
                {
                    if (entry.Get("name") is not { String: { } name } nameAt)
                    {
                        continue;
                    }

                    if (seen.TryGetValue(name, out var first))
                    {
                        yield return Report(m, nameAt,
                            $"env var {name} of {container.Describe()} is set again (first on line {first.Node.Start.Line}): the later entry wins and the earlier one is dead configuration");
                    }
                    else
                    {
                        seen[name] = nameAt;
                    }
                }
            }
        }
    }
}
