using KubePlan.Diagnostics;
using KubePlan.Manifests;

namespace KubePlan.Rules.Images;

/// <summary>
/// <c>imagePullPolicy: IfNotPresent</c> or <c>Never</c> with a mutable tag (none or <c>latest</c>):
/// a node that already holds an image under that tag keeps running it, so pods of one workload
/// run different code. The API server defaults the policy to <c>Always</c> for exactly these tags
/// (SetDefaults_Container); setting it otherwise undoes that.
/// </summary>
public sealed class ImagePullPolicyRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.ImagePullPolicy,
        Severity.Warning,
        "images",
        "imagePullPolicy IfNotPresent or Never on an image with a mutable tag (none or latest), so nodes keep running whichever version they pulled first.",
        "Pin the image to a version tag or digest, or leave imagePullPolicy unset (it defaults to Always for latest).")
    {
        Profiles = RuleProfiles.Strict,
    };

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var pod in context.PodSpecs)
        {
            foreach (var container in pod.Containers)
            {
                if (container.ImagePullPolicy is { String: "IfNotPresent" or "Never" } policyAt
                    && container.Image?.String is { Length: > 0 } image && ImageReference.Parse(image).IsLatest)
                {
                    yield return Report(pod.Manifest, policyAt,
                        $"imagePullPolicy {policyAt.String} on image \"{image}\" of {container.Describe()}: the tag moves, but a node that already pulled it keeps the old image, so pods of one workload run different versions");
                }
            }
        }
    }
}
