using System.ComponentModel.DataAnnotations;
using System.Globalization;
using KubePlan.Planning;
using KubePlan.Planning.Output;
using KubePlan.Reporting;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "plan", Description = "Plan the rollout of every Deployment, StatefulSet, DaemonSet, ReplicaSet and ReplicationController and the run of every Job and CronJob, wave by wave; or, with --scale, the named resizes. Exit 1 when a workload or document could not be planned.")]
public sealed class PlanCommand(IConsole console)
{
    [Argument(0, Name = "PATHS", Description = "Files, directories (recursive) or - for stdin.")]
    [Required]
    public string[] Paths { get; set; } = [];

    [Option("--scale <RESIZE>", Description = "Plan only this resize, KIND/NAME=N (repeatable): deploy/web=5, sts/db=3, rs/web=2, rc/legacy=4, deploy/prod/web=5 for a namespace.")]
    public string[] Scale { get; set; } = [];

    [Option("--from-replicas <N>", Description = "The rollout also resizes: the workload runs N replicas before it (a scaling event comes first).")]
    public string? FromReplicas { get; set; }

    [Option("--pod-startup <DURATION>", Description = "Image pull and container start before readiness is probed: 10s (default), 1m, 90.")]
    public string? PodStartup { get; set; }

    [Option("--job-duration <DURATION>", Description = "How long one Job pod runs once started, an estimate for Job and CronJob plans: 1m (default), 30s, 1h.")]
    public string? JobDuration { get; set; }

    [Option("--from <TIME>", Description = "List a CronJob's next runs after this instant (ISO 8601, e.g. 2026-03-08T00:00:00Z); default now.")]
    public string? From { get; set; }

    [Option("--nodes <FILE>", Description = "A node inventory (kubectl get nodes -o yaml) for DaemonSets; Node objects in PATHS count too.")]
    public string? Nodes { get; set; }

    [Option("--node-count <N>", Description = "Without an inventory: how many nodes a DaemonSet runs on.")]
    public string? NodeCount { get; set; }

    [Option("--kubernetes-version <X.Y>", Description = "The target Kubernetes version (default 1.36); decides feature gates such as StatefulSet maxUnavailable.")]
    public string? KubernetesVersion { get; set; }

    [Option("-n|--namespace <NAMESPACE>", Description = "The namespace of objects that name none (default: default).")]
    public string? Namespace { get; set; }

    [Option("-f|--format <FORMAT>", Description = "text (default), json, markdown or svg.")]
    public string Format { get; set; } = "text";

    public int OnExecute()
    {
        var writer = PlanWriters.Find(Format) ?? throw new UsageException($"unknown --format '{Format}'; choose one of {PlanWriters.Names}");
        var scale = ParseScale(Scale);
        var from = Count(FromReplicas, "--from-replicas");
        if (from is not null && scale.Count > 0)
        {
            throw new UsageException("--from-replicas plans a rollout; --scale plans a resize alone: use one or the other");
        }

        var options = new PlanningOptions
        {
            KubernetesVersion = ConsoleSupport.ParseVersion(KubernetesVersion),
            PodStartupSeconds = ParseDuration(PodStartup, "--pod-startup") ?? new PlanningOptions().PodStartupSeconds,
            JobDurationSeconds = ParseDuration(JobDuration, "--job-duration") ?? JobPlanner.DefaultJobDurationSeconds,
            Now = ParseTime(From),
            FromReplicas = from,
            NodeCount = Count(NodeCount, "--node-count"),
            Nodes = Nodes is null ? [] : ConsoleSupport.Load([Nodes], console, Namespace).Manifests.Where(m => m.IsKind(string.Empty, "Node")).ToList(),
        };
        var input = ConsoleSupport.Load(Paths, console, Namespace);
        PlanReport report;
        try
        {
            report = PlanReport.Build(input, new PlanRequest { Scale = scale, Namespace = Namespace, Options = options });
        }
        catch (PlanRequestException e)
        {
            throw new UsageException(e.Message);
        }

        writer.Write(report, console.Out, new ReportOptions(ConsoleSupport.UseColor(console)));
        return report.HasProblems ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static List<ScaleRequest> ParseScale(IEnumerable<string> values)
    {
        try
        {
            return values.Select(ScaleRequest.Parse).ToList();
        }
        catch (PlanRequestException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int? Count(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new UsageException($"{option} must be a non-negative integer, got '{text}'");
    }

    private static DateTimeOffset ParseTime(string? text)
    {
        if (text is null)
        {
            return DateTimeOffset.UtcNow;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
            : throw new UsageException($"--from must be an ISO 8601 time such as 2026-03-08T00:00:00Z, got '{text}'");
    }

    /// <summary>Whole seconds: <c>90</c>, <c>90s</c>, <c>2m</c>, <c>1m30s</c>.</summary>
    private static int? ParseDuration(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var total = 0L;
        var number = 0L;
        var digits = 0;
        var sawUnit = false;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                number = Math.Min((number * 10) + (c - '0'), int.MaxValue);
                digits++;
                continue;
            }

            var unit = c switch { 'h' => 3600, 'm' => 60, 's' => 1, _ => 0 };
            if (unit == 0 || digits == 0)
            {
                throw new UsageException($"{option} must be a duration such as 10s, 1m or 1m30s, got '{text}'");
            }

            total += number * unit;
            number = 0;
            digits = 0;
            sawUnit = true;
        }

        if (digits > 0)
        {
            total += number;
        }
        else if (!sawUnit)
        {
            throw new UsageException($"{option} must be a duration such as 10s, 1m or 1m30s, got '{text}'");
        }

        return (int)Math.Min(total, int.MaxValue);
    }
}
