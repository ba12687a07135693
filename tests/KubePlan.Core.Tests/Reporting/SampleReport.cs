using KubePlan.Core.Tests.Rules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Reporting;

/// <summary>
/// The lint report every format's golden is rendered from: <c>Golden/k8s/*.yaml</c> linted with a fixed
/// set of rules (two built-in, two defined here), so that rules added to the catalogue later do not
/// change the goldens.
/// </summary>
public static class SampleReport
{
    public static string GoldenDirectory { get; } = Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Reporting", "Golden");

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        RuleCatalog.Find(RuleIds.ManifestStructure)!,
        RuleCatalog.Find(RuleIds.YamlSyntax)!,
        new SampleImageTagRule(),
        new SampleAnnotationRule(),
    ];

    public static LintReport Build()
    {
        var loader = new ManifestLoader();
        var input = new LoadResult();
        foreach (var name in new[] { "clean.yaml", "web.yaml" })
        {
            var text = File.ReadAllText(Path.Combine(GoldenDirectory, "k8s", name)).ReplaceLineEndings("\n");
            input.Add(loader.LoadText("k8s/" + name, text));
        }

        return Linter.Run(input, new LintOptions(), rules: Rules);
    }

    /// <summary>A warning with the rule's own remediation as hint.</summary>
    private sealed class SampleImageTagRule : Rule
    {
        public override RuleInfo Info { get; } = new("sample-image-tag", Severity.Warning, "sample", "A container image that floats with the latest tag.", "Pin the image to a version tag or a digest.");

        public override IEnumerable<Diagnostic> Check(AnalysisContext context)
        {
            foreach (var m in context.Manifests.All)
            {
                foreach (var c in m.At("spec", "template", "spec", "containers")?.Items() ?? [])
                {
                    if (c.Get("image") is { String: { } image } at && image.EndsWith(":latest", StringComparison.Ordinal))
                    {
                        yield return Report(m, at, $"container image \"{image}\" uses the latest tag");
                    }
                }
            }
        }
    }

    /// <summary>An info whose message carries text every format must escape: %, comma, colon, markup, quotes, CR LF.</summary>
    private sealed class SampleAnnotationRule : Rule
    {
        public override RuleInfo Info { get; } = new("sample-annotation", Severity.Info, "sample", "An annotation worth a look.", "Nothing to fix.");

        public override IEnumerable<Diagnostic> Check(AnalysisContext context)
        {
            foreach (var m in context.Manifests.All)
            {
                if (m.At("metadata", "annotations", "note") is { String: { } note } at)
                {
                    yield return Report(m, at, "note reads: " + note, hint: "Hints, too, may hold 100% of: anything.");
                }
            }
        }
    }
}
