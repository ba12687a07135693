using System.Globalization;
using KubePlan.Cron;
using KubePlan.Manifests;
using KubePlan.Rules;
using KubePlan.Scheduling;

namespace KubePlan.Planning;

/// <summary>What the planner needs besides the workload itself.</summary>
public sealed record PlanningOptions
{
    public KubernetesVersion KubernetesVersion { get; init; } = KubernetesVersion.Default;

    /// <summary>Seconds for image pull and container start before readiness is probed (--pod-startup).</summary>
    public int PodStartupSeconds { get; init; } = 10;

    /// <summary>Plan from this many replicas (a rollout that also resizes); null means spec.replicas.</summary>
    public int? FromReplicas { get; init; }

    /// <summary>Node objects of the inventory, for DaemonSets.</summary>
    public IReadOnlyList<Manifest> Nodes { get; init; } = [];

    /// <summary>Without an inventory, how many nodes a DaemonSet runs on.</summary>
    public int? NodeCount { get; init; }

    /// <summary>Seconds a Job's pod runs before it succeeds (--job-duration), an estimate.</summary>
    public int JobDurationSeconds { get; init; } = JobPlanner.DefaultJobDurationSeconds;

    /// <summary>The instant a CronJob's next runs are listed from; null lists none.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>How many next runs of a CronJob a plan lists.</summary>
    public int NextRunCount { get; init; } = 5;

    /// <summary>Pod objects of the input, for the ranking of a ReplicaSet's or ReplicationController's scale-down.</summary>
    public IReadOnlyList<Manifest> Pods { get; init; } = [];
}

/// <summary>A plan, or why a workload cannot be planned (an invalid strategy, a kind with no rollout).</summary>
public sealed record PlanOutcome(Manifest Workload, RolloutPlan? Plan, string? Problem);

/// <summary>
/// Reads workloads from manifests into the planners' inputs, with the API server's defaults
/// (replicas 1, RollingUpdate with 25%/25%, OrderedReady, partition 0), and plans them.
/// </summary>
public static class WorkloadPlanning
{
    public static bool IsPlannable(Manifest m) =>
        (m.Group, m.Kind) is ("apps" or "extensions", "Deployment" or "DaemonSet") or ("apps", "StatefulSet") or ("batch", "Job" or "CronJob")
        || IsReplicaSet(m);

    /// <summary>A ReplicaSet or ReplicationController: keeps a number of pods, with no rollout of its own.</summary>
    public static bool IsReplicaSet(Manifest m) =>
        (m.Group, m.Kind) is ("apps" or "extensions", "ReplicaSet") or ("", "ReplicationController");

    /// <summary>The rollout a pod-template change starts.</summary>
    public static PlanOutcome PlanRollout(Manifest m, PlanningOptions options) => Plan(m, options, scale: null);

    /// <summary>A resize to <paramref name="replicas"/> without a template change.</summary>
    public static PlanOutcome PlanScale(Manifest m, int replicas, PlanningOptions options) => Plan(m, options, scale: replicas);

    public static PlanSubject Subject(Manifest m) => new(m.ApiVersion ?? string.Empty, m.Kind ?? string.Empty, m.Namespace, m.Name ?? string.Empty);

    /// <summary>spec.replicas with the API default of 1.</summary>
    public static int Replicas(Manifest m) => (int)Math.Clamp(m.At("spec", "replicas")?.Scalar?.AsInt64() ?? 1, 0, int.MaxValue);

    /// <summary>An int-or-percent field; null when absent, an error text when malformed.</summary>
    public static (IntOrPercent? Value, string? Error) ReadIntOrPercent(Located? at)
    {
        switch (at?.Node)
        {
            case null:
            case YScalar { Kind: ScalarKind.Null }:
                return (null, null);
            case YScalar { Kind: ScalarKind.Int } s when s.AsInt64() is { } n && n is >= 0 and <= int.MaxValue:
                return (IntOrPercent.FromInt((int)n), null);
            case YScalar { IsString: true } s when IntOrPercent.TryParse(s.Text, out var v):
                return (v, null);
            default:
                return (null, $"{at.Value.DottedPath} must be a non-negative integer or a percentage such as 25%");
        }
    }

