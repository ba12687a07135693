using KubePlan.Diff;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Diff;

public sealed class TreeDiffTests
{
    private static List<FieldChange> Compare(string oldYaml, string newYaml, string kind = "Deployment", string group = "apps")
    {
        var loader = new ManifestLoader();
        var a = loader.LoadText("a.yaml", oldYaml).Manifests.Single().Root;
        var b = loader.LoadText("b.yaml", newYaml).Manifests.Single().Root;
        return TreeDiff.Compare(a, b, ListMergeKeys.RootFor(group, kind));
    }

    [Theory]
    // Formatting and resolution (yaml.v2 scalars, SEMANTICS §0)
    [InlineData("{a: yes}", "{a: true}", "")]
    [InlineData("{a: 'x'}", "{a: x}", "")]
    [InlineData("{a: 0x10}", "{a: 16}", "")]
    [InlineData("{a: \"3\"}", "{a: 3}", "/a")]
    // A plain timestamp reaches the API server as the string written (yaml.v2 decode.go keeps a
    // timestamp's text in an interface{}), so quoting it changes nothing and rewriting it does
    [InlineData("{a: 2024-01-02}", "{a: \"2024-01-02\"}", "")]
    [InlineData("{a: 2024-01-02}", "{a: \"2024-01-02T00:00:00Z\"}", "/a")]
    [InlineData("{a: 2024-1-2}", "{a: 2024-01-02}", "/a")]
    [InlineData("{a: null}", "{}", "")]
    [InlineData("{a: ~, b: 1}", "{b: 1}", "")]
    [InlineData("{a: 1, b: 2}", "{b: 2, a: 1}", "")]
    // Atomic lists are compared as a whole, order included
    [InlineData("{args: [a, b]}", "{args: [b, a]}", "/args")]
    public void Scalars_AndMappings(string a, string b, string expected)
    {
        var changes = Compare("kind: X\nmetadata: {name: n}\nspec: " + a, "kind: X\nmetadata: {name: n}\nspec: " + b, "X", string.Empty);

        Assert.Equal(expected, string.Join(" ", changes.Select(c => c.Path.Replace("/spec", string.Empty, StringComparison.Ordinal))));
    }

    [Theory]
    // core.v1.PodSpec containers by name, Container env by name, ports by containerPort+protocol
    [InlineData("[{name: a, image: x}, {name: b, image: y}]", "[{name: b, image: y}, {name: a, image: x}]", "")]
    [InlineData("[{name: a, image: x}]", "[{name: a, image: z}]", "/containers/name=a/image")]
    [InlineData("[{name: a, env: [{name: X, value: '1'}, {name: Y, value: '2'}]}]", "[{name: a, env: [{name: Y, value: '2'}, {name: X, value: '3'}]}]", "/containers/name=a/env/name=X/value")]
    [InlineData("[{name: a}]", "[{name: a}, {name: b}]", "/containers/name=b")]
    [InlineData("[{name: a}, {name: b}]", "[{name: a}]", "/containers/name=b")]
    [InlineData("[{name: a, ports: [{containerPort: 80}]}]", "[{name: a, ports: [{containerPort: 80, protocol: TCP}]}]", "")]
    [InlineData("[{name: a, ports: [{containerPort: 53}]}]", "[{name: a, ports: [{containerPort: 53, protocol: UDP}]}]", "/containers/name=a/ports/containerPort=53,protocol=UDP /containers/name=a/ports/containerPort=53")]
    // Duplicate keys: the list cannot be a map, so it is compared as a whole
    [InlineData("[{name: a}, {name: a, image: x}]", "[{name: a, image: x}, {name: a}]", "/containers")]
    public void KeyedLists(string a, string b, string expected)
    {
        const string head = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: n}\nspec:\n  template:\n    spec:\n      containers: ";
        var changes = Compare(head + a, head + b);

        Assert.Equal(expected, string.Join(" ", changes.Select(c => c.Path.Replace("/spec/template/spec", string.Empty, StringComparison.Ordinal))));
    }

    [Fact]
    public void ServicePorts_AreKeyedByPortAndProtocol()
    {
        var changes = Compare(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: 8080}, {port: 443}]}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 443}, {port: 80, targetPort: 9090}]}",
            "Service",
            string.Empty);

        Assert.Equal("/spec/ports/port=80/targetPort", Assert.Single(changes).Path);
    }
}
