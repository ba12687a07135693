using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using KubePlan.Manifests;

namespace KubePlan.Sources;

/// <summary>Reading manifests at a git revision could not be done as asked (no git, not a repository, unknown revision).</summary>
public sealed class GitSourceException(string message) : Exception(message);

/// <summary>
/// Reads the manifests under some paths as they are at a git revision, with git itself
/// (<c>git ls-tree</c> and <c>git cat-file</c>, run with an argument list, no shell, no
/// checkout). Files are shown as <c>REV:path</c>, the path relative to the repository root.
/// </summary>
public sealed class GitRevisionSource
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private GitRevisionSource(string root, string revision)
    {
        Root = root;
        Revision = revision;
    }

    /// <summary>The top-level folder of the repository.</summary>
    public string Root { get; }

    public string Revision { get; }

    /// <summary>Finds the repository that holds the paths and checks that the revision names a commit.</summary>
    public static GitRevisionSource Open(string revision, IReadOnlyList<string> paths, string? workingDirectory = null)
    {
        var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
        if (string.IsNullOrWhiteSpace(revision) || revision.StartsWith('-'))
        {
            throw new GitSourceException($"'{revision}' is not a git revision");
        }

        string? root = null;
        foreach (var path in paths.DefaultIfEmpty("."))
        {
            var dir = NearestExistingFolder(Path.GetFullPath(path, cwd));
            var (code, output, error) = Run(dir, ["rev-parse", "--show-toplevel"]);
            if (code != 0)
            {
                throw new GitSourceException($"{path} is not inside a git repository ({FirstLine(error)})");
            }

            var top = Path.GetFullPath(output.Trim());
            if (root is not null && root != top)
            {
                throw new GitSourceException($"the paths are in different git repositories ({root} and {top})");
            }

            root = top;
        }

        var (verify, _, _) = Run(root!, ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]);
        if (verify != 0)
        {
            throw new GitSourceException($"unknown git revision '{revision}'");
        }

        return new GitRevisionSource(root!, revision);
    }

    /// <summary>The manifest files under the paths at the revision, relative to the repository root, sorted.</summary>
    public List<string> ListFiles(IReadOnlyList<string> paths, string? workingDirectory = null)
    {
        var cwd = workingDirectory ?? Directory.GetCurrentDirectory();
        var specs = paths.DefaultIfEmpty(".").Select(p => ToRepoPath(Path.GetFullPath(p, cwd))).ToList();
        List<string> args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", Revision, "--"];
        args.AddRange(specs.Select(s => s.Length == 0 ? "." : s));
        var (code, output, error) = Run(Root, args);
        if (code != 0)
        {
            throw new GitSourceException($"git ls-tree failed at '{Revision}': {FirstLine(error)}");
        }

        var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Split('/').SkipLast(1).Any(part => part.StartsWith('.')))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Loads the manifests under the paths at the revision through the same loader as files on disk.</summary>
    public LoadResult Load(IReadOnlyList<string> paths, ManifestLoader loader, string? workingDirectory = null)
    {
        var result = new LoadResult();
        var files = ListFiles(paths, workingDirectory);
        if (files.Count == 0)
        {
            return result;
        }

        foreach (var (file, bytes) in ReadBlobs(files))
        {
            result.Add(loader.LoadBytes(Revision + ":" + file, bytes));
        }

        return result;
    }

    /// <summary>Reads the blobs with one <c>git cat-file --batch</c> process rather than one process per file.</summary>
    private IEnumerable<(string File, byte[] Bytes)> ReadBlobs(List<string> files)
    {
        var info = Start(Root, ["cat-file", "--batch"]);
        using var process = Process.Start(info) ?? throw new GitSourceException("git could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            using var input = process.StandardInput;
            foreach (var f in files)
            {
                input.Write(Revision + ":" + f + "\n");
            }
        });
        var stream = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        var blobs = new List<(string, byte[])>(files.Count);
        foreach (var file in files)
        {
            var header = ReadLine(stream) ?? throw new GitSourceException($"git cat-file stopped before {file}");
            var parts = header.Split(' ');
            if (parts.Length < 3 || parts[1] != "blob" || !long.TryParse(parts[2], out var size) || size > int.MaxValue)
            {
                continue; // "missing" or a submodule entry: nothing to read
            }

            var bytes = new byte[size];
            stream.ReadExactly(bytes);
            stream.ReadByte(); // the newline after the content
            blobs.Add((file, bytes));
        }

        writer.Wait();
        process.WaitForExit();
        _ = stderr.Result;
        return blobs;
    }

    private static string? ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            bytes.Add((byte)b);
        }

        return b < 0 && bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
    }

    private string ToRepoPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
        if (relative == ".")
        {
            return string.Empty;
        }

        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? throw new GitSourceException($"{fullPath} is outside the git repository at {Root}")
            : relative;
    }

    private static string NearestExistingFolder(string path)
    {
        var current = path;
        while (!Directory.Exists(current))
        {
            var parent = Path.GetDirectoryName(current);
            if (parent is null || parent == current)
            {
                return Directory.GetCurrentDirectory();
            }

            current = parent;
        }

        return current;
    }

    private static ProcessStartInfo Start(string directory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Plain, locale-independent output whatever the user's configuration.
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        return info;
    }

    private static (int Code, string Output, string Error) Run(string directory, IEnumerable<string> args)
    {
        try
        {
            using var process = Process.Start(Start(directory, args)) ?? throw new GitSourceException("git could not be started");
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (Win32Exception)
        {
            throw new GitSourceException("git is not installed or not on PATH; --base needs git to read the old revision");
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? "git gave no reason" : line;
    }
}
