using System.Text.Json.Nodes;
using KubePlan.Diff;
using KubePlan.Manifests;
using KubePlan.Reporting;
using KubePlan.Core.Tests.Rules;

namespace KubePlan.Core.Tests.Diff;

/// <summary>Loading fixture sides and rendering a change set in every format.</summary>
internal static class DiffTestSupport
{
    public static string FixturesRoot => Path.Combine(RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Diff", "Fixtures");

    /// <summary>A side is <c>old.yaml</c> or a folder <c>old/</c>; paths are shown relative to the case.</summary>
    public static LoadResult LoadSide(string caseDir, string side)
    {
        var loader = new ManifestLoader();
        var file = Path.Combine(caseDir, side + ".yaml");
        if (File.Exists(file))
        {
            return loader.LoadBytes(side + ".yaml", File.ReadAllBytes(file));
        }

        var result = new LoadResult();
        foreach (var f in Directory.GetFiles(Path.Combine(caseDir, side), "*.yaml").Order(StringComparer.Ordinal))
        {
            result.Add(loader.LoadBytes(side + "/" + Path.GetFileName(f), File.ReadAllBytes(f)));
        }

        return result;
    }

    public static ChangeSet Diff(string oldYaml, string newYaml, IRolloutPlanner? planner = null)
    {
        var loader = new ManifestLoader();
        return new DiffEngine(planner).Compare(loader.LoadText("old.yaml", oldYaml), loader.LoadText("new.yaml", newYaml));
    }

    public static string Render(ChangeSet set, string format, bool color = false)
    {
        var writer = DiffWriters.Find(format) ?? throw new ArgumentException(format);
        using var output = new StringWriter();
        writer.Write(set, output, new ReportOptions(color));
        return output.ToString();
    }

    public static JsonNode Json(ChangeSet set) => JsonNode.Parse(Render(set, "json"))!;
}

/// <summary>A planner that answers with a fixed, recognisable plan, so tests see where plans land.</summary>
internal sealed class FakePlanner : IRolloutPlanner
{
    public List<string> Calls { get; } = [];

    public PlanAttachment? PlanRollout(Manifest? oldObject, Manifest newObject, ManifestSet newSet)
    {
        Calls.Add("rollout " + newObject.Name + (oldObject is null ? " (new)" : string.Empty));
        return Plan("a rolling update in 3 waves", 3);
    }

    public PlanAttachment? PlanScale(Manifest oldObject, Manifest newObject, ManifestSet newSet)
    {
        Calls.Add("scale " + newObject.Name);
        return Plan("scaled in 1 wave", 1);
    }

    private static PlanAttachment Plan(string summary, int waves) =>
        new(new JsonObject { ["strategy"] = "RollingUpdate", ["steps"] = new JsonArray() }, ["| step | old | new |", "| 1 | 8 | 5 |"], "| step |\n| --- |\n| 1 |", waves, summary);
}
