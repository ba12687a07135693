using System.Text.Json.Nodes;
using KubePlan.Diff;

namespace KubePlan.Core.Tests.Diff;

/// <summary>
/// Runs every case under <c>Diff/Fixtures/&lt;case&gt;/</c>: <c>old</c> and <c>new</c> (a file or
/// a folder) and <c>expected.json</c>, the changed objects with their impacts and field paths.
/// </summary>
public sealed class DiffFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(DiffTestSupport.FixturesRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_GivesExpectedImpactsAndPaths(string name)
    {
        var dir = Path.Combine(DiffTestSupport.FixturesRoot, name);
        var result = new DiffEngine().Compare(DiffTestSupport.LoadSide(dir, "old"), DiffTestSupport.LoadSide(dir, "new"));

        var actual = new JsonArray(result.Changes.Select(c => (JsonNode)new JsonObject
        {
            ["object"] = c.Key.ToString(),
            ["impacts"] = new JsonArray(c.Impacts.Select(i => (JsonNode)i.ToName()).ToArray()),
            ["paths"] = new JsonArray(c.Fields.Select(f => (JsonNode)f.Path).ToArray()),
        }).ToArray());
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!["changes"]!;

        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        Assert.Empty(result.Diagnostics);
    }
}
