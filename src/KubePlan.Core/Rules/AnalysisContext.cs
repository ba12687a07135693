using KubePlan.Manifests;

namespace KubePlan.Rules;

/// <summary>Options that change what the rules check.</summary>
public sealed record LintOptions
{
    public KubernetesVersion KubernetesVersion { get; init; } = KubernetesVersion.Default;

    /// <summary>Report kinds without a schema as errors instead of infos.</summary>
    public bool StrictKinds { get; init; }

    /// <summary>The profile a run uses when none is given.</summary>
    public const RuleProfiles DefaultProfile = RuleProfiles.Recommended;

    /// <summary>The profile whose rules run (one of the single profiles).</summary>
    public RuleProfiles Profile { get; init; } = DefaultProfile;

    /// <summary>Rules turned on whatever the profile (the configuration names them with a severity).</summary>
    public IReadOnlySet<string> EnabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Rules turned off whatever the profile; this wins over everything else.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Rules whose findings are reported at another severity (from the configuration).</summary>
    public IReadOnlyDictionary<string, Diagnostics.Severity> SeverityOverrides { get; init; } = new Dictionary<string, Diagnostics.Severity>(StringComparer.Ordinal);

    /// <summary>How long each custom rule may run per lint run before it is cancelled (from the configuration or --custom-rule-timeout).</summary>
    public TimeSpan CustomRuleTimeout { get; init; } = KubePlan.CustomRules.CustomRuleTimeout.Default;

    /// <summary>Add detail meant for whoever debugs a rule, such as a failing custom rule's stack trace.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Whether <c>kubeplan.io/ignore</c> annotations and <c># kubeplan:ignore</c> comments suppress
    /// findings; off for a mandatory gate (<c>--no-inline-ignores</c>, config <c>strict: true</c>).
    /// </summary>
    public bool InlineIgnores { get; init; } = true;

    /// <summary>The configuration's <c>ignore</c> entries; they apply whatever <see cref="InlineIgnores"/> says.</summary>
    public IReadOnlyList<global::KubePlan.Configuration.IgnoreEntry> Ignore { get; init; } = [];

    /// <summary>
    /// Whether a rule runs: off when disabled; on when enabled or given a severity (setting a
    /// severity turns an off-by-default rule on); otherwise on when its profiles include the run's.
    /// </summary>
    public bool IsActive(Rule rule) =>
        !DisabledRules.Contains(rule.Id)
        && (EnabledRules.Contains(rule.Id) || SeverityOverrides.ContainsKey(rule.Id) || (rule.Info.Profiles & Profile) != 0);

    /// <summary>These options with the given rules turned on as well (tests and docs of off-by-default rules).</summary>
    public LintOptions Enabling(params string[] ids) =>
        this with { EnabledRules = EnabledRules.Concat(ids).ToHashSet(StringComparer.Ordinal) };
}

/// <summary>What every rule sees: the objects of the run, the node inventory, problems from reading, options.</summary>
public sealed class AnalysisContext
{
    public AnalysisContext(LoadResult input, IReadOnlyList<Manifest> nodes, LintOptions options)
        : this(input, nodes, options, isPart: false)
    {
    }

    /// <param name="isPart">Whether the input is only part of the run: the objects checked as their file was read.</param>
    internal AnalysisContext(LoadResult input, IReadOnlyList<Manifest> nodes, LintOptions options, bool isPart)
    {
        Input = input;
        Manifests = new ManifestSet(input.Manifests, isPart);
        _customResources = new(() => new KubePlan.Rules.Schema.CustomResourceSchemas(Manifests));
        Options = options;
        var inline = input.Manifests.Where(m => m.IsKind(string.Empty, "Node"));
        // The same inventory may come both from --nodes and from the input: count each node once.
        NodeManifests = nodes.Concat(inline).DistinctBy(n => n.Name, StringComparer.Ordinal).ToList();
        _podSpecsWithTemplates = new(() => Manifests.All
            .Select(m => Workloads.PodSpec(m) is { } spec ? new PodSpecView(m, spec) : null)
            .OfType<PodSpecView>()
            .ToList());
        _podSpecs = new(() => PodSpecsWithTemplates.Where(p => p.RunsPods).ToList());
        _podViews = new(() => PodSpecs
            .Where(p => !Manifests.IsRepeat(p.Manifest))
            .Select(p => new KubePlan.Rules.PodSecurity.PodView(p, options.KubernetesVersion))
            .ToList());
        _cronSchedules = new(() => KubePlan.Rules.Cron.CronJobs.Read(Manifests));
    }

    public LoadResult Input { get; }

    /// <summary>The schemas that the input's CustomResourceDefinitions give their custom resources, read once for the run.</summary>
    internal KubePlan.Rules.Schema.CustomResourceSchemas CustomResources => _customResources.Value;

    private readonly Lazy<KubePlan.Rules.Schema.CustomResourceSchemas> _customResources;

    public ManifestSet Manifests { get; }

    public LintOptions Options { get; }

    /// <summary>
    /// Cancelled when a custom rule has used up its time budget; a rule with long loops should check it.
    /// Built-in rules run without a budget and see <see cref="CancellationToken.None"/>.
    /// </summary>
    public CancellationToken CancellationToken => KubePlan.CustomRules.CustomRuleRunner.Current?.Token ?? CancellationToken.None;

    /// <summary>Node objects from <c>--nodes</c> and from the input itself.</summary>
    public IReadOnlyList<Manifest> NodeManifests { get; }

    public bool HasNodeInventory => NodeManifests.Count > 0;

    /// <summary>The inventory read into nodes once, for every scheduling and capacity rule of the run.</summary>
    public IReadOnlyList<KubePlan.Scheduling.ClusterNode> Nodes => _nodes ??= KubePlan.Scheduling.ClusterNode.Inventory(NodeManifests);

    private IReadOnlyList<KubePlan.Scheduling.ClusterNode>? _nodes;

    /// <summary>
    /// Every object that runs pods (each definition, in input order, as <see cref="Workloads.PodSpecs"/>
    /// gives them) with its containers read once: built on first use and shared by the per-container rules.
    /// </summary>
    internal IReadOnlyList<PodSpecView> PodSpecs => _podSpecs.Value;

    /// <summary><see cref="PodSpecs"/> and the PodTemplate objects, which only describe pods, in input order.</summary>
    internal IReadOnlyList<PodSpecView> PodSpecsWithTemplates => _podSpecsWithTemplates.Value;

    private readonly Lazy<IReadOnlyList<PodSpecView>> _podSpecs;

    private readonly Lazy<IReadOnlyList<PodSpecView>> _podSpecsWithTemplates;

    /// <summary>The run's CronJobs with their schedules parsed once, for every cron rule.</summary>
    internal IReadOnlyList<KubePlan.Rules.Cron.CronJobSchedule> CronSchedules => _cronSchedules.Value;

    private readonly Lazy<IReadOnlyList<KubePlan.Rules.Cron.CronJobSchedule>> _cronSchedules;

    /// <summary>
    /// The pod templates of the run's objects that run pods (each identity once), as the Pod Security
    /// Standards read them: built once and shared by every control, which run side by side.
    /// </summary>
    internal IReadOnlyList<KubePlan.Rules.PodSecurity.PodView> PodViews => _podViews.Value;

    private readonly Lazy<IReadOnlyList<KubePlan.Rules.PodSecurity.PodView>> _podViews;
}