    /// <summary>How long a new pod takes to count as available, from the template's probes and the spec.</summary>
    public static PodTiming Timing(Manifest m, int podStartupSeconds)
    {
        var spec = Workloads.PodSpec(m);

        // The slowest container decides when the pod is Ready (the first of equally slow ones).
        Located? slowest = null;
        var slowestSeconds = 0;
        foreach (var container in spec is null ? [] : Workloads.Containers(spec.Value))
        {
            if (container.Get("readinessProbe") is not { } readiness)
            {
                continue;
            }

            var seconds = ProbeSeconds(readiness);
            if (slowest is null || seconds > slowestSeconds)
            {
                (slowest, slowestSeconds) = (readiness, seconds);
            }
        }

        return new PodTiming
        {
            StartupSeconds = podStartupSeconds,
            HasReadinessProbe = slowest is not null,
            InitialDelaySeconds = Int(slowest?.Get("initialDelaySeconds"), 0),
            PeriodSeconds = Int(slowest?.Get("periodSeconds"), 10),
            SuccessThreshold = Int(slowest?.Get("successThreshold"), 1),
            MinReadySeconds = Int(m.At("spec", "minReadySeconds"), 0),
            TerminationGracePeriodSeconds = spec is null ? 30 : Int(spec.Value.Get("terminationGracePeriodSeconds"), 30),
        };
    }

    /// <summary>The nodes a DaemonSet's pods belong on, by the controller's rules (nodeSelector, affinity, taints with its own tolerations).</summary>
    public static IReadOnlyList<string>? DaemonSetNodes(Manifest m, IReadOnlyList<Manifest> nodes)
    {
        if (nodes.Count == 0 || Workloads.PodSpec(m) is not { } spec)
        {
            return null;
        }

        return DaemonSetPlacement.EligibleNodes(spec, ClusterNode.Inventory(nodes)).Select(n => n.Name).ToList();
    }

    private static PlanOutcome Plan(Manifest m, PlanningOptions options, int? scale)
    {
        try
        {
            var outcome = (m.Group, m.Kind) switch
            {
                ("apps" or "extensions", "Deployment") => PlanDeployment(m, options, scale),
                ("apps", "StatefulSet") => PlanStatefulSet(m, options, scale),
                ("apps" or "extensions", "DaemonSet") => PlanDaemonSet(m, options),
                ("batch", "Job") => new PlanOutcome(m, JobPlanner.Plan(JobRequestOf(m.At("spec"), Subject(m), options, scale)), null),
                ("batch", "CronJob") => PlanCronJob(m, options),
                ("apps" or "extensions", "ReplicaSet") or ("", "ReplicationController") => PlanReplicaSet(m, options, scale),
                _ => new PlanOutcome(m, null, $"{m.Kind} has no rollout to plan"),
            };
            if (scale is null && outcome.Plan is { } plan && RevisionHistory.Applies(m))
            {
                outcome = outcome with { Plan = plan with { Notes = [.. plan.Notes, RevisionHistory.Note(m)] } };
            }

            return outcome;
        }
        catch (PlanningInputException e)
        {
            return new PlanOutcome(m, null, e.Message);
        }
    }

