using KubePlan.Schema;
using Newtonsoft.Json.Linq;

namespace KubePlan.Core.Tests.Schema;

public class CustomResourceSchemaTests
{
    // A structural schema in the shape CRD authors write (cert-manager-like Certificate, trimmed).
    private const string Structural = """
        {"type": "object",
         "properties": {
           "spec": {"type": "object", "required": ["secretName"],
                    "properties": {
                      "secretName": {"type": "string", "minLength": 1},
                      "duration": {"type": "string", "pattern": "^[0-9]+h$"},
                      "replicas": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 10},
                      "port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
                      "mode": {"type": "string", "enum": ["Fast", "Safe"]},
                      "dnsNames": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
                      "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                      "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                      "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                                   "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string"}}}}}}},
           "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}
        """;

    private const string ValidResource = """
        {"apiVersion": "example.com/v1", "kind": "Certificate", "metadata": {"name": "c", "labels": {"a": "b"}},
         "spec": {"secretName": "tls", "duration": "24h", "replicas": 2, "port": "https", "mode": "Fast",
                  "dnsNames": ["a.example.com"], "labels": {"x": "y"}, "config": {"anything": {"goes": [1, 2]}},
                  "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"x": "y"}}},
         "status": {"conditions": [{"type": "Ready"}]}}
        """;

    [Fact]
    public void Validate_AcceptsAValidResource()
    {
        var schema = SchemaValidator.ForCustomResource(JToken.Parse(Structural));
        Assert.True(schema.IsStructural);
        Assert.Empty(schema.Validate(JToken.Parse(ValidResource)));
    }

    [Theory]
    [InlineData("/spec/secretNam", "\"x\"", "/spec/secretNam", "unknown field \"secretNam\" in spec; did you mean \"secretName\"?", true)]
    [InlineData("/spec/replicas", "\"2\"", "/spec/replicas", "spec.replicas must be an integer, got the string \"2\"", false)]
    [InlineData("/spec/replicas", "0", "/spec/replicas", "spec.replicas must be at least 1", false)]
    [InlineData("/spec/replicas", "11", "/spec/replicas", "spec.replicas must be at most 10", false)]
    [InlineData("/spec/port", "true", "/spec/port", "spec.port must be an integer or a string, got the boolean true", false)]
    [InlineData("/spec/mode", "\"Slow\"", "/spec/mode", "spec.mode must be one of \"Fast\", \"Safe\"", false)]
    [InlineData("/spec/duration", "\"1d\"", "/spec/duration", "spec.duration: \"1d\" does not match the pattern ^[0-9]+h$", false)]
    [InlineData("/spec/secretName", "\"\"", "/spec/secretName", "spec.secretName must be at least 1 character long", false)]
    [InlineData("/spec/dnsNames", "[\"a\", \"b\", \"c\"]", "/spec/dnsNames", "spec.dnsNames must have at most 2 items, got 3", false)]
    [InlineData("/spec/labels/x", "1", "/spec/labels/x", "spec.labels.x must be a string, got the number 1", false)]
    [InlineData("/spec/template/spec/y", "1", "/spec/template/spec/y", "unknown field \"y\" in spec.template.spec", true)]
    [InlineData("/extra", "1", "/extra", "unknown field \"extra\" at the top level", true)]
    public void Validate_ReportsViolations(string path, string json, string pointer, string message, bool atKey)
    {
        var schema = SchemaValidator.ForCustomResource(JToken.Parse(Structural));
        var document = JObject.Parse(ValidResource);
        JsonPointerEdit.Set(document, path, JToken.Parse(json));
        var violation = Assert.Single(schema.Validate(document));
        Assert.Equal(pointer, violation.Pointer);
        Assert.StartsWith(message, violation.Message, StringComparison.Ordinal);
        Assert.Equal(atKey, violation.AtKey);
    }

    [Theory]
    // Preserved subtrees and the root's apiVersion/kind/metadata accept anything.
    [InlineData("/spec/config/new", "{\"deep\": true}")]
    [InlineData("/status/anything", "1")]
    [InlineData("/spec/port", "443")]
    public void Validate_AcceptsPreservedAndIntOrStringValues(string path, string json)
    {
        var schema = SchemaValidator.ForCustomResource(JToken.Parse(Structural));
        var document = JObject.Parse(ValidResource);
        JsonPointerEdit.Set(document, path, JToken.Parse(json));
        Assert.Empty(schema.Validate(document));
    }

    [Fact]
    public void Validate_ReportsMissingRequired()
    {
        var schema = SchemaValidator.ForCustomResource(JToken.Parse(Structural));
        var document = JObject.Parse(ValidResource);
        ((JObject)document["spec"]!).Remove("secretName");
        var violation = Assert.Single(schema.Validate(document));
        Assert.Equal(("/spec", "spec.secretName is required"), (violation.Pointer, violation.Message));
    }

    [Fact]
    public void Validate_DoesNotReportUnknownFields_WhenTheSchemaIsNotStructural()
    {
        // "spec.properties.size" has no type: not structural, so the API server cannot prune and unknown fields pass.
        var schema = SchemaValidator.ForCustomResource(JToken.Parse("""
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {"size": {"minimum": 1}, "name": {"type": "string"}}}}}
            """));
        Assert.False(schema.IsStructural);
        Assert.Empty(schema.Validate(JToken.Parse("""{"spec": {"name": "x", "unknown": 1}}""")));
        Assert.Single(schema.Validate(JToken.Parse("""{"spec": {"name": 1}}""")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"string\"")]
    public void TryCreate_Fails_WithAReason_ForSomethingThatIsNotASchema(string json)
    {
        Assert.False(CustomResourceSchema.TryCreate(JToken.Parse(json), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
