using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Planning;
using static System.FormattableString;

namespace KubePlan.Rules.Rollout;

/// <summary>
/// A Deployment whose rollout has a wave longer than <c>progressDeadlineSeconds</c>: nothing
/// changes during a wave (the controller waits for pods to become available), so the controller
/// sets Progressing=False with reason ProgressDeadlineExceeded mid-rollout, and tools that wait on
/// the rollout (<c>kubectl rollout status</c>, GitOps health checks) report it failed.
/// </summary>
public sealed class ProgressDeadlineRiskRule : Rule
{
    /// <summary>SetDefaults_Deployment.</summary>
    public const int DefaultProgressDeadlineSeconds = 600;

    public override RuleInfo Info { get; } = new(
        RuleIds.ProgressDeadlineRisk,
        Severity.Warning,
        "rollout",
        "A Deployment whose rollout has a wave that takes longer than progressDeadlineSeconds, so the rollout is reported as failed while it is still progressing.",
        "Raise progressDeadlineSeconds above the slowest wave, or make new pods ready sooner (shorter readiness probe delays or minReadySeconds).");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var options = new PlanningOptions { KubernetesVersion = context.Options.KubernetesVersion };
        foreach (var m in context.Manifests.All.Where(RolloutRisk.IsDeployment))
        {
            var deadlineAt = m.At("spec", "progressDeadlineSeconds");
            var deadline = deadlineAt?.Scalar?.AsInt64() ?? DefaultProgressDeadlineSeconds;

            // HasProgressDeadline: MaxInt32 means "no deadline".
            if (deadline is <= 0 or >= int.MaxValue)
            {
                continue;
            }

            // A wave waits for new pods to become available, and under Recreate for old ones to
            // terminate first; nothing else takes time. When that fits the deadline, so does every
            // wave, and the rollout need not be planned (most Deployments end here).
            var timing = WorkloadPlanning.Timing(m, options.PodStartupSeconds);
            var longestWave = NotNegative(timing.TimeToAvailable) + (Workloads.StrategyType(m) == "Recreate" ? NotNegative(timing.TimeToTerminate) : TimeSpan.Zero);
            if (longestWave.TotalSeconds <= deadline || WorkloadPlanning.PlanRollout(m, options).Plan is not { Steps.Count: > 0 } plan)
            {
                continue;
            }

            // minReadySeconds at or above the deadline is rejected by the API server (api-validation reports it).
            if (timing.MinReadySeconds >= deadline)
            {
                continue;
            }

            var slowest = plan.Steps.OrderByDescending(s => s.Duration).ThenBy(s => s.Step).First();
            if (slowest.Duration.TotalSeconds <= deadline)
            {
                continue;
            }

            var why = Invariant($"wave {slowest.Step} of {plan.Steps.Count} takes about {DurationText.Format(slowest.Duration)} (startup {timing.StartupSeconds}s + readiness {timing.ReadinessSeconds}s + minReadySeconds {timing.MinReadySeconds}s)");
            if (deadlineAt is { } deadlineField)
            {
                yield return Report(m, deadlineField,
                    Invariant($"{why}, longer than progressDeadlineSeconds {deadline}: Deployment \"{m.Name}\" will report ProgressDeadlineExceeded in the middle of its rollout"));
            }
            else
            {
                var (slowPart, atKey) = SlowPart(m, timing);
                yield return Report(m, slowPart,
                    Invariant($"{why}, longer than the default progressDeadlineSeconds of {deadline}: Deployment \"{m.Name}\" will report ProgressDeadlineExceeded in the middle of its rollout"),
                    atKey: atKey);
            }
        }
    }

    private static TimeSpan NotNegative(TimeSpan duration) => duration > TimeSpan.Zero ? duration : TimeSpan.Zero;

    /// <summary>With the deadline defaulted, what makes the wave slow: minReadySeconds or the slowest readiness probe.</summary>
    private static (Located At, bool AtKey) SlowPart(Manifest m, PodTiming timing)
    {
        if (m.At("spec", "minReadySeconds") is { } minReady && timing.MinReadySeconds >= timing.ReadinessSeconds)
        {
            return (minReady, false);
        }

        var probes = Workloads.PodSpec(m) is { } spec
            ? Workloads.Containers(spec).Select(c => c.Get("readinessProbe")).OfType<Located>().ToList()
            : [];
        var slowest = probes.OrderByDescending(ProbeSeconds).FirstOrDefault();
        return probes.Count > 0 ? (slowest, true) : (m.At("spec") ?? m.Located, true);
    }

    private static long ProbeSeconds(Located probe) =>
        (probe.Get("initialDelaySeconds")?.Scalar?.AsInt64() ?? 0)
        + ((probe.Get("periodSeconds")?.Scalar?.AsInt64() ?? 10) * (probe.Get("successThreshold")?.Scalar?.AsInt64() ?? 1));
}