    private static PlanOutcome PlanDeployment(Manifest m, PlanningOptions options, int? scale)
    {
        var type = m.At("spec", "strategy", "type")?.String ?? "RollingUpdate";
        var strategy = type switch
        {
            "RollingUpdate" => DeploymentStrategyType.RollingUpdate,
            "Recreate" => DeploymentStrategyType.Recreate,
            _ => throw new PlanningInputException($"spec.strategy.type \"{type}\" is neither RollingUpdate nor Recreate"),
        };
        var rolling = m.At("spec", "strategy", "rollingUpdate");
        var request = new DeploymentRolloutRequest
        {
            Subject = Subject(m),
            Replicas = scale ?? Replicas(m),
            FromReplicas = scale is null ? options.FromReplicas : Replicas(m),
            Strategy = strategy,
            MaxSurge = strategy == DeploymentStrategyType.RollingUpdate ? Budget(rolling?.Get("maxSurge")) ?? DeploymentPlanner.DefaultBudget : null,
            MaxUnavailable = strategy == DeploymentStrategyType.RollingUpdate ? Budget(rolling?.Get("maxUnavailable")) ?? DeploymentPlanner.DefaultBudget : null,
            Timing = Timing(m, options.PodStartupSeconds),
            NewReplicaSetName = m.Name,
        };
        var paused = m.At("spec", "paused")?.Scalar?.Value is true;
        if (paused && scale is null)
        {
            return new PlanOutcome(m, Paused(m, DeploymentPlanner.PlanRollout(request)), null);
        }

        var planned = scale is null ? DeploymentPlanner.PlanRollout(request) : DeploymentPlanner.PlanScale(request);
        if (paused)
        {
            planned = planned with { Notes = [.. planned.Notes, "spec.paused: a paused Deployment still scales (deployment_controller.go syncDeployment runs sync, the proportional scaling of its ReplicaSets); only rollouts wait for kubectl rollout resume."] };
        }

        return new PlanOutcome(m, planned, null);
    }

