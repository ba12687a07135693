using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubePlan.Reporting;

namespace KubePlan.Planning.Output;

/// <summary>
/// The Plan contract of DESIGN.md (<c>schemas/plan.schema.json</c>): <c>plans</c> in input order,
/// the workloads that could not be planned under <c>problems</c>, unreadable input under
/// <c>inputProblems</c>. Durations are whole seconds; field order is fixed.
/// </summary>
public sealed class JsonPlanWriter : IPlanWriter
{
    public string Format => "json";

    public void Write(PlanReport report, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("plans");
            foreach (var plan in report.Plans)
            {
                WritePlan(json, plan);
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var entry in report.Entries.Where(e => e.Problem is not null))
            {
                json.WriteStartObject();
                json.WritePropertyName("object");
                WriteSubject(json, entry.Subject);
                json.WriteString("problem", entry.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("inputProblems");
            foreach (var p in report.InputProblems)
            {
                json.WriteStartObject();
                json.WriteString("file", p.File);
                json.WriteNumber("line", p.Line);
                json.WriteNumber("column", p.Column);
                json.WriteString("message", p.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    /// <summary>One plan as a JSON node (the <c>plan</c> object of the diff contract).</summary>
    public static JsonNode ToNode(RolloutPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            WritePlan(json, plan);
        }

        return JsonNode.Parse(stream.ToArray())!;
    }

    /// <summary>One element of <c>plans</c>.</summary>
    public static void WritePlan(Utf8JsonWriter json, RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(plan);
        json.WriteStartObject();
        json.WritePropertyName("object");
        WriteSubject(json, plan.Subject);
        json.WriteString("strategy", plan.Strategy);
        WriteParameters(json, plan.Parameters);
        json.WriteStartArray("steps");
        foreach (var step in plan.Steps)
        {
            WriteStep(json, step);
        }

        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in plan.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteString("verdict", plan.Verdict);
        json.WriteString("summary", PlanText.Summary(plan));
        json.WriteNumber("waves", plan.Steps.Count);
        json.WriteNumber("totalDurationSeconds", PlanText.Seconds(plan.TotalDuration));
        if (plan.Schedule is { } schedule)
        {
            json.WriteStartObject("schedule");
            json.WriteString("expression", schedule.Expression);
            json.WriteString("timeZone", schedule.TimeZone);
            json.WriteString("description", schedule.Description);
            json.WriteStartArray("nextRuns");
            foreach (var run in schedule.NextRuns)
            {
                json.WriteStringValue(run.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndArray();
            json.WriteString("concurrencyPolicy", schedule.ConcurrencyPolicy);
            if (schedule.StartingDeadlineSeconds is { } deadline)
            {
                json.WriteNumber("startingDeadlineSeconds", deadline);
            }

            json.WriteBoolean("suspend", schedule.Suspend);
            json.WriteEndObject();
        }

        if (plan.Endpoints is { } endpoints)
        {
            json.WriteStartArray("endpoints");
            foreach (var e in endpoints)
            {
                json.WriteStartObject();
                json.WriteString("service", e.Service);
                json.WriteNumber("replicas", e.Replicas);
                json.WriteNumber("totalReplicas", e.TotalReplicas);
                json.WriteNumber("percent", e.Percent);
                json.WriteStartArray("workloads");
                foreach (var w in e.Workloads)
                {
                    json.WriteStringValue(w);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteSubject(Utf8JsonWriter json, PlanSubject s)
    {
        json.WriteStartObject();
        json.WriteString("apiVersion", s.ApiVersion);
        json.WriteString("kind", s.Kind);
        if (s.Namespace is null)
        {
            json.WriteNull("namespace");
        }
        else
        {
            json.WriteString("namespace", s.Namespace);
        }

        json.WriteString("name", s.Name);
        json.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter json, PlanParameters p)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("replicas", p.Replicas);
        json.WriteNumber("fromReplicas", p.FromReplicas);
        WriteOptional(json, "maxSurge", p.MaxSurge);
        WriteOptional(json, "maxUnavailable", p.MaxUnavailable);
        WriteOptional(json, "partition", p.Partition);
        WriteOptional(json, "ordinalsStart", p.OrdinalsStart);
        if (p.PodManagementPolicy is not null)
        {
            json.WriteString("podManagementPolicy", p.PodManagementPolicy);
        }

        WriteOptional(json, "minReadySeconds", p.MinReadySeconds);
        WriteOptional(json, "completions", p.Completions);
        WriteOptional(json, "parallelism", p.Parallelism);
        if (p.CompletionMode is not null)
        {
            json.WriteString("completionMode", p.CompletionMode);
        }

        WriteOptional(json, "backoffLimit", p.BackoffLimit);
        WriteOptional(json, "jobDurationSeconds", p.JobDurationSeconds);
        if (p.Paused is { } paused)
        {
            json.WriteBoolean("paused", paused);
        }

        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, PlanStep s)
    {
        json.WriteStartObject();
        json.WriteNumber("step", s.Step);
        json.WriteNumber("oldReplicas", s.OldReplicas);
        json.WriteNumber("newReplicas", s.NewReplicas);
        json.WriteStartArray("actions");
        foreach (var a in s.Actions)
        {
            json.WriteStringValue(a);
        }

        json.WriteEndArray();
        json.WriteNumber("maxPods", s.MaxPods);
        json.WriteNumber("minAvailable", s.MinAvailable);
        json.WriteNumber("maxUnavailable", s.MaxUnavailable);
        if (s.Action is not null)
        {
            json.WriteString("action", s.Action);
        }

        if (s.Ordinals is not null)
        {
            json.WriteStartArray("ordinals");
            foreach (var o in s.Ordinals)
            {
                json.WriteNumberValue(o);
            }

            json.WriteEndArray();
        }

        if (s.Nodes is not null)
        {
            json.WriteStartArray("nodes");
            foreach (var n in s.Nodes)
            {
                json.WriteStringValue(n);
            }

            json.WriteEndArray();
        }

        WriteOptional(json, "completionsReached", s.CompletionsReached);
        if (s.Indexes is not null)
        {
            json.WriteStartArray("indexes");
            foreach (var i in s.Indexes)
            {
                json.WriteNumberValue(i);
            }

            json.WriteEndArray();
        }

        if (s.NewEndpointShare is { } share)
        {
            json.WriteNumber("newEndpointShare", share);
        }

        json.WriteNumber("durationSeconds", PlanText.Seconds(s.Duration));
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
