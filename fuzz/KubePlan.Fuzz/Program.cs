using System.Text;
using KubePlan.Manifests;
using KubePlan.Reporting;
using KubePlan.Rules;
using SharpFuzz;

namespace KubePlan.Fuzz;

/// <summary>
/// Fuzz target: the reader and the whole lint pipeline (load, every rule, every report format) on
/// one input. Without arguments it serves AFL++ (see run.sh); with <c>--replay DIR...</c> it runs every
/// file under the folders and then a fixed-seed mutation loop over them, without AFL++, for a short CI run.
/// Any exception is a bug: KubePlan must answer every input with findings, never a crash.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                Target(buffer.ToArray());
            });
            return 0;
        }

        if (args[0] != "--replay" || args.Length < 2)
        {
            Console.Error.WriteLine("usage: KubePlan.Fuzz                                     (under afl-fuzz)");
            Console.Error.WriteLine("       KubePlan.Fuzz --replay DIR... [--iterations N] [--seed S] [--write OUT]");
            return 2;
        }

        var iterations = 2000;
        var seed = 15;
        string? write = null;
        var folders = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        for (var i = 1 + folders.Count; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--iterations" && int.TryParse(args[i + 1], out var n))
            {
                iterations = n;
            }
            else if (args[i] == "--seed" && int.TryParse(args[i + 1], out var s))
            {
                seed = s;
            }
            else if (args[i] == "--write")
            {
                write = args[i + 1];
            }
            else
            {
                Console.Error.WriteLine($"unknown option {args[i]}");
                return 2;
            }
        }

        return Replay(folders, iterations, seed, write);
    }

    /// <summary>Loads the bytes as one file, lints them with the default options and writes every report format.</summary>
    public static void Target(byte[] bytes)
    {
        var input = new ManifestLoader().LoadBytes("fuzz.yaml", bytes);
        var report = Linter.Run(input, new LintOptions());
        foreach (var writer in ReportWriters.All)
        {
            writer.Write(report, TextWriter.Null, new ReportOptions());
        }
    }

    /// <summary>
    /// Runs every seed file, then <paramref name="iterations"/> mutations of them. With
    /// <paramref name="write"/>, writes the mutations there instead (mutant-00000.yaml, ...), the same
    /// ones for the same seed, for fuzz/kubectl-diff.sh.
    /// </summary>
    private static int Replay(List<string> folders, int iterations, int seed, string? write)
    {
        var seeds = folders.SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || !Path.GetFileName(f).Contains('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: f, Bytes: File.ReadAllBytes(f)))
            .ToList();
        if (seeds.Count == 0)
        {
            Console.Error.WriteLine($"no seed files under {string.Join(", ", folders)}");
            return 2;
        }

        if (write is not null)
        {
            Directory.CreateDirectory(write);
        }

        foreach (var (path, bytes) in seeds)
        {
            if (write is null && !Run(bytes, path))
            {
                return 1;
            }
        }

        var random = new Random(seed);
        for (var i = 0; i < iterations; i++)
        {
            var bytes = seeds[random.Next(seeds.Count)].Bytes;
            // Join a few seeds into one stream now and then, so damage can reach across documents.
            if (random.Next(4) == 0)
            {
                bytes = [.. bytes, .. "\n---\n"u8.ToArray(), .. seeds[random.Next(seeds.Count)].Bytes];
            }

            var rounds = 1 + random.Next(4);
            for (var r = 0; r < rounds; r++)
            {
                bytes = Mutate(bytes, random);
            }

            if (write is not null)
            {
                File.WriteAllBytes(Path.Combine(write, $"mutant-{i:D5}.yaml"), bytes);
            }
            else if (!Run(bytes, $"mutation {i} (seed {seed})"))
            {
                return 1;
            }
        }

        if (write is not null)
        {
            Console.WriteLine($"{iterations} mutations of {seeds.Count} seed files (seed {seed}) written to {write}");
            return 0;
        }

        Console.WriteLine($"{seeds.Count} seed files and {iterations} mutations (seed {seed}): no crash");
        return 0;
    }

    private static bool Run(byte[] bytes, string name)
    {
        try
        {
            Target(bytes);
            return true;
        }
#pragma warning disable CA1031 // Every exception is a finding of the fuzzer: report it with the input that caused it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var saved = Path.Combine(Path.GetTempPath(), $"kubeplan-fuzz-crash-{Environment.ProcessId}.yaml");
            File.WriteAllBytes(saved, bytes);
            Console.Error.WriteLine($"{name}: {e}");
            Console.Error.WriteLine($"input saved to {saved}; make it a regression fixture");
            return false;
        }
    }

    private static readonly byte[][] Tokens =
    [
        "---\n"u8.ToArray(), "...\n"u8.ToArray(), "\t"u8.ToArray(), ": "u8.ToArray(), "- "u8.ToArray(), "&a "u8.ToArray(), "*a"u8.ToArray(),
        "{"u8.ToArray(), "["u8.ToArray(), "\""u8.ToArray(), "'"u8.ToArray(), "|\n"u8.ToArray(), "#"u8.ToArray(), "\n"u8.ToArray(), "  "u8.ToArray(),
        "<<: *a\n"u8.ToArray(), "!!binary "u8.ToArray(), "%YAML 1.1\n"u8.ToArray(), "!x "u8.ToArray(), "!!int "u8.ToArray(), "? "u8.ToArray(), [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xED, 0xA0, 0x80],
    ];

    /// <summary>One random change: delete, insert a byte or a YAML token, duplicate or drop a line, truncate.</summary>
    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = new List<byte>(bytes);
        var at = random.Next(list.Count + 1);
        switch (random.Next(7))
        {
            case 0 when list.Count > 0:
                list.RemoveRange(Math.Min(at, list.Count - 1), Math.Min(1 + random.Next(8), list.Count - Math.Min(at, list.Count - 1)));
                break;
            case 1:
                list.Insert(at, (byte)random.Next(256));
                break;
            case 2:
            case 3:
                list.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
            case 4: // duplicate the line holding 'at' (a duplicate key or list item)
                var start = at == 0 ? 0 : list.LastIndexOf((byte)'\n', Math.Min(at, list.Count) - 1) + 1;
                var end = list.IndexOf((byte)'\n', start);
                end = end < 0 ? list.Count : end + 1;
                list.InsertRange(end, list.GetRange(start, end - start));
                break;
            case 5: // move a line's indentation
                var lineStart = at == 0 ? 0 : list.LastIndexOf((byte)'\n', Math.Min(at, list.Count) - 1) + 1;
                if (random.Next(2) == 0)
                {
                    list.InsertRange(lineStart, Encoding.ASCII.GetBytes(new string(' ', 1 + random.Next(4))));
                }
                else if (lineStart < list.Count && list[lineStart] == (byte)' ')
                {
                    list.RemoveAt(lineStart);
                }

                break;
            default:
                list.RemoveRange(at, list.Count - at);
                break;
        }

        return [.. list];
    }
}
