using KubePlan.Manifests;
using System.Text.Json;
using KubePlan.Reporting;

namespace KubePlan.Scheduling;

/// <summary>One output format of <c>kubeplan fit</c>.</summary>
public interface IFitReportWriter
{
    string Format { get; }

    void Write(FitReport report, TextWriter output);
}

/// <summary>The fit output formats, by name.</summary>
public static class FitReportWriters
{
    private static readonly IFitReportWriter[] All = [new FitTextWriter(), new FitJsonWriter()];

    public static string Names => string.Join(", ", All.Select(w => w.Format));

    public static IFitReportWriter? Find(string format) => All.FirstOrDefault(w => w.Format == format);
}

/// <summary>For a terminal: per workload, the nodes it fits and, grouped by reason, the others.</summary>
public sealed class FitTextWriter : IFitReportWriter
{
    public string Format => "text";

    public void Write(FitReport report, TextWriter output)
    {
        foreach (var w in report.Workloads)
        {
            var fitting = w.Fitting.Select(n => n.Name).ToList();
            output.WriteLine($"{w.Workload.Ref} ({w.Workload.File.Path}:{w.Workload.Root.Start.Line}): fits {fitting.Count} of {Count(report.Nodes.Count, "node")}");
            if (fitting.Count > 0)
            {
                output.WriteLine("  fits: " + string.Join(", ", fitting));
            }

            foreach (var group in NodeGroups.Group(w.Rejected.Select(r => (r.Node, string.Join(" and ", r.Reasons))), report.Nodes))
            {
                output.WriteLine("  " + group);
            }
        }

        var failing = report.Workloads.Count(w => !w.FitsAnyNode);
        output.WriteLine($"{Count(report.Workloads.Count, "workload")}, {Count(report.Nodes.Count, "node")}: "
            + (failing == 0 ? "every workload fits a node" : $"{failing} {(failing == 1 ? "fits" : "fit")} no node"));
    }

    private static string Count(int n, string noun) => n + " " + noun + (n == 1 ? string.Empty : "s");
}

/// <summary>For scripts: every workload with every node's verdict.</summary>
public sealed class FitJsonWriter : IFitReportWriter
{
    public string Format => "json";

    public void Write(FitReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonFormatting.Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("workloads");
            foreach (var w in report.Workloads)
            {
                json.WriteStartObject();
                json.WritePropertyName("object");
                JsonFormatting.WriteObjectRef(json, w.Workload.Ref);
                json.WriteString("file", w.Workload.File.Path);
                json.WriteNumber("line", w.Workload.Root.Start.Line);
                json.WriteBoolean("fits", w.FitsAnyNode);
                json.WriteStartArray("nodes");
                foreach (var node in w.Fitting)
                {
                    json.WriteStringValue(node.Name);
                }

                json.WriteEndArray();
                json.WriteStartArray("rejected");
                foreach (var rejected in w.Rejected)
                {
                    json.WriteStartObject();
                    json.WriteString("node", rejected.Node.Name);
                    json.WriteStartArray("reasons");
                    foreach (var reason in rejected.Reasons)
                    {
                        json.WriteStringValue(reason);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("workloads", report.Workloads.Count);
            json.WriteNumber("nodes", report.Nodes.Count);
            json.WriteNumber("unschedulable", report.Workloads.Count(w => !w.FitsAnyNode));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }
}
