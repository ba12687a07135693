using System.Text;
using KubePlan.Manifests;
using KubePlan.Schema;
using NJsonSchema;

namespace KubePlan.Core.Tests.Schema;

/// <summary>
/// CRD schemas in the input are compiled from the YAML tree (<see cref="CustomResourceCompiler"/>); the general path writes
/// them as JSON and reads them with NJsonSchema. Where the tree compiler takes a schema, both must give the same nodes.
/// </summary>
public class CustomResourceCompilerTests
{
    public static TheoryData<string, bool> Schemas => new()
    {
        { "type: object\nproperties:\n  spec:\n    type: object\n    required: [a, b]\n    properties:\n      a: {type: string, minLength: 1, maxLength: 63, pattern: '^[a-z]+$'}\n      b: {type: integer, format: int32, minimum: 1, maximum: 10}\n", true },
        { "type: object\nproperties:\n  n: {type: number, minimum: 1.0, maximum: 0.5, exclusiveMinimum: true, exclusiveMaximum: false, multipleOf: 2}\n", true },
        { "type: object\nproperties:\n  l: {type: array, items: {type: string}, minItems: 0, maxItems: 3, uniqueItems: true}\n  m: {type: array, maxItems: 0}\n", true },
        { "type: object\nproperties:\n  e: {type: string, enum: [Fast, Safe, '', null]}\n  i: {type: integer, enum: [1, 2, 18446744073709551615]}\n  b: {type: boolean, enum: [true, false]}\n", true },
        { "type: object\nproperties:\n  a: {type: object, additionalProperties: false}\n  b: {type: object, additionalProperties: true}\n  c: {type: object, additionalProperties: {type: string}}\n  d: {type: object, additionalProperties: {}}\n", true },
        { "type: object\nproperties:\n  p: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}], pattern: '^[0-9]+%?$'}\n  q: {type: string, format: int-or-string}\n  r: {type: string, format: quantity}\n  s: {type: string, format: byte}\n", true },
        { "type: object\nproperties:\n  x: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {type: string}}}\n  y: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}\n", true },
        { "type: object\nproperties:\n  o: {type: object, properties: {}, allOf: [{required: [a]}], oneOf: [{required: [b]}, {required: [c]}], anyOf: []}\n", true },
        { "type: object\nx-kubernetes-validations: [{rule: self.a == 1, message: m}]\nproperties:\n  a: {type: integer, nullable: true, default: 1, example: 2, title: A, description: the a}\n  b: {x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name], type: array, items: {type: object, properties: {name: {type: string}}}}\n", true },
        // Not structural: unknown fields pass.
        { "type: object\nproperties:\n  spec:\n    type: object\n    properties:\n      size: {minimum: 1}\n      name: {type: string}\n", true },
        // The general path: keywords and shapes outside what the tree compiler takes.
        { "type: object\nproperties:\n  a: {$ref: '#/definitions/x'}\ndefinitions:\n  x: {type: string}\n", false },
        { "type: object\nproperties:\n  a: {type: [string, 'null']}\n  b: {type: [integer, string]}\n  c: {type: [number, string], minimum: -2.5}\n", true },
        { "type: object\nproperties:\n  a: {type: [string, 5]}\n", false },
        { "type: object\nproperties:\n  a: {type: []}\n", false },
        { "type: object\nproperties:\n  a: {type: string, enum: [2024-01-02]}\n", false },
        { "type: object\nproperties:\n  a: {type: number, minimum: 1e30}\n", false },
        { "type: object\nproperties:\n  a: {type: string, description: {text: x}}\n", false },
        { "type: object\nproperties:\n  a: {not: {type: string}}\n", false },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task TreeCompiler_GivesTheNodes_NJsonSchemaGives(string yaml, bool direct)
    {
        var tree = (YMapping)Assert.Single(YamlStreamReader.Read(yaml).Documents).Root!;
        var structural = CustomResourceCompiler.IsStructural(tree, isRoot: true);
        var compiled = CustomResourceCompiler.TryCompile(tree, structural);
        Assert.Equal(direct, compiled is not null);
        if (compiled is null)
        {
            return;
        }

        var json = YamlJson.ToJToken(tree).ToString(Newtonsoft.Json.Formatting.None);
        var expected = SchemaCompiler.CompileCustomResource(await JsonSchema.FromJsonAsync(json), structural);
        Assert.Equal(Dump(expected), Dump(compiled));
    }

    [Fact]
    public async Task TreeCompiler_TakesTheCorpusCrd()
    {
        var text = File.ReadAllText(Path.Combine(KubePlan.Core.Tests.Rules.RuleHarness.RepoRoot, "tests", "KubePlan.Core.Tests", "Corpus", "crd-with-resources.yaml"));
        var crd = (YMapping)YamlStreamReader.Read(text).Documents[0].Root!;
        var schema = (YMapping)((YMapping)((YMapping)((YSequence)((YMapping)crd["spec"]!)["versions"]!).Items[0])["schema"]!)["openAPIV3Schema"]!;
        var compiled = CustomResourceCompiler.TryCompile(schema, structural: true);
        Assert.NotNull(compiled);
        var json = YamlJson.ToJToken(schema).ToString(Newtonsoft.Json.Formatting.None);
        Assert.Equal(Dump(SchemaCompiler.CompileCustomResource(await JsonSchema.FromJsonAsync(json), true)), Dump(compiled));
    }

    private static string Dump(SchemaNode node)
    {
        var text = new StringBuilder();
        Dump(node, text, 0);
        return text.ToString();
    }

    private static void Dump(SchemaNode node, StringBuilder text, int depth)
    {
        var pad = new string(' ', depth * 2);
        text.Append(pad).Append($"kinds={node.Kinds} format={node.Format} reject={node.RejectUnknown} typeMeta={node.AllowsTypeMeta} required=[{string.Join(",", node.Required)}]")
            .Append($" enum=[{(node.Enum is null ? "-" : string.Join("|", node.Enum))}] pattern={node.PatternText} min={node.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture)} max={node.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .Append($" exMin={node.ExclusiveMinimum} exMax={node.ExclusiveMaximum} len={node.MinLength}..{node.MaxLength} items={node.MinItems}..{node.MaxItems}\n");
        foreach (var (name, child) in node.Properties ?? [])
        {
            text.Append(pad).Append("property ").Append(name).Append('\n');
            Dump(child, text, depth + 1);
        }

        Child("additionalProperties", node.AdditionalProperties);
        Child("items", node.Items);
        Branches("allOf", node.AllOf);
        Branches("anyOf", node.AnyOf);
        Branches("oneOf", node.OneOf);

        void Child(string label, SchemaNode? child)
        {
            if (child is not null)
            {
                text.Append(pad).Append(label).Append('\n');
                Dump(child, text, depth + 1);
            }
        }

        void Branches(string label, SchemaNode[]? branches)
        {
            foreach (var branch in branches ?? [])
            {
                Child(label, branch);
            }
        }
    }
}
