using System.Text;
using System.Text.Json;
using KubePlan.Diagnostics;
using KubePlan.Reporting;
using KubePlan.Rules;

namespace KubePlan.Suppressions;

/// <summary>A baseline file that cannot be used, with the reason.</summary>
public sealed class BaselineException(string message) : Exception(message);

/// <summary>
/// The findings a repository had when it adopted KubePlan, by fingerprint, so that a gate fails only
/// on new ones. The file is small and diff-friendly: one finding per line, sorted by fingerprint,
/// each with its rule, object and path for a reader (only the fingerprint is compared).
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    private Baseline(IReadOnlySet<string> fingerprints) => Fingerprints = fingerprints;

    public IReadOnlySet<string> Fingerprints { get; }

    /// <summary>The baseline file's text for a report's findings.</summary>
    public static string Write(LintReport report)
    {
        var text = new StringBuilder();
        text.Append("{\n  \"tool\": \"kubeplan\",\n  \"version\": ").Append(FormatVersion).Append(",\n  \"findings\": [");
        var entries = report.Diagnostics.Where(d => d.Fingerprint is not null)
            .OrderBy(d => d.Fingerprint, StringComparer.Ordinal)
            .Select(Entry)
            .ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            text.Append(i == 0 ? "\n    " : ",\n    ").Append(entries[i]);
        }

        text.Append(entries.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return text.ToString();
    }

    /// <summary>Reads a baseline file; a missing, unreadable or malformed one is a <see cref="BaselineException"/> saying why.</summary>
    public static Baseline Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException(e is FileNotFoundException or DirectoryNotFoundException
                ? $"{path}: no such baseline file (create it with --write-baseline {path})"
                : $"{path}: cannot read the baseline: {e.Message}");
        }

        return Parse(path, text);
    }

    public static Baseline Parse(string path, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new BaselineException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a baseline file: the JSON does not parse ({FirstSentence(e.Message)})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new BaselineException($"{path}: not a baseline file: it needs \"version\" and a \"findings\" list (write one with --write-baseline)");
            }

            if (!version.TryGetInt32(out var v) || v != FormatVersion)
            {
                throw new BaselineException($"{path}: baseline version {version.GetRawText()} is not supported (this kubeplan writes version {FormatVersion}); write it again with --write-baseline");
            }

            var fingerprints = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var entry in findings.EnumerateArray())
            {
                index++;
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("fingerprint", out var fp) || fp.ValueKind != JsonValueKind.String || fp.GetString() is not { Length: > 0 } fingerprint)
                {
                    throw new BaselineException($"{path}: finding {index} of the baseline has no \"fingerprint\" string");
                }

                fingerprints.Add(fingerprint);
            }

            return new Baseline(fingerprints);
        }
    }

    /// <summary>The report without the findings this baseline holds, counting them and the baseline's findings no longer found.</summary>
    public LintReport Apply(LintReport report)
    {
        var kept = report.Diagnostics.Where(d => d.Fingerprint is null || !Fingerprints.Contains(d.Fingerprint)).ToList();
        var current = report.Diagnostics.Select(d => d.Fingerprint).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var counts = new BaselineCounts(report.Diagnostics.Count - kept.Count, Fingerprints.Count(f => !current.Contains(f)));
        var summary = Linter.Count(kept, report.Summary.Files, report.Summary.Documents) with { Suppressed = report.Summary.Suppressed, Baseline = counts };
        return new LintReport(kept, summary, report.KubernetesVersion, report.Sources) { Suppressed = report.Suppressed };
    }

    private static string Entry(Diagnostic d)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JsonFormatting.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", d.Fingerprint);
            json.WriteString("ruleId", d.RuleId);
            if (d.Object is { } o)
            {
                json.WriteString("object", SarifReportWriter.FullyQualifiedName(o));
            }
            else
            {
                json.WriteString("file", d.File);
            }

            if (d.Path is not null)
            {
                json.WriteString("path", d.Path);
            }

            if (d.Container is not null)
            {
                json.WriteString("container", d.Container);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message.TrimEnd('.');
    }
}
