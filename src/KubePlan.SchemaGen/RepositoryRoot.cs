namespace KubePlan.SchemaGen;

internal static class RepositoryRoot
{
    /// <summary>The nearest folder at or above <paramref name="start"/> that holds KubePlan.sln; else <paramref name="start"/>.</summary>
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubePlan.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}