    /// <summary>
    /// A paused Deployment's plan: deployment_controller.go syncDeployment only runs sync (scaling)
    /// while spec.paused is true, so a template change creates no ReplicaSet and replaces no pod.
    /// </summary>
    private static RolloutPlan Paused(Manifest m, RolloutPlan resumed)
    {
        var notes = new List<string>
        {
            "spec.paused: the Deployment controller only scales a paused Deployment; a pod-template change creates no new ReplicaSet and replaces no pod until it is resumed.",
            "Once resumed: " + resumed.Verdict + ".",
        };
        if (resumed.Parameters.FromReplicas != resumed.Parameters.Replicas)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"spec.replicas changes from {resumed.Parameters.FromReplicas} to {resumed.Parameters.Replicas}: that is applied while paused, by scaling the current ReplicaSets."));
        }

        return resumed with
        {
            Parameters = resumed.Parameters with { Paused = true },
            Steps = [],
            Notes = notes,
            TotalDuration = TimeSpan.Zero,
            Verdict = $"paused: nothing rolls out until `kubectl rollout resume deployment/{m.Name}`",
        };
    }

    private static PlanOutcome PlanStatefulSet(Manifest m, PlanningOptions options, int? scale)
    {
        var policy = m.At("spec", "podManagementPolicy")?.String ?? "OrderedReady";
        var type = m.At("spec", "updateStrategy", "type")?.String ?? "RollingUpdate";
        var rolling = m.At("spec", "updateStrategy", "rollingUpdate");
        var gate = FeatureGates.MaxUnavailableStatefulSet(options.KubernetesVersion);
        var request = new StatefulSetRolloutRequest
        {
            Subject = Subject(m),
            Replicas = scale ?? Replicas(m),
            FromReplicas = scale is null ? options.FromReplicas : Replicas(m),
            PodManagementPolicy = policy switch
            {
                "OrderedReady" => PodManagementPolicy.OrderedReady,
                "Parallel" => PodManagementPolicy.Parallel,
                _ => throw new PlanningInputException($"spec.podManagementPolicy \"{policy}\" is neither OrderedReady nor Parallel"),
            },
            UpdateStrategy = UpdateStrategy(type, "spec.updateStrategy.type"),
            Partition = Int(rolling?.Get("partition"), 0),
            MaxUnavailable = Budget(rolling?.Get("maxUnavailable")),
            MaxUnavailableGateEnabled = gate.Enabled,
            GateNote = gate.Note,
            OrdinalsStart = Int(m.At("spec", "ordinals", "start"), 0),
            Timing = Timing(m, options.PodStartupSeconds),
        };
        return new PlanOutcome(m, scale is null ? StatefulSetPlanner.PlanRollout(request) : StatefulSetPlanner.PlanScale(request), null);
    }

    private static PlanOutcome PlanDaemonSet(Manifest m, PlanningOptions options)
    {
        var type = m.At("spec", "updateStrategy", "type")?.String ?? "RollingUpdate";
        var rolling = m.At("spec", "updateStrategy", "rollingUpdate");
        var nodes = DaemonSetNodes(m, options.Nodes);
        if (nodes is null && options.NodeCount is null)
        {
            throw new PlanningInputException("a DaemonSet rolls node by node: give a node inventory (--nodes) or --node-count");
        }

        var request = new DaemonSetRolloutRequest
        {
            Subject = Subject(m),
            Nodes = nodes,
            NodeCount = nodes?.Count ?? options.NodeCount ?? 0,
            UpdateStrategy = UpdateStrategy(type, "spec.updateStrategy.type"),
            MaxUnavailable = Budget(rolling?.Get("maxUnavailable")),
            MaxSurge = Budget(rolling?.Get("maxSurge")),
            Timing = Timing(m, options.PodStartupSeconds),
        };
        return new PlanOutcome(m, DaemonSetPlanner.PlanRollout(request), null);
    }

    private static PlanOutcome PlanReplicaSet(Manifest m, PlanningOptions options, int? scale)
    {
        var selector = m.Kind == "ReplicationController"
            ? LabelSelector.FromLabels(m.At("spec", "selector") is { Mapping: not null } s ? LabelMap.Read(s.Node) : Workloads.TemplateLabels(m))
            : LabelSelector.Parse(m.At("spec", "selector")).Selector;
        var pods = options.Pods
            .Where(p => p.Namespace == m.Namespace && !selector.IsEmpty && selector.Matches(LabelMap.Read(p.At("metadata", "labels")?.Node)))
            .Select(PodDeletionRanking.Read)
            .ToList();
        var request = new ReplicaSetRequest
        {
            Subject = Subject(m),
            Replicas = scale ?? Replicas(m),
            FromReplicas = scale is null ? options.FromReplicas : Replicas(m),
            Timing = Timing(m, options.PodStartupSeconds),
            Pods = pods,
            Now = options.Now,
        };
        return new PlanOutcome(m, scale is null ? ReplicaSetPlanner.PlanRollout(request) : ReplicaSetPlanner.PlanScale(request), null);
    }

    /// <summary>A Job spec (a Job's spec or a CronJob's jobTemplate.spec) as the Job controller reads it.</summary>
    private static JobRequest JobRequestOf(Located? spec, PlanSubject subject, PlanningOptions options, int? parallelism)
    {
        var mode = spec?.Get("completionMode")?.String ?? "NonIndexed";
        if (mode is not ("NonIndexed" or "Indexed"))
        {
            throw new PlanningInputException($"spec.completionMode \"{mode}\" is neither NonIndexed nor Indexed");
        }

        var completions = spec?.Get("completions")?.Scalar?.AsInt64();
        var policy = spec?.At("podFailurePolicy", "rules");
        return new JobRequest
        {
            Subject = subject,
            Completions = completions is { } c ? (int)Math.Clamp(c, 0, int.MaxValue) : null,
            Parallelism = parallelism ?? Int(spec?.Get("parallelism"), 1),
            Indexed = mode == "Indexed",
            Suspend = spec?.Get("suspend")?.Scalar?.Value is true,
            BackoffLimit = spec?.Get("backoffLimit")?.Scalar?.AsInt64() is { } b ? (int)Math.Clamp(b, 0, int.MaxValue) : null,
            BackoffLimitPerIndex = spec?.Get("backoffLimitPerIndex")?.Scalar?.AsInt64() is { } p ? (int)Math.Clamp(p, 0, int.MaxValue) : null,
            MaxFailedIndexes = spec?.Get("maxFailedIndexes")?.Scalar?.AsInt64() is { } f ? (int)Math.Clamp(f, 0, int.MaxValue) : null,
            PodFailurePolicyActions = policy is null ? null : policy.Value.Items().Select(r => r.Get("action")?.String ?? "?").ToList(),
            ActiveDeadlineSeconds = spec?.Get("activeDeadlineSeconds")?.Scalar?.AsInt64() is { } d and >= 0 ? d : null,
            TtlSecondsAfterFinished = spec?.Get("ttlSecondsAfterFinished")?.Scalar?.AsInt64() is { } t and >= 0 ? t : null,
            RestartPolicy = spec?.At("template", "spec", "restartPolicy")?.String ?? "Always",
            HasSuccessPolicy = spec?.Get("successPolicy") is not null,
            ManagedBy = spec?.Get("managedBy")?.String,
            PodStartupSeconds = options.PodStartupSeconds,
            JobDurationSeconds = options.JobDurationSeconds,
        };
    }

    private static PlanOutcome PlanCronJob(Manifest m, PlanningOptions options)
    {
        var expression = m.At("spec", "schedule")?.String ?? throw new PlanningInputException("spec.schedule is missing");
        var zone = m.At("spec", "timeZone")?.String;
        var explained = CronExplanation.Explain(expression, zone, options.Now ?? DateTimeOffset.UnixEpoch, options.Now is null ? 0 : options.NextRunCount, options.KubernetesVersion);
        if (explained.Errors.Count > 0)
        {
            throw new PlanningInputException($"spec.schedule \"{expression}\" is rejected: {explained.Errors[0].Message}");
        }

        if (explained.TimeZoneError is { } zoneError)
        {
            throw new PlanningInputException($"spec.timeZone \"{zone}\" is invalid: {zoneError}");
        }

        var subject = Subject(m);
        var job = JobPlanner.Plan(JobRequestOf(m.At("spec", "jobTemplate", "spec"), subject, options, parallelism: null));
        var schedule = new CronJobSchedulePlan
        {
            Expression = expression,
            TimeZone = explained.TimeZone ?? CronExplanation.DefaultZone,
            Description = explained.NeverRuns ? "never runs: no date matches the schedule" : explained.Description ?? expression,
            NextRuns = explained.NextRuns,
            ConcurrencyPolicy = m.At("spec", "concurrencyPolicy")?.String ?? "Allow",
            StartingDeadlineSeconds = m.At("spec", "startingDeadlineSeconds")?.Scalar?.AsInt64(),
            Suspend = m.At("spec", "suspend")?.Scalar?.Value is true,
        };
        var plan = CronJobPlanner.Plan(
            job,
            schedule,
            m.At("spec", "successfulJobsHistoryLimit")?.Scalar?.AsInt64() is { } ok ? (int)Math.Clamp(ok, 0, int.MaxValue) : null,
            m.At("spec", "failedJobsHistoryLimit")?.Scalar?.AsInt64() is { } failed ? (int)Math.Clamp(failed, 0, int.MaxValue) : null);
        return new PlanOutcome(m, plan, null);
    }

    private static UpdateStrategyType UpdateStrategy(string type, string field) => type switch
    {
        "RollingUpdate" => UpdateStrategyType.RollingUpdate,
        "OnDelete" => UpdateStrategyType.OnDelete,
        _ => throw new PlanningInputException($"{field} \"{type}\" is neither RollingUpdate nor OnDelete"),
    };

    private static IntOrPercent? Budget(Located? at)
    {
        var (value, error) = ReadIntOrPercent(at);
        return error is null ? value : throw new PlanningInputException(error);
    }

    private static int ProbeSeconds(Located probe) =>
        Int(probe.Get("initialDelaySeconds"), 0) + (Int(probe.Get("periodSeconds"), 10) * Int(probe.Get("successThreshold"), 1));

    private static int Int(Located? at, int fallback) =>
        at?.Scalar?.AsInt64() is { } n ? (int)Math.Clamp(n, 0, int.MaxValue) : fallback;

    private sealed class PlanningInputException(string message) : Exception(message);
}
