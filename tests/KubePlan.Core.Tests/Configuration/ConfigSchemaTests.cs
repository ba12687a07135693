using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubePlan.Configuration;
using KubePlan.Core.Tests.Rules;
using KubePlan.Manifests;
using KubePlan.Rules;
using NJsonSchema;

namespace KubePlan.Core.Tests.Configuration;

/// <summary>
/// <c>schemas/kubeplan-config.schema.json</c> describes the configuration exactly: every example in the
/// README and docs/ passes both the schema and the reader, and what the reader rejects the schema rejects.
/// </summary>
public partial class ConfigSchemaTests
{
    /// <summary>The first line that marks a YAML block in the docs as a configuration example.</summary>
    public const string SchemaLine = "# yaml-language-server: $schema=";

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(RuleHarness.RepoRoot, "schemas", "kubeplan-config.schema.json")));

    public static TheoryData<string, int, string> Examples()
    {
        var data = new TheoryData<string, int, string>();
        var docs = new List<string> { Path.Combine(RuleHarness.RepoRoot, "README.md") };
        var docsFolder = Path.Combine(RuleHarness.RepoRoot, "docs");
        if (Directory.Exists(docsFolder))
        {
            docs.AddRange(Directory.GetFiles(docsFolder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        foreach (var doc in docs)
        {
            var text = File.ReadAllText(doc).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (Match block in YamlBlock().Matches(text))
            {
                var body = block.Groups["body"].Value;
                if (body.StartsWith(SchemaLine, StringComparison.Ordinal) || body.StartsWith("# .kubeplan.yaml", StringComparison.Ordinal))
                {
                    var line = text[..block.Index].Count(c => c == '\n') + 2;
                    data.Add(Path.GetRelativePath(RuleHarness.RepoRoot, doc).Replace('\\', '/'), line, body);
                }
            }
        }

        return data;
    }

    [Fact]
    public void TheReadme_ShowsTheSchemaLine_AndHasExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RuleHarness.RepoRoot, "README.md"));
        Assert.Contains(SchemaLine + "https://raw.githubusercontent.com/kubeplan/kubeplan/main/schemas/kubeplan-config.schema.json", readme, StringComparison.Ordinal);
        Assert.True(Examples().Count >= 1, "the README and docs should show configuration examples");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EveryExample_PassesTheSchemaAndTheReader(string doc, int line, string yaml)
    {
        var errors = (await Schema.Value).Validate(ToJson(yaml));
        Assert.True(errors.Count == 0, $"{doc}:{line}: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        // The docs' examples may name the example custom rules of rules/custom/ (CustomRuleLoaderTests compiles them).
        List<string> known = [.. RuleCatalog.BuiltIn.Select(r => r.Id), .. KubePlan.CustomRules.CustomRuleFindings.Ids,
            "example/no-latest-tag", "example/require-team-label", "example/maintenance-window"];
        var config = KubePlanConfig.Parse(doc, yaml, known);
        Assert.NotNull(config);
    }

    [Theory]
    [InlineData("kubernetesVersion: 1.30\n")]
    [InlineData("failOn: fatal\n")]
    [InlineData("colour: red\n")]
    [InlineData("rules:\n  schema: loud\n")]
    [InlineData("profile: paranoid\n")]
    [InlineData("strict: maybe\n")]
    [InlineData("exclude: vendor\n")]
    [InlineData("ignore:\n  - object: Deployment/shop/web\n")]
    [InlineData("ignore:\n  - object: web\n    rules: [schema]\n")]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: []\n")]
    [InlineData("ignore:\n  - object: Deployment/web\n    rules: [schema]\n    because: x\n")]
    [InlineData("customRules: rules/\n")]
    public async Task WhatTheReaderRejects_TheSchemaRejects(string yaml)
    {
        var known = RuleCatalog.BuiltIn.Select(r => r.Id).ToList();
        Assert.Throws<ConfigException>(() => KubePlanConfig.Parse("c.yaml", yaml, known));
        Assert.NotEmpty((await Schema.Value).Validate(ToJson(yaml)));
    }

    [Fact]
    public void TheSchema_ListsExactlyTheSettingsTheReaderKnows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RuleHarness.RepoRoot, "schemas", "kubeplan-config.schema.json")))!;
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(KubePlanConfig.Settings, properties);
        var profiles = schema["properties"]!["profile"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(RuleProfileNames.Known.Select(k => k.Name), profiles);
    }

    /// <summary>YAML as JSON, the way Kubernetes' own decoder reads it (YAML 1.1 scalars).</summary>
    internal static string ToJson(string yaml)
    {
        var read = YamlStreamReader.Read(yaml);
        Assert.Empty(read.Problems);
        var root = read.Documents.Count == 0 ? null : read.Documents[0].Root;
        return root is null ? "{}" : (Convert(root)?.ToJsonString() ?? "null");
    }

    private static JsonNode? Convert(YNode node) => node switch
    {
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.KeyText, Convert(e.Value)))),
        YSequence s => new JsonArray(s.Items.Select(Convert).ToArray()),
        YScalar { Kind: ScalarKind.Null } => null,
        YScalar { Kind: ScalarKind.Bool, Value: bool b } => JsonValue.Create(b),
        YScalar { Kind: ScalarKind.Int } i => JsonValue.Create(i.AsInt64() ?? 0),
        YScalar { Kind: ScalarKind.Float, Value: double d } => JsonValue.Create(d),
        YScalar s => JsonValue.Create(s.KeyText),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    [GeneratedRegex(@"^```ya?ml\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline, 1000, "en-US")]
    private static partial Regex YamlBlock();
}
