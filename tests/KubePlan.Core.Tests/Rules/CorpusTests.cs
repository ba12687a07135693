using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules;

/// <summary>
/// Lints the realistic corpus (Corpus/): every error-level finding must be one that a
/// <c># expect: rule-id</c> comment announces on that line, and every announcement must fire.
/// Valid objects in the shapes Helm, kustomize and kubectl produce must raise no error at all.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CorpusRoot, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static string CorpusRoot => Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Corpus");

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_ErrorsAreExactlyTheSeededMistakes(string file)
    {
        var text = File.ReadAllText(Path.Combine(CorpusRoot, file));
        var report = Linter.Run(new ManifestLoader().LoadText(file, text), new LintOptions());
        var expected = RuleCatalog.BuiltIn
            .SelectMany(r => FixtureTests.ExpectedLines(text, r.Id).Select(line => $"{line} {r.Id}"))
            .Order(StringComparer.Ordinal).ToList();
        var actual = report.Diagnostics.Where(d => d.Severity == Severity.Error)
            .Select(d => $"{d.Line} {d.RuleId}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{file}: expected [{string.Join(", ", expected)}]\nactual errors:\n"
            + string.Join("\n", report.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => $"  {d.Line}:{d.Column} {d.RuleId}: {d.Message}")));
    }
}
