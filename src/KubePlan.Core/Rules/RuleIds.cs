namespace KubePlan.Rules;

/// <summary>Every built-in rule id, in one place: CI configurations name these, so they never change.</summary>
public static class RuleIds
{
    public const string YamlSyntax = "yaml-syntax";
    public const string ManifestStructure = "manifest-structure";
    public const string SelectorMismatch = "selector-mismatch";
    public const string SelectorInvalid = "selector-invalid";
    public const string SelectorOverlap = "selector-overlap";
    public const string CronSchedule = "cron-schedule";
    public const string CronNeverRuns = "cron-never-runs";
    public const string CronTimeZone = "cron-timezone";
    public const string TolerationInvalid = "toleration-invalid";
    public const string NoFeasibleNode = "no-feasible-node";
    public const string DaemonSetNodeGap = "daemonset-node-gap";
    public const string RolloutStrategy = "rollout-strategy";
    public const string Schema = "schema";
    public const string SchemaUnknownKind = "schema-unknown-kind";
    public const string ApiValidation = "api-validation";
    public const string ApiRemoved = "api-removed";
    public const string ApiDeprecated = "api-deprecated";
    public const string ProgressDeadlineRisk = "progress-deadline-risk";
    public const string RolloutCapacity = "rollout-capacity";
    public const string RolloutAntiAffinityDeadlock = "rollout-anti-affinity-deadlock";
    public const string RolloutAllUnavailable = "rollout-all-unavailable";
    public const string NoReadinessProbe = "no-readiness-probe";
    public const string PdbBlocksEviction = "pdb-blocks-eviction";
    public const string HpaReplicasConflict = "hpa-replicas-conflict";
    public const string DeploymentPaused = "deployment-paused";
    public const string RollbackHistory = "rollback-history";
    public const string LatestTag = "latest-tag";
    public const string ImagePullPolicy = "image-pull-policy";
    public const string MissingRequests = "missing-requests";
    public const string MissingLimits = "missing-limits";
    public const string RequestsExceedLimits = "requests-exceed-limits";
    public const string NoLivenessProbe = "no-liveness-probe";
    public const string ProbePortNotExposed = "probe-port-not-exposed";
    public const string IdenticalProbes = "identical-probes";
    public const string SingleReplica = "single-replica";
    public const string DuplicateEnv = "duplicate-env";
    public const string SecretInEnv = "secret-in-env";
    public const string JobNoDeadline = "job-no-deadline";
    public const string JobTtl = "job-ttl";
    public const string CronJobConcurrency = "cronjob-concurrency";
    public const string NoAntiAffinity = "no-anti-affinity";
    public const string PriorityClass = "priority-class";
    public const string RecommendedLabels = "recommended-labels";
    public const string DanglingService = "dangling-service";
    public const string ServiceTargetPort = "service-target-port";
    public const string DanglingIngress = "dangling-ingress";
    public const string DanglingHpa = "dangling-hpa";
    public const string DanglingPdb = "dangling-pdb";
    public const string DanglingNetworkPolicy = "dangling-networkpolicy";
    public const string MissingReference = "missing-reference";
    public const string StatefulSetService = "statefulset-service";
}
