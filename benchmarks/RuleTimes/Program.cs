// Times each rule of a profile alone, on one thread, over input loaded once: the first (cold,
// JIT-compiling) pass and the median of the warm passes after it, in elapsed time and in the
// process's CPU time (steadier when the machine is shared; it includes background JIT and GC
// work, and the schema rule's parallel threads), and what the rule allocates in a warm pass
// (exact, where times on a shared machine are not; garbage is collection time later).
// This says which rules to profile; the end-to-end ratio that matters is benchmarks/rule-overhead.sh.
// Usage: dotnet RuleTimes.dll PATH [--profile NAME] [--rules id,id] [--runs N]
using System.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

string? path = null, only = null;
var profile = LintOptions.DefaultProfile;
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--profile" when i + 1 < args.Length && RuleProfileNames.TryParse(args[++i], out var p):
            profile = p;
            break;
        case "--rules" when i + 1 < args.Length:
            only = args[++i];
            break;
        case "--runs" when i + 1 < args.Length && int.TryParse(args[++i], out var n) && n > 0:
            runs = n;
            break;
        case var a when !a.StartsWith("--", StringComparison.Ordinal) && path is null:
            path = a;
            break;
        default:
            Console.Error.WriteLine("usage: RuleTimes PATH [--profile NAME] [--rules id,id] [--runs N]");
            return 2;
    }
}

if (path is null)
{
    Console.Error.WriteLine("usage: RuleTimes PATH [--profile NAME] [--rules id,id] [--runs N]");
    return 2;
}

var input = new ManifestLoader().LoadFiles(ManifestLoader.Expand([path]).Files);
var options = new LintOptions { Profile = profile };
var wanted = only?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
var rules = RuleCatalog.BuiltIn.Where(r => wanted is null ? options.IsActive(r) : wanted.Contains(r.Id)).ToList();
var cold = new Dictionary<string, (double Ms, double Cpu)>(StringComparer.Ordinal);
var allocated = new Dictionary<string, long>(StringComparer.Ordinal);
var warm = rules.ToDictionary(r => r.Id, _ => new List<double>(), StringComparer.Ordinal);
var warmCpu = rules.ToDictionary(r => r.Id, _ => new List<double>(), StringComparer.Ordinal);
for (var run = 0; run <= runs; run++)
{
    // A fresh context each pass, so caches built by the context count in every pass.
    var context = new AnalysisContext(input, [], options);
    foreach (var rule in rules)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        _ = rule.Check(context).Count();
        var ms = clock.Elapsed.TotalMilliseconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        if (run == 0)
        {
            cold[rule.Id] = (ms, cpu);
        }
        else
        {
            warm[rule.Id].Add(ms);
            warmCpu[rule.Id].Add(cpu);
            allocated[rule.Id] = bytes;
        }
    }
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
Console.WriteLine($"{input.Manifests.Count} objects, {rules.Count} rules, {runs} warm passes");
Console.WriteLine($"{"warm ms",9} {"cold ms",9} {"warm cpu",9} {"cold cpu",9} {"warm MB",9}  rule");
foreach (var rule in rules.OrderByDescending(r => Median(warm[r.Id])))
{
    Console.WriteLine($"{Median(warm[rule.Id]),9:F1} {cold[rule.Id].Ms,9:F1} {Median(warmCpu[rule.Id]),9:F1} {cold[rule.Id].Cpu,9:F1} {allocated[rule.Id] / 1e6,9:F2}  {rule.Id}");
}

Console.WriteLine($"{rules.Sum(r => Median(warm[r.Id])),9:F1} {cold.Values.Sum(c => c.Ms),9:F1} {rules.Sum(r => Median(warmCpu[r.Id])),9:F1} {cold.Values.Sum(c => c.Cpu),9:F1} {allocated.Values.Sum() / 1e6,9:F2}  total");
return 0;
