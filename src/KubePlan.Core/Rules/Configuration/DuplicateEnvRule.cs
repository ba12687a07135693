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

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal); // one per run, emptied for each container
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                if (container.Env is not { Sequence.Items.Count: > 1 } env)
                {
                    continue; // a single entry cannot repeat a name
                }

                firstLines.Clear();
                foreach (var entry in env.Items())
                {
                    if (entry.Get("name") is not { String: { } name } nameAt)
                    {
                        continue;
                    }

                    if (firstLines.TryGetValue(name, out var firstLine))
                    {
                        yield return Report(pod.Manifest, nameAt,
                            $"env var {name} of {container.Describe()} is set again (first on line {firstLine}): the later entry wins and the earlier one is dead configuration");
                    }
                    else
                    {
                        firstLines[name] = nameAt.Node.Start.Line;
                    }
                }
            }
        }
    }
}
