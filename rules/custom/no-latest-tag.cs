// A custom KubePlan rule: container images must pin a tag (or a digest) other than latest.
// Use it with: kubeplan lint --rules rules/custom/no-latest-tag.cs k8s/
namespace Example.Rules;

public sealed class NoLatestTagRule : Rule
{
    public override RuleInfo Info { get; } = new(
        "example/no-latest-tag",
        Severity.Error,
        "images",
        "A container image without a tag, or tagged latest, so every pull may run different code.",
        "Pin the image to a version tag (web:1.4.2) or a digest (web@sha256:...).");

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var manifest in context.Manifests.All)
        {
            var podSpec = PodSpec(manifest);
            if (podSpec is null)
            {
                continue;
            }

            foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
            {
                foreach (var container in podSpec.Value.Get(list)?.Items() ?? [])
                {
                    if (container.Get("image") is not { String: { } image } at)
                    {
                        continue;
                    }

                    var tag = Tag(image);
                    if (tag is null || tag == "latest")
                    {
                        var name = container.Get("name")?.String ?? "?";
                        var what = tag is null ? "has no tag (so it means latest)" : "is tagged latest";
                        yield return Report(manifest, at, $"image \"{image}\" of container \"{name}\" {what}");
                    }
                }
            }
        }
    }

    /// <summary>The pod template's spec of a workload, or a Pod's own spec.</summary>
    private static Located? PodSpec(Manifest m) => m.Kind switch
    {
        "Pod" => m.At("spec"),
        "CronJob" => m.At("spec", "jobTemplate", "spec", "template", "spec"),
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "ReplicationController" => m.At("spec", "template", "spec"),
        _ => null,
    };

    /// <summary>The tag of an image reference; "" for a digest (pinned), null when there is none.</summary>
    private static string? Tag(string image)
    {
        if (image.Contains('@'))
        {
            return string.Empty;
        }

        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : null;
    }
}
