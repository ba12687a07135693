namespace KubePlan.Rules;

/// <summary>
/// The built-in rules. They are listed here rather than found by reflection: scanning every type of
/// the assembly at start-up cost more than the rest of a one-file lint's rule set-up. A meta-test
/// (RuleCatalogTests) fails when a rule class is missing from this list, so a new rule is still one
/// class plus its line below.
/// </summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Rule>> BuiltInRules = new(() =>
        Create().OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    public static IReadOnlyList<Rule> BuiltIn => BuiltInRules.Value;

    public static Rule? Find(string id) => BuiltIn.FirstOrDefault(r => r.Id == id);

    /// <summary>One instance of every built-in rule class, in no particular order.</summary>
    internal static Rule[] Create() =>
    [
        new ApiValidation.ApiValidationRule(),
        new Availability.NoAntiAffinityRule(),
        new Availability.SingleReplicaRule(),
        new Configuration.DuplicateEnvRule(),
        new Configuration.SecretInEnvRule(),
        new Cron.CronNeverRunsRule(),
        new Cron.CronScheduleRule(),
        new Cron.CronTimeZoneRule(),
        new Images.ImagePullPolicyRule(),
        new Images.LatestTagRule(),
        new Jobs.CronJobConcurrencyRule(),
        new Jobs.JobNoDeadlineRule(),
        new Jobs.JobTtlRule(),
        new Metadata.RecommendedLabelsRule(),
        new PodSecurity.PssAppArmorRule(),
        new PodSecurity.PssCapabilitiesRestrictedRule(),
        new PodSecurity.PssCapabilitiesRule(),
        new PodSecurity.PssHostNamespacesRule(),
        new PodSecurity.PssHostPathVolumesRule(),
        new PodSecurity.PssHostPortsRule(),
        new PodSecurity.PssHostProbesRule(),
        new PodSecurity.PssHostProcessRule(),
        new PodSecurity.PssPrivilegeEscalationRule(),
        new PodSecurity.PssPrivilegedRule(),
        new PodSecurity.PssProcMountRestrictedRule(),
        new PodSecurity.PssProcMountRule(),
        new PodSecurity.PssRunAsNonRootRule(),
        new PodSecurity.PssRunAsUserRule(),
        new PodSecurity.PssSeLinuxRule(),
        new PodSecurity.PssSeccompRestrictedRule(),
        new PodSecurity.PssSeccompRule(),
        new PodSecurity.PssSysctlsRule(),
        new PodSecurity.PssVolumeTypesRule(),
        new Probes.IdenticalProbesRule(),
        new Probes.NoLivenessProbeRule(),
        new Probes.ProbePortNotExposedRule(),
        new References.DanglingHpaRule(),
        new References.DanglingIngressRule(),
        new References.DanglingNetworkPolicyRule(),
        new References.DanglingPdbRule(),
        new References.DanglingServiceRule(),
        new References.MissingReferenceRule(),
        new References.ServiceTargetPortRule(),
        new References.StatefulSetServiceRule(),
        new Resources.MissingLimitsRule(),
        new Resources.MissingRequestsRule(),
        new Resources.RequestsExceedLimitsRule(),
        new Rollout.DeploymentPausedRule(),
        new Rollout.HpaReplicasConflictRule(),
        new Rollout.NoReadinessProbeRule(),
        new Rollout.PdbBlocksEvictionRule(),
        new Rollout.ProgressDeadlineRiskRule(),
        new Rollout.RollbackHistoryRule(),
        new Rollout.RolloutAllUnavailableRule(),
        new Rollout.RolloutAntiAffinityDeadlockRule(),
        new Rollout.RolloutCapacityRule(),
        new Rollout.RolloutStrategyRule(),
        new Scheduling.DaemonSetNodeGapRule(),
        new Scheduling.NoFeasibleNodeRule(),
        new Scheduling.PriorityClassRule(),
        new Scheduling.TolerationInvalidRule(),
        new Schema.ApiDeprecatedRule(),
        new Schema.ApiRemovedRule(),
        new Schema.SchemaRule(),
        new Schema.SchemaUnknownKindRule(),
        new Selectors.SelectorInvalidRule(),
        new Selectors.SelectorMismatchRule(),
        new Selectors.SelectorOverlapRule(),
        new Structure.ManifestStructureRule(),
        new Structure.UnusedSuppressionRule(),
        new Structure.YamlNestingLimitRule(),
        new Structure.YamlSyntaxRule(),
    ];
}
