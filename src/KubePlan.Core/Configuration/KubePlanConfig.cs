using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Configuration;

/// <summary>A problem in a configuration file, with its position.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// Project settings from <c>.kubeplan.yaml</c>, so a repository states its target version, its
/// rule choices, its gate and its accepted findings once instead of in every CI script.
/// Command-line options win. <c>schemas/kubeplan-config.schema.json</c> describes the file.
/// </summary>
/// <example>
/// kubernetesVersion: "1.30"
/// failOn: warning
/// namespace: shop
/// strictKinds: true
/// nodes: cluster/nodes.yaml
/// profile: recommended
/// strict: false
/// exclude: ["charts/**/templates/**"]
/// rules:
///   no-readiness-probe: off
///   selector-overlap: error
/// ignore:
///   - object: Deployment/shop/legacy-*
///     container: sidecar
///     rules: [no-readiness-probe]
///     reason: the sidecar has no port to probe
/// </example>
public sealed record KubePlanConfig
{
    public const string DefaultFileName = ".kubeplan.yaml";

    /// <summary>The settings this file may hold, in the order the schema lists them.</summary>
    public static readonly IReadOnlyList<string> Settings =
        ["kubernetesVersion", "failOn", "namespace", "strictKinds", "nodes", "profile", "strict", "include", "exclude", "rules", "ignore", "customRules", "customRuleTimeout"];

    /// <summary>The file the settings came from (null for the defaults).</summary>
    public string? File { get; init; }

    /// <summary>The folder relative paths and path globs are resolved against: the file's own folder.</summary>
    public string BaseDirectory { get; init; } = ".";

    public KubernetesVersion? KubernetesVersion { get; init; }

    public Severity? FailOn { get; init; }

    public string? Namespace { get; init; }

    public bool? StrictKinds { get; init; }

    /// <summary>The node inventory path, relative to the configuration file.</summary>
    public string? Nodes { get; init; }

    /// <summary>The rule profile (minimal, recommended, strict, pss-baseline, pss-restricted), or null for the default.</summary>
    public RuleProfiles? Profile { get; init; }

    /// <summary>Whether annotations and comments that suppress findings are ignored (a mandatory gate).</summary>
    public bool? Strict { get; init; }

    /// <summary>Path globs of files to lint (all when empty), relative to <see cref="BaseDirectory"/>.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Path globs of files never to lint, relative to <see cref="BaseDirectory"/>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Rules turned off.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Rules whose findings get another severity; naming a severity also turns an off-by-default rule on.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>(StringComparer.Ordinal);

    /// <summary>Findings accepted per object (and container), with where each entry was written.</summary>
    public IReadOnlyList<IgnoreEntry> Ignore { get; init; } = [];

    /// <summary>Custom-rule files or folders, resolved against the configuration file's folder; each exists.</summary>
    public IReadOnlyList<string> CustomRules { get; init; } = [];

    /// <summary>How long each custom rule may run per lint run (null for the default).</summary>
    public TimeSpan? CustomRuleTimeout { get; init; }

    /// <summary>The files that pass <see cref="Include"/> and <see cref="Exclude"/>.</summary>
    public PathFilter PathFilter => new(BaseDirectory, Include, Exclude);

    /// <summary>
    /// The configuration file that applies in <paramref name="directory"/>: <c>.kubeplan.yaml</c> there or in a
    /// parent folder, up to the repository root (the nearest folder holding <c>.git</c>); outside a
    /// repository only the folder itself is looked at, so a stray file higher up never applies.
    /// </summary>
    public static string? Discover(string directory)
    {
        var start = new DirectoryInfo(Path.GetFullPath(directory));
        var root = start;
        while (root is not null && !Path.Exists(Path.Combine(root.FullName, ".git")))
        {
            root = root.Parent;
        }

        for (var d = start; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, DefaultFileName);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }

