using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Core.Tests.Schema;

/// <summary>
/// CRD schemas compiled from the tree share equal nodes (<see cref="SchemaNodeInterner"/>): only nodes that validate
/// alike and report alike may be one object.
/// </summary>
public class SchemaNodeInternerTests
{
    // Two property schemas of one CRD schema, and whether they compile to one node.
    public static TheoryData<string, string, bool> Pairs => new()
    {
        { "{type: string}", "{type: string, description: other words}", true },
        { "{type: object, properties: {x: {type: string}}, required: [x]}", "{type: object, properties: {x: {type: string}}, required: [x]}", true },
        { "{type: string}", "{type: integer}", false },
        { "{type: string, format: byte}", "{type: string}", false },
        { "{type: string, enum: [a, b]}", "{type: string, enum: [b, a]}", false },
        { "{type: string, pattern: '^a$'}", "{type: string, pattern: '^b$'}", false },
        { "{type: integer, minimum: 1}", "{type: integer, minimum: 2}", false },
        { "{type: number, minimum: 1}", "{type: number, minimum: 1.0}", false },
        { "{type: number, minimum: 1, exclusiveMinimum: true}", "{type: number, minimum: 1}", false },
        { "{type: string, maxLength: 3}", "{type: string, minLength: 3}", false },
        { "{type: array, items: {type: string}, maxItems: 2}", "{type: array, items: {type: string}}", false },
        { "{type: object, required: [a, b]}", "{type: object, required: [b, a]}", false },
        { "{type: object, properties: {a: {type: string}, b: {type: string}}}", "{type: object, properties: {b: {type: string}, a: {type: string}}}", false },
        { "{type: object, properties: {a: {type: string}}}", "{type: object, properties: {a: {type: string}}, x-kubernetes-preserve-unknown-fields: true}", false },
        { "{type: object, x-kubernetes-embedded-resource: true}", "{type: object}", false },
        { "{type: object, additionalProperties: {type: string}}", "{type: object, additionalProperties: {type: integer}}", false },
        { "{type: object, oneOf: [{required: [a]}, {required: [b]}]}", "{type: object, oneOf: [{required: [b]}, {required: [a]}]}", false },
        { "{type: object, allOf: [{required: [a]}]}", "{type: object, anyOf: [{required: [a]}]}", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EqualNodes_AreOneObject_OthersAreNot(string first, string second, bool shared)
    {
        var root = Compile($"type: object\nproperties:\n  first: {first}\n  second: {second}\n");
        Assert.Equal(shared, ReferenceEquals(root.Properties!["first"], root.Properties["second"]));
    }

    [Fact]
    public void VersionsOfOneCrd_ShareTheirSchema()
    {
        const string Schema = "type: object\nproperties:\n  spec:\n    type: object\n    properties:\n      size: {type: integer, minimum: 1}\n";
        var interner = new SchemaNodeInterner();
        var v1 = Compile(Schema, interner);
        var v2 = Compile(Schema, interner);
        var v3 = Compile(Schema.Replace("minimum: 1", "minimum: 2", StringComparison.Ordinal), interner);
        Assert.Same(v1, v2);
        Assert.NotSame(v1, v3);
        Assert.NotSame(v1.Properties!["spec"], v3.Properties!["spec"]);
        Assert.Equal(1m, v1.Properties["spec"].Properties!["size"].Minimum);
    }

    [Fact]
    public void TheRoot_IsNotSharedWithAnEqualInnerNode()
    {
        // The root accepts apiVersion, kind and metadata; an inner node of the same shape does not.
        var interner = new SchemaNodeInterner();
        var outer = Compile("type: object\nproperties:\n  inner:\n    type: object\n    properties:\n      x: {type: string}\n", interner);
        var root = Compile("type: object\nproperties:\n  x: {type: string}\n", interner);
        var inner = outer.Properties!["inner"];
        Assert.NotSame(inner, root);
        Assert.True(root.AllowsTypeMeta);
        Assert.False(inner.AllowsTypeMeta);
        Assert.Same(inner.Properties!["x"], root.Properties!["x"]);
    }

    [Fact]
    public void SharedNodes_ReportEachPlaceByItsOwnPath()
    {
        var root = Compile("type: object\nproperties:\n  a: {type: object, properties: {count: {type: integer, maximum: 3}}}\n  b: {type: object, properties: {count: {type: integer, maximum: 3}}}\n");
        Assert.Same(root.Properties!["a"], root.Properties["b"]);
        var document = Assert.Single(YamlStreamReader.Read("a: {count: 4}\nb: {count: 5}\n").Documents).Root!;
        var violations = SchemaWalker.Validate(root, document);
        Assert.Equal(["/a/count", "/b/count"], violations.Select(v => v.Pointer));
    }

    private static SchemaNode Compile(string yaml, SchemaNodeInterner? interner = null)
    {
        var tree = (YMapping)Assert.Single(YamlStreamReader.Read(yaml).Documents).Root!;
        return CustomResourceCompiler.TryCompile(tree, CustomResourceCompiler.IsStructural(tree, isRoot: true), interner)
            ?? throw new InvalidOperationException("the tree compiler did not take the schema");
    }
}
