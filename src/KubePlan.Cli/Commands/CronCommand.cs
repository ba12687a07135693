using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using KubePlan.Cron;
using KubePlan.Reporting;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Commands;

[Command(Name = "cron", Description = "Explain a CronJob schedule in plain English and list its next runs, as Kubernetes runs it.")]
public sealed class CronCommand(IConsole console)
{
    [Argument(0, Name = "EXPR", Description = "The schedule, quoted: \"*/15 9-17 * * 1-5\".")]
    [Required]
    public string Schedule { get; set; } = string.Empty;

    [Option("-z|--time-zone <ZONE>", Description = "The CronJob's spec.timeZone (IANA name); default Etc/UTC, the controller's usual zone.")]
    public string? TimeZone { get; set; }

    [Option("-n|--count <N>", Description = "How many next runs to list (default 5, at most 100).")]
    public int Count { get; set; } = 5;

    [Option("--from <TIME>", Description = "List runs after this instant (ISO 8601, e.g. 2026-03-08T00:00:00Z); default now.")]
    public string? From { get; set; }

    [Option("--kubernetes-version <X.Y>", Description = "The target Kubernetes version (default 1.36).")]
    public string? KubernetesVersion { get; set; }

    [Option("-f|--format <FORMAT>", Description = "text (default) or json.")]
    public string Format { get; set; } = "text";

    public int OnExecute()
    {
        if (Count is < 1 or > 100)
        {
            throw new UsageException("--count must be between 1 and 100");
        }

        if (Format is not ("text" or "json"))
        {
            throw new UsageException($"unknown --format '{Format}'; choose text or json");
        }

        var from = DateTimeOffset.UtcNow;
        if (From is not null && !DateTimeOffset.TryParse(From, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            throw new UsageException($"--from must be an ISO 8601 time such as 2026-03-08T00:00:00Z, got '{From}'");
        }

        var result = CronExplanation.Explain(Schedule, TimeZone, from, Count, ConsoleSupport.ParseVersion(KubernetesVersion));
        if (Format == "json")
        {
            WriteJson(result);
        }
        else
        {
            WriteText(result, new Ansi(ConsoleSupport.UseColor(console)));
        }

        return result.IsValid ? ExitCodes.Clean : ExitCodes.Findings;
    }

    private void WriteText(CronExplanation r, Ansi ansi)
    {
        var output = console.Out;
        foreach (var error in r.Errors)
        {
            output.WriteLine($"schedule:1:{error.Offset + 1}: {ansi.Red("error")} {ansi.Dim("cron-schedule")}: {error.Message}");
            output.WriteLine($"  {r.Schedule}");
            output.WriteLine($"  {new string(' ', error.Offset)}{ansi.Red(new string('^', Math.Max(1, error.Length)))}");
        }

        if (r.TimeZoneError is not null)
        {
            output.WriteLine($"time-zone: {ansi.Red("error")} {ansi.Dim("cron-timezone")}: timeZone \"{r.TimeZone}\" is invalid: {r.TimeZoneError}");
        }

        if (!r.IsValid)
        {
            return;
        }

        output.WriteLine($"{ansi.Bold("schedule")}  {r.Schedule}");
        output.WriteLine($"{ansi.Bold("meaning")}   {r.Description}");
        output.WriteLine($"{ansi.Bold("zone")}      {r.TimeZone}");
        if (r.NeverRuns)
        {
            output.WriteLine($"{ansi.Yellow("warning")} {ansi.Dim("cron-never-runs")}: this schedule never fires; no month has such a day");
            return;
        }

        output.WriteLine($"{ansi.Bold("next runs")}");
        foreach (var run in r.NextRuns)
        {
            output.WriteLine($"  {run.ToString("yyyy-MM-dd HH:mm (ddd) zzz", CultureInfo.InvariantCulture)}   {run.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        }
    }

    private void WriteJson(CronExplanation r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteString("schedule", r.Schedule);
            json.WriteString("timeZone", r.TimeZone);
            json.WriteBoolean("valid", r.IsValid);
            json.WriteStartArray("errors");
            foreach (var e in r.Errors)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", "cron-schedule");
                json.WriteString("message", e.Message);
                json.WriteNumber("column", e.Offset + 1);
                json.WriteEndObject();
            }

            if (r.TimeZoneError is not null)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", "cron-timezone");
                json.WriteString("message", r.TimeZoneError);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("description", r.Description);
            json.WriteBoolean("neverRuns", r.NeverRuns);
            json.WriteStartArray("nextRuns");
            foreach (var run in r.NextRuns)
            {
                json.WriteStringValue(run.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
