using DotNet.Globbing;

namespace KubePlan.Configuration;

/// <summary>
/// The configuration's <c>include</c> and <c>exclude</c> path globs. A glob is matched against the
/// file's path relative to the configuration file's folder, with forward slashes; it also matches
/// every file below a folder it matches (<c>vendor</c> excludes <c>vendor/a/b.yaml</c>), and a glob
/// without a slash matches at any depth, as in <c>.gitignore</c> (<c>*.tmpl.yaml</c>). Files outside
/// that folder, and stdin, are never filtered.
/// </summary>
public sealed class PathFilter
{
    private readonly string _root;
    private readonly List<Glob> _include;
    private readonly List<Glob> _exclude;

    public PathFilter(string baseDirectory, IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _root = Path.GetFullPath(baseDirectory);
        _include = include.Select(Compile).ToList();
        _exclude = exclude.Select(Compile).ToList();
    }

    public bool IsEmpty => _include.Count == 0 && _exclude.Count == 0;

    /// <summary>Whether the text is a glob this filter can use.</summary>
    public static bool IsValidGlob(string glob)
    {
        try
        {
            _ = Compile(glob);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>Whether a file given or found on the command line is linted.</summary>
    public bool Includes(string path)
    {
        if (IsEmpty || path == Manifests.ManifestLoader.StdinPath)
        {
            return true;
        }

        var relative = Path.GetRelativePath(_root, Path.GetFullPath(path)).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
        {
            return true;
        }

        var candidates = Candidates(relative).ToList();
        if (_include.Count > 0 && !_include.Any(g => candidates.Any(g.IsMatch)))
        {
            return false;
        }

        return !_exclude.Any(g => candidates.Any(g.IsMatch));
    }

    /// <summary>The path and each folder above it: a glob that matches a folder covers what is in it.</summary>
    private static IEnumerable<string> Candidates(string relative)
    {
        yield return relative;
        for (var slash = relative.LastIndexOf('/'); slash > 0; slash = relative.LastIndexOf('/', slash - 1))
        {
            yield return relative[..slash];
        }
    }

    private static Glob Compile(string glob)
    {
        var pattern = glob.Replace('\\', '/').TrimEnd('/');
        if (pattern.StartsWith("./", StringComparison.Ordinal))
        {
            pattern = pattern[2..];
        }
        else if (pattern.StartsWith('/'))
        {
            pattern = pattern[1..];
        }
        else if (!pattern.Contains('/', StringComparison.Ordinal))
        {
            pattern = "**/" + pattern;
        }

        if (pattern.Length == 0)
        {
            throw new ArgumentException("empty glob");
        }

        return Glob.Parse(pattern);
    }
}
