namespace KubePlan.Rules.Images;

/// <summary>A container image reference split as the container runtime reads it: <c>[registry/]repository[:tag][@digest]</c>.</summary>
internal readonly record struct ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>The tag a runtime pulls: an absent tag means <c>latest</c>.</summary>
    public bool IsLatest => Digest is null && (Tag is null || Tag == "latest");

    /// <summary>Splits the reference; the tag is after the last ':' that follows the last '/', so a registry port is not a tag.</summary>
    public static ImageReference Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash
            ? new ImageReference(image[..colon], image[(colon + 1)..], digest)
            : new ImageReference(image, null, digest);
    }
}
