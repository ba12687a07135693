namespace KubePlan.Manifests;

/// <summary>
/// A file on disk as it was when read: its length and time of last change, so that reading it again
/// (a piece of a large file, a line for a code frame) can tell whether it is still the same file.
/// </summary>
internal readonly record struct DiskFile(string Path, long Length, DateTime Written)
{
    /// <summary>Whether the file on disk still has the length and time of last change it had when read.</summary>
    internal bool IsUnchanged()
    {
        var info = new FileInfo(Path);
        return info.Exists && info.Length == Length && info.LastWriteTimeUtc == Written;
    }
}