            if (root is null || d.FullName == root.FullName)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Reads a configuration file; every problem is a <see cref="ConfigException"/> naming file:line:col.</summary>
    public static KubePlanConfig Load(string path, IReadOnlyCollection<string> knownRuleIds)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the configuration: {e.Message}");
        }

        return Parse(path, text, knownRuleIds, checkPaths: true);
    }

    /// <summary>Parses configuration text; <paramref name="checkPaths"/> also requires customRules paths to exist.</summary>
    public static KubePlanConfig Parse(string path, string text, IReadOnlyCollection<string> knownRuleIds, bool checkPaths = false)
    {
        var read = YamlStreamReader.Read(text);
        if (read.Problems.FirstOrDefault() is { } problem)
        {
            throw Error(path, problem.Position, problem.Message);
        }

        var baseDirectory = Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".";
        var config = new KubePlanConfig { File = path, BaseDirectory = baseDirectory };
        if (read.Documents.Count == 0 || read.Documents[0].Root is null)
        {
            return config;
        }

        if (read.Documents.Count > 1)
        {
            throw Error(path, read.Documents[1].Start, "the configuration must be a single YAML document");
        }

        if (read.Documents[0].Root is not YMapping root)
        {
            throw Error(path, read.Documents[0].Start, "the configuration must be a mapping");
        }

        var disabled = new HashSet<string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var entry in root.Entries)
        {
            var value = entry.Value;
            switch (entry.KeyText)
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
                    config = config with { StrictKinds = Bool(path, value, "strictKinds") };
                    break;
                case "strict":
                    config = config with { Strict = Bool(path, value, "strict") };
                    break;
                case "nodes":
                    var nodes = Text(value) ?? throw Error(path, value.Start, "nodes must be a path");
                    config = config with { Nodes = Path.Combine(baseDirectory, nodes) };
                    break;
                case "include":
                    config = config with { Include = Globs(path, value, "include") };
                    break;
                case "exclude":
                    config = config with { Exclude = Globs(path, value, "exclude") };
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
                case "ignore":
                    config = config with { Ignore = ReadIgnore(path, value, knownRuleIds) };
                    break;
                case "customRules":
                    config = config with { CustomRules = ReadCustomRules(path, value, baseDirectory, checkPaths) };
                    break;
                case "customRuleTimeout":
                    config = config with
                    {
                        CustomRuleTimeout = KubePlan.CustomRules.CustomRuleTimeout.TryParse(Text(value), out var budget) ? budget
                            : throw Error(path, value.Start, "customRuleTimeout must be a duration such as 5s, 500ms or 1m30s (at least 1ms)"),
                    };
                    break;
                default:
                    throw Error(path, entry.KeyStart, $"unknown setting \"{entry.KeyText}\"; known: {string.Join(", ", Settings)}");
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
            var id = rule.KeyText;
            if (!known.Contains(id))
            {
                throw Error(path, rule.KeyStart, $"unknown rule \"{id}\"; 'kubeplan rules' lists them");
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

    private static List<IgnoreEntry> ReadIgnore(string path, YNode value, IReadOnlyCollection<string> known)
    {
        if (value is not YSequence list)
        {
            throw Error(path, value.Start, "ignore must be a list of entries with object, rules and optionally container and reason");
        }

        var entries = new List<IgnoreEntry>();
        foreach (var item in list.Items)
        {
            if (item is not YMapping map)
            {
                throw Error(path, item.Start, "an ignore entry must be a mapping with object, rules and optionally container and reason");
            }

            string? objectPattern = null, container = null, reason = null;
            List<string>? rules = null;
            foreach (var field in map.Entries)
            {
                switch (field.KeyText)
                {
                    case "object":
                        objectPattern = Text(field.Value) ?? throw Error(path, field.Value.Start, "object must be kind/namespace/name (or kind/name for a cluster-scoped object); globs allowed");
                        if (!ObjectPattern.TryParse(objectPattern, out _))
                        {
                            throw Error(path, field.Value.Start, $"object \"{objectPattern}\" must be kind/namespace/name (or kind/name for a cluster-scoped object); globs allowed");
                        }

                        break;
                    case "container":
                        container = Text(field.Value) is { Length: > 0 } c ? c : throw Error(path, field.Value.Start, "container must be a container name (globs allowed)");
                        break;
                    case "reason":
                        reason = Text(field.Value) ?? throw Error(path, field.Value.Start, "reason must be a string");
                        break;
                    case "rules":
                        rules = RuleList(path, field.Value, known);
                        break;
                    default:
                        throw Error(path, field.KeyStart, $"unknown ignore field \"{field.KeyText}\"; known: object, container, rules, reason");
                }
            }

            if (objectPattern is null || rules is null)
            {
                throw Error(path, map.Start, "an ignore entry needs object and rules");
            }

            entries.Add(new IgnoreEntry(ObjectPattern.Parse(objectPattern), container, rules, reason, path, map.Start));
        }

        return entries;
    }

    private static List<string> RuleList(string path, YNode value, IReadOnlyCollection<string> known)
    {
        if (value is not YSequence { Items.Count: > 0 } list)
        {
            throw Error(path, value.Start, "rules must be a non-empty list of rule ids");
        }

        var ids = new List<string>();
        foreach (var item in list.Items)
        {
            var id = Text(item) ?? throw Error(path, item.Start, "a rule id must be a string");
            if (!known.Contains(id))
            {
                throw Error(path, item.Start, $"unknown rule \"{id}\"; 'kubeplan rules' lists them");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static List<string> ReadCustomRules(string path, YNode value, string baseDirectory, bool checkPaths)
    {
        if (value is not YSequence list)
        {
            throw Error(path, value.Start, "customRules must be a list of C# files or folders, relative to this file");
        }

        var paths = new List<string>();
        foreach (var item in list.Items)
        {
            var text = Text(item) is { Length: > 0 } t ? t : throw Error(path, item.Start, "a customRules entry must be a path");
            var resolved = Path.Combine(baseDirectory, text);
            if (checkPaths && !System.IO.File.Exists(resolved) && !Directory.Exists(resolved))
            {
                throw Error(path, item.Start, $"customRules: no such file or folder: {text} (paths are relative to this file)");
            }

            paths.Add(resolved);
        }

        return paths;
    }

    private static List<string> Globs(string path, YNode value, string setting)
    {
        if (value is not YSequence list)
        {
            throw Error(path, value.Start, $"{setting} must be a list of path globs, relative to this file");
        }

        var globs = new List<string>();
        foreach (var item in list.Items)
        {
            var glob = Text(item) is { Length: > 0 } g ? g : throw Error(path, item.Start, $"an {setting} entry must be a path glob");
            if (!PathFilter.IsValidGlob(glob))
            {
                throw Error(path, item.Start, $"\"{glob}\" is not a valid glob");
            }

            globs.Add(glob);
        }

        return globs;
    }

    private static bool Bool(string path, YNode value, string setting) =>
        value is YScalar { Kind: ScalarKind.Bool, Value: bool b } ? b : throw Error(path, value.Start, $"{setting} must be true or false");

    private static string? Text(YNode node) => node is YScalar { IsString: true } s ? s.Text : null;

    private static ConfigException Error(string path, SourcePosition at, string message) =>
        new($"{path}:{at.Line}:{at.Column}: {message}");
}
