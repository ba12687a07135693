using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// Navigation with <see cref="Located"/>: the pointer is built only when read, so these pin that
/// the built pointer, the dotted path and value equality are what the rules (and custom rules) see.
/// </summary>
public sealed class LocatedTests
{
    private const string Text = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            a/b~c: x
            "7": seven
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 80}, {containerPort: 443}]
        """;

    private static Manifest Pod() => new ManifestLoader().LoadText("p.yaml", Text).Manifests.Single();

    [Theory]
    [InlineData(new[] { "spec", "containers" }, "/spec/containers", "spec.containers")]
    [InlineData(new[] { "metadata", "annotations", "a/b~c" }, "/metadata/annotations/a~1b~0c", "metadata.annotations.a/b~c")]
    [InlineData(new[] { "metadata", "annotations", "7" }, "/metadata/annotations/7", "metadata.annotations[7]")]
    public void Pointer_and_dotted_path_of_a_key_chain(string[] keys, string pointer, string dotted)
    {
        var at = Pod().At(keys)!.Value;
        Assert.Equal(pointer, at.Pointer);
        Assert.Equal(dotted, at.DottedPath);
        Assert.Equal(pointer, at.Pointer); // read twice: the kept string
    }

    [Fact]
    public void Items_and_entries_carry_indexes_and_escaped_keys()
    {
        var pod = Pod();
        var container = pod.At("spec", "containers")!.Value.Items().Single();
        var ports = container.Get("ports")!.Value.Items().ToList();
        Assert.Equal(["/spec/containers/0/ports/0/containerPort", "/spec/containers/0/ports/1/containerPort"], ports.Select(p => p.Get("containerPort")!.Value.Pointer));
        Assert.Equal("spec.containers[0].ports[1].containerPort", ports[1].Get("containerPort")!.Value.DottedPath);
        Assert.Equal(["/metadata/annotations/a~1b~0c", "/metadata/annotations/7"], pod.At("metadata", "annotations")!.Value.Entries().Select(e => e.Pointer));
        Assert.Equal("/spec/containers/0", container.Pointer);
        Assert.Null(container.Key);
        Assert.Equal("image", container.Get("image")!.Value.Key!.Text);
    }

    [Fact]
    public void Resolve_and_resolve_nearest_build_the_same_pointers()
    {
        var root = Pod().Located;
        var image = root.Resolve("/spec/containers/0/image")!.Value;
        Assert.Equal("nginx:1.27", image.String);
        Assert.Equal("/spec/containers/0/image", image.Pointer);
        Assert.Equal("/metadata/annotations/a~1b~0c", root.Resolve("/metadata/annotations/a~1b~0c")!.Value.Pointer);
        Assert.Null(root.Resolve("/spec/containers/1"));
        Assert.Equal("/spec/containers/0", root.ResolveNearest("/spec/containers/0/resources/limits").Pointer);
        Assert.Equal(string.Empty, root.Resolve(string.Empty)!.Value.Pointer);
    }

    [Fact]
    public void Navigation_from_a_given_pointer_appends_to_it()
    {
        var spec = Pod().At("spec")!.Value;
        var rebased = new Located(spec.Node, "/items/3/spec", spec.Key);
        Assert.Equal("/items/3/spec/containers/0/name", rebased.Get("containers")!.Value.Items().First().Get("name")!.Value.Pointer);
        Assert.Equal("/x/spec", (spec with { Pointer = "/x/spec" }).Pointer);
        var (node, pointer, key) = rebased;
        Assert.Same(spec.Node, node);
        Assert.Equal("/items/3/spec", pointer);
        // A string key is held as its text and place, not as a node: the scalar is made afresh for each caller.
        Assert.Equal(spec.KeyText, key!.Text);
        Assert.Equal(spec.KeyPosition, key.Start);
        Assert.Equal(spec, rebased with { Pointer = spec.Pointer });
    }

    [Fact]
    public void Equality_is_by_node_key_and_pointer_whether_built_or_written()
    {
        var pod = Pod();
        var built = pod.At("spec", "containers")!.Value.Items().Single();
        var again = pod.Located.Resolve("/spec/containers/0")!.Value;
        var written = new Located(built.Node, "/spec/containers/0", null);
        Assert.Equal(built, again);
        Assert.Equal(built, written);
        Assert.True(built == written);
        Assert.Equal(built.GetHashCode(), written.GetHashCode());
        Assert.NotEqual(built, written with { Pointer = "/spec/containers/1" });
        Assert.NotEqual(built, built.Get("name")!.Value);
        Assert.Single(new HashSet<Located> { built, again, written });
        Assert.Null(default(Located).Pointer);
    }
}
