using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Configuration;

/// <summary>A problem in a configuration file, with its position.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// Project settings from <c>.kubeplan.yaml</c>, so a repository states its target version, its
/// rule choices and its gate once instead of in every CI script. Command-line options win.
/// </summary>
/// <example>
/// kubernetesVersion: "1.30"
/// failOn: warning
/// namespace: shop
/// strictKinds: true
/// nodes: cluster/nodes.yaml
/// profile: strict
/// rules:
///   no-readiness-probe: off
///   selector-overlap: error
/// </example>
public sealed record KubePlanConfig
{
    public const string DefaultFileName = ".kubeplan.yaml";

    public KubernetesVersion? KubernetesVersion { get; init; }

    public Severity? FailOn { get; init; }

    public string? Namespace { get; init; }

    public bool? StrictKinds { get; init; }

    /// <summary>The node inventory path, relative to the configuration file.</summary>
    public string? Nodes { get; init; }

    /// <summary>The rule profile (minimal, recommended, strict, pss-baseline, pss-restricted).</summary>
    public RuleProfiles? Profile { get; init; }

    /// <summary>Rules turned off.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Rules whose findings get another severity; naming a severity also turns an off-by-default rule on.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>(StringComparer.Ordinal);

    /// <summary>Reads a configuration file; every problem is a <see cref="ConfigException"/> naming file:line:col.</summary>
    public static KubePlanConfig Load(string path, IReadOnlyCollection<string> knownRuleIds)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the configuration: {e.Message}");
        }

        return Parse(path, text, knownRuleIds);
    }

    public static KubePlanConfig Parse(string path, string text, IReadOnlyCollection<string> knownRuleIds)
    {
        var read = YamlStreamReader.Read(text);
        if (read.Problems.FirstOrDefault() is { } problem)
        {
            throw Error(path, problem.Position, problem.Message);
        }

        if (read.Documents.Count == 0 || read.Documents[0].Root is null)
        {
            return new KubePlanConfig();
        }

        if (read.Documents[0].Root is not YMapping root)
        {
            throw Error(path, read.Documents[0].Start, "the configuration must be a mapping");
        }

        var config = new KubePlanConfig();
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var entry in root.Entries)
        {
            var value = entry.Value;
            switch (entry.Key.KeyText)
            {
                case "kubernetesVersion":
                    config = config with
                    {
                        KubernetesVersion = Rules.KubernetesVersion.TryParse(Text(value), out var v) ? v
                            : throw Error(path, value.Start, "kubernetesVersion must look like \"1.36\" (quote it: 1.30 unquoted is the number 1.3)"),
                    };
                    break;
                case "failOn":
                    config = config with
                    {
                        FailOn = SeverityNames.TryParse(Text(value), out var s) ? s
                            : throw Error(path, value.Start, "failOn must be error, warning or info"),
                    };
                    break;
                case "namespace":
                    config = config with { Namespace = Text(value) ?? throw Error(path, value.Start, "namespace must be a string") };
                    break;
                case "strictKinds":
                    config = config with { StrictKinds = value is YScalar { Kind: ScalarKind.Bool, Value: bool b } ? b : throw Error(path, value.Start, "strictKinds must be true or false") };
                    break;
                case "nodes":
                    var nodes = Text(value) ?? throw Error(path, value.Start, "nodes must be a path");
                    config = config with { Nodes = Path.Combine(Path.GetDirectoryName(path) ?? ".", nodes) };
                    break;
                case "profile":
                    config = config with
                    {
                        Profile = RuleProfileNames.TryParse(Text(value), out var profile) ? profile
                            : throw Error(path, value.Start, "profile must be " + RuleProfileNames.Choices),
                    };
                    break;
                case "rules":
                    ReadRules(path, value, knownRuleIds, disabled, overrides);
                    break;
                default:
                    throw Error(path, entry.Key.Start, $"unknown setting \"{entry.Key.KeyText}\"; known: kubernetesVersion, failOn, namespace, strictKinds, nodes, profile, rules");
            }
        }

        return config with { DisabledRules = disabled, SeverityOverrides = overrides };
    }

    private static void ReadRules(string path, YNode value, IReadOnlyCollection<string> known, HashSet<string> disabled, Dictionary<string, Severity> overrides)
    {
        if (value is not YMapping rules)
        {
            throw Error(path, value.Start, "rules must map rule ids to off, error, warning or info");
        }

        foreach (var rule in rules.Entries)
        {
            var id = rule.Key.KeyText;
            if (!known.Contains(id))
            {
                throw Error(path, rule.Key.Start, $"unknown rule \"{id}\"; 'kubeplan rules' lists them");
            }

            // "off" is the YAML 1.1 boolean false when unquoted; accept both spellings.
            if (rule.Value is YScalar { Kind: ScalarKind.Bool, Value: false } || Text(rule.Value) == "off")
            {
                disabled.Add(id);
            }
            else if (SeverityNames.TryParse(Text(rule.Value), out var severity))
            {
                overrides[id] = severity;
            }
            else
            {
                throw Error(path, rule.Value.Start, $"rule \"{id}\" must be set to off, error, warning or info");
            }
        }
    }

    private static string? Text(YNode node) => node is YScalar { IsString: true } s ? s.Text : null;

    private static ConfigException Error(string path, SourcePosition at, string message) =>
        new($"{path}:{at.Line}:{at.Column}: {message}");
}
