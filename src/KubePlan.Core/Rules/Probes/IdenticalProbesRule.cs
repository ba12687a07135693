using KubePlan.Diagnostics;
using KubePlan.Manifests;
using Newtonsoft.Json.Linq;

namespace KubePlan.Rules.Probes;

/// <summary>
/// A container whose liveness probe is its readiness probe: when the checked endpoint fails
/// because a dependency is slow, the kubelet takes the pod out of the Service and restarts it at
/// the same moment, so a brief slowdown becomes a restart storm. Probes are compared with the API
/// server's defaults filled in (SetDefaults_Probe: timeout 1 s, period 10 s, success 1, failure 3).
/// </summary>
public sealed class IdenticalProbesRule : Rule
{
    private static readonly (string Field, long Default)[] Timing =
    [
        ("initialDelaySeconds", 0), ("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3),
    ];

    public override RuleInfo Info { get; } = new(
        RuleIds.IdenticalProbes,
        Severity.Warning,
        "probes",
        "A container whose liveness and readiness probes are identical, so a slow dependency restarts pods instead of only taking them out of service.",
        "Make the liveness probe check only that the process itself works (a cheap endpoint, a higher failureThreshold), and keep dependency checks in the readiness probe.")
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
                if (container.LivenessProbe is { Mapping: not null } liveness && container.ReadinessProbe is { Mapping: not null } readiness
                    && !Differ(liveness.Node, readiness.Node) && JToken.DeepEquals(Canonical(liveness), Canonical(readiness)))
                {
                    yield return Report(pod.Manifest, liveness, $"the livenessProbe of {container.Describe()} is identical to its readinessProbe: when the check fails (a slow dependency, a full pool), the pod is taken out of service and restarted at once, turning a slowdown into a restart storm", atKey: true);
                }
            }
        }
    }

    /// <summary>
    /// Whether two probes certainly differ, found without building their JSON: a field both write
    /// holds different strings or integers. Defaults only fill in fields that are missing, so a field
    /// both write keeps its value in <see cref="Canonical"/>. False means "maybe equal", not "equal".
    /// </summary>
    private static bool Differ(YNode a, YNode b)
    {
        switch (a, b)
        {
            case (YScalar { IsString: true } x, YScalar { IsString: true } y):
                return !string.Equals(x.Text, y.Text, StringComparison.Ordinal);
            case (YScalar { Kind: ScalarKind.Int, Value: long x }, YScalar { Kind: ScalarKind.Int, Value: long y }):
                return x != y;
            case (YMapping x, YMapping y):
                foreach (var entry in x.EntrySpan)
                {
                    if (y.GetEntry(entry.KeyText) is { } other && Differ(entry.Value, other.Value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The probe as JSON with the API defaults filled in; objects compare by key, not by order.</summary>
    private static JObject Canonical(Located probe)
    {
        var json = (JObject)YamlJson.ToJToken(probe.Node);
        foreach (var (field, value) in Timing)
        {
            json[field] ??= new JValue(value);
        }

        if (json["httpGet"] is JObject http)
        {
            // SetDefaults_HTTPGetAction.
            http["path"] ??= new JValue("/");
            http["scheme"] ??= new JValue("HTTP");
        }

        return json;
    }
}
