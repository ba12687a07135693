using System.Globalization;
using System.Text;
using System.Xml;
using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Reporting;

/// <summary>
/// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).
/// </summary>
/// <remarks>
/// The mapping, chosen so that a CI test view agrees with the exit code:
/// <list type="bullet">
/// <item>one <c>testsuite</c> per file that was read, in path order (a file with no findings still appears, as passing);</item>
/// <item>one <c>testcase</c> per finding, named <c>rule-id: object</c> (or <c>rule-id</c> when the finding is not about an object),
/// with the file as <c>classname</c>; a file without findings has a single passing testcase named <c>lint</c>;</item>
/// <item>a finding at or above the <c>--fail-on</c> threshold (default error) holds a <c>failure</c> with the location, message and hint;
/// a finding below it passes and carries its text in <c>system-out</c>, so warnings stay visible without failing the build.</item>
/// </list>
/// No timestamps or durations, so the output is byte-for-byte deterministic. Characters XML 1.0 cannot
/// carry are replaced by U+FFFD.
/// </remarks>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(LintReport report, TextWriter output, ReportOptions options)
    {
        var byFile = report.Diagnostics.GroupBy(d => d.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var files = report.Sources.Select(s => s.Path).Concat(byFile.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var failures = report.Diagnostics.Count(d => d.Severity >= options.FailOn);
        var tests = files.Sum(f => byFile.TryGetValue(f, out var list) ? list.Count : 1);

        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", ToolInfo.Name);
            xml.WriteAttributeString("tests", Number(tests));
            xml.WriteAttributeString("failures", Number(failures));
            xml.WriteAttributeString("errors", "0");
            foreach (var file in files)
            {
                var findings = byFile.TryGetValue(file, out var list) ? list : [];
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Clean(file));
                xml.WriteAttributeString("tests", Number(Math.Max(1, findings.Count)));
                xml.WriteAttributeString("failures", Number(findings.Count(d => d.Severity >= options.FailOn)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", "0");
                if (findings.Count == 0)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", "lint");
                    xml.WriteAttributeString("classname", Clean(file));
                    xml.WriteEndElement();
                }

                foreach (var d in findings)
                {
                    WriteCase(xml, d, options.FailOn);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteCase(XmlWriter xml, Diagnostic d, Severity failOn)
    {
        var location = $"{d.File}:{d.Line}:{d.Column}";
        var body = $"{location}: {d.Severity.ToName()} {d.RuleId}: {d.Message}" + (d.Hint is null ? string.Empty : "\nhint: " + d.Hint);
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(d.Object is { } o ? $"{d.RuleId}: {o}" : d.RuleId));
        xml.WriteAttributeString("classname", Clean(d.File));
        xml.WriteAttributeString("file", Clean(d.File));
        xml.WriteAttributeString("line", Number(d.Line));
        if (d.Severity >= failOn)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean($"{location}: {d.Message}"));
            xml.WriteAttributeString("type", d.Severity.ToName());
            xml.WriteString(Clean(body));
            xml.WriteEndElement();
        }
        else
        {
            xml.WriteElementString("system-out", Clean(body));
        }

        xml.WriteEndElement();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Replaces what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD.</summary>
    internal static string Clean(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = XmlConvert.IsXmlChar(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (!ok && builder is null)
            {
                builder = new StringBuilder(text.Length).Append(text, 0, i);
            }

            builder?.Append(ok ? c : '\uFFFD');
        }

        return builder?.ToString() ?? text;
    }
}
