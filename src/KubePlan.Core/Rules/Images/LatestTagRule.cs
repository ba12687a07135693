using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Images;

/// <summary>
/// An image without a tag or tagged <c>latest</c>: what runs changes whenever the registry moves
/// the tag, and a rollback cannot return to the previous version. A digest pins the image.
/// </summary>
public sealed class LatestTagRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.LatestTag,
        Severity.Warning,
        "images",
        "A container image without a tag or tagged latest, so what runs changes with the registry and a rollback cannot go back.",
        "Pin the image to a version tag (nginx:1.27.3) or a digest (nginx@sha256:…).")
    {
        Profiles = RuleProfiles.Recommended | RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                if (container.Image is { String: { Length: > 0 } image } at && ImageReference.Parse(image) is { IsLatest: true } reference)
                {
                    var why = reference.Tag is null ? "has no tag, so it means latest" : "is tagged latest";
                    yield return Report(pod.Manifest, at, $"image \"{image}\" of {container.Describe()} {why}: each node runs whatever the tag pointed to when it pulled, and a rollback cannot return to the previous version");
                }
            }
        }
    }
}
