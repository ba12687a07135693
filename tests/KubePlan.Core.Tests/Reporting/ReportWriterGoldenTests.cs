using KubePlan.Reporting;

namespace KubePlan.Core.Tests.Reporting;

/// <summary>Every output format, rendered from the same report and checked against its golden file.</summary>
public class ReportWriterGoldenTests
{
    public static TheoryData<string, string> Formats() => new()
    {
        { "text", "report.text.txt" },
        { "json", "report.json" },
        { "sarif", "report.sarif" },
        { "junit", "report.junit.xml" },
        { "github", "report.github.txt" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Writer_MatchesItsGolden(string format, string golden)
    {
        // The tool version is not part of a format; a release must not need new goldens.
        Golden.Assert(golden, Render(format).Replace(ToolInfo.Version, "TOOL-VERSION", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Writer_IsDeterministic(string format, string golden)
    {
        _ = golden;
        Assert.Equal(Render(format), Render(format));
    }

    [Fact]
    public void EveryRegisteredFormat_HasAGolden()
    {
        var covered = Formats().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(ReportWriters.All, w => Assert.Contains(w.Format, covered));
    }

    internal static string Render(string format, ReportOptions? options = null)
    {
        var writer = ReportWriters.Find(format)!;
        using var output = new StringWriter { NewLine = "\n" };
        writer.Write(SampleReport.Build(), output, options ?? new ReportOptions(Rules: SampleReport.Rules));
        return output.ToString();
    }
}
