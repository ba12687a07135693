using System.Diagnostics;
using System.Text;
using YamlDotNet.Core;

// Reads every .yaml/.yml/.json file under the given paths (sorted, as kubeplan does), decodes it as
// UTF-8 and pulls every YamlDotNet parser event, on one thread: no tree, no positions kept, no
// validation. Prints the event count and the in-process time; the benchmark times the process.
var files = new List<string>();
foreach (var path in args)
{
    if (Directory.Exists(path))
    {
        files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)));
    }
    else
    {
        files.Add(path);
    }
}

files.Sort(StringComparer.Ordinal);
var clock = Stopwatch.StartNew();
long events = 0, bytes = 0;
foreach (var file in files)
{
    var data = File.ReadAllBytes(file);
    bytes += data.Length;
    var parser = new Parser(new StringReader(Encoding.UTF8.GetString(data)));
    while (parser.MoveNext())
    {
        events++;
    }
}

Console.WriteLine($"files: {files.Count}, bytes: {bytes}, events: {events}, parse: {clock.Elapsed.TotalSeconds:F3} s");
