using KubePlan.Schema;
using Newtonsoft.Json.Linq;

namespace KubePlan.Core.Tests.Schema;

public class SchemaValidatorTests
{
    private const string ValidDeployment = """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web", "app.kubernetes.io/name": "web"},
                      "annotations": {"example.com/owner": "team-a"}},
         "spec": {"replicas": 3,
                  "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
                  "selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                                        "ports": [{"containerPort": 80, "name": "http"}],
                                                        "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m", "memory": "512Mi"}},
                                                        "env": [{"name": "A", "value": "x"}],
                                                        "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 5}}],
                                        "volumes": [{"name": "data", "emptyDir": {}}]}}}}
        """;

    private const string Container = "/spec/template/spec/containers/0";

    [Fact]
    public void Validate_ReturnsNothing_ForAValidDeployment()
    {
        Assert.Empty(SchemaValidator.Validate("apps/v1", "Deployment", JToken.Parse(ValidDeployment)));
    }

    [Theory]
    // Wrong types: the Go decoder rejects a JSON value of another type (no coercion of "3" to 3).
    [InlineData("/spec/replicas", "\"3\"", "/spec/replicas", "spec.replicas must be an integer, got the string \"3\"")]
    [InlineData("/spec/replicas", "1.5", "/spec/replicas", "spec.replicas must be an integer, got the number 1.5")]
    [InlineData(Container + "/env/0/value", "true", Container + "/env/0/value", "spec.template.spec.containers[0].env[0].value must be a string, got the boolean true")]
    [InlineData("/spec/template/spec/containers", "{}", "/spec/template/spec/containers", "spec.template.spec.containers must be a list, got an object")]
    [InlineData("/metadata/labels/app", "1", "/metadata/labels/app", "metadata.labels.app must be a string, got the number 1")]
    // Keys with '/' are escaped as ~1 in the pointer and quoted in the message.
    [InlineData("/metadata/annotations/example.com~1owner", "false", "/metadata/annotations/example.com~1owner", "metadata.annotations[\"example.com/owner\"] must be a string, got the boolean false")]
    // Enums (closed sets the API server validates).
    [InlineData("/spec/strategy/type", "\"Rolling\"", "/spec/strategy/type", "spec.strategy.type must be one of \"Recreate\", \"RollingUpdate\"")]
    [InlineData(Container + "/imagePullPolicy", "\"always\"", Container + "/imagePullPolicy", "must be one of \"Always\", \"IfNotPresent\", \"Never\"")]
    // int32 and int64 bounds.
    [InlineData("/spec/replicas", "2147483648", "/spec/replicas", "spec.replicas must be at most 2147483647 (int32), got 2147483648")]
    [InlineData("/spec/replicas", "-2147483649", "/spec/replicas", "spec.replicas must be at least -2147483648 (int32)")]
    [InlineData("/spec/template/spec/activeDeadlineSeconds", "9223372036854775808", "/spec/template/spec/activeDeadlineSeconds", "must be at most 9223372036854775807 (int64)")]
    // IntOrString accepts neither booleans nor objects.
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "true", "/spec/strategy/rollingUpdate/maxSurge", "spec.strategy.rollingUpdate.maxSurge must be an integer or a string, got the boolean true")]
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "1.5", "/spec/strategy/rollingUpdate/maxSurge", "must be an integer or a string, got the number 1.5")]
    public void Validate_ReportsTheValue(string path, string json, string pointer, string message)
    {
        var violation = Assert.Single(ValidateWith(path, json));
        Assert.Equal(pointer, violation.Pointer);
        Assert.Contains(message, violation.Message, StringComparison.Ordinal);
        Assert.False(violation.AtKey);
    }

    [Theory]
    [InlineData("/spec/replcas", "2", "/spec/replcas", "unknown field \"replcas\" in spec; did you mean \"replicas\"?")]
    [InlineData("/spec/Replicas", "2", "/spec/Replicas", "unknown field \"Replicas\" in spec; did you mean \"replicas\"?")]
    [InlineData(Container + "/imagePullPolcy", "\"Always\"", Container + "/imagePullPolcy", "unknown field \"imagePullPolcy\" in spec.template.spec.containers[0]; did you mean \"imagePullPolicy\"?")]
    [InlineData("/spec/zzzzzzzz", "1", "/spec/zzzzzzzz", "unknown field \"zzzzzzzz\" in spec")]
    [InlineData("/specs", "{}", "/specs", "unknown field \"specs\" at the top level; did you mean \"spec\"?")]
    [InlineData("/spec/a~1b", "1", "/spec/a~1b", "unknown field \"a/b\" in spec")]
    public void Validate_ReportsUnknownFields_AtTheKey(string path, string json, string pointer, string message)
    {
        var violation = Assert.Single(ValidateWith(path, json));
        Assert.Equal(pointer, violation.Pointer);
        Assert.StartsWith(message, violation.Message, StringComparison.Ordinal);
        Assert.True(violation.AtKey);
        if (!message.Contains("did you mean", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("did you mean", violation.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Container + "/name", Container, "spec.template.spec.containers[0].name is required")]
    [InlineData("/spec/selector", "/spec", "spec.selector is required")]
    [InlineData("/spec/template/spec/containers/0/ports/0/containerPort", Container + "/ports/0", "spec.template.spec.containers[0].ports[0].containerPort is required")]
    public void Validate_ReportsMissingRequiredFields_AtTheirParent(string removed, string pointer, string message)
    {
        var violation = Assert.Single(ValidateWith(removed, null));
        Assert.Equal(pointer, violation.Pointer);
        Assert.Equal(message, violation.Message);
    }

    [Theory]
    // A null required field is missing too (the decoder leaves it unset).
    [InlineData(Container + "/name", "null", 1)]
    // null anywhere else means unset and is accepted.
    [InlineData("/spec/replicas", "null", 0)]
    [InlineData("/metadata/labels", "null", 0)]
    // IntOrString: both forms.
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "2", 0)]
    [InlineData("/spec/strategy/rollingUpdate/maxSurge", "\"50%\"", 0)]
    [InlineData(Container + "/readinessProbe/httpGet/port", "8080", 0)]
    // YAML 1e3 reaches JSON as 1000.0; Go decodes an integral float into an integer field.
    [InlineData("/spec/replicas", "3.0", 0)]
    // Free-form and map fields.
    [InlineData("/metadata/labels/app.kubernetes.io~1part-of", "\"shop\"", 0)]
    [InlineData("/spec/template/spec/volumes/0/emptyDir/sizeLimit", "\"1Gi\"", 0)]
    // status is part of the schema.
    [InlineData("/status/replicas", "3", 0)]
    public void Validate_Counts(string path, string json, int expected)
    {
        Assert.Equal(expected, ValidateWith(path, json).Count);
    }

    [Theory]
    // Kubernetes quantity grammar (apimachinery/pkg/api/resource/quantity.go).
    [InlineData("\"500m\"", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"1.5\"", true)]
    [InlineData("\"2Gi\"", true)]
    [InlineData("\"1e3\"", true)]
    [InlineData("\"1E-3\"", true)]
    [InlineData("\"+.5\"", true)]
    [InlineData("\"100n\"", true)]
    [InlineData("\"5.\"", true)]
    [InlineData("1", true)]
    [InlineData("1.5", true)]
    [InlineData("2147483648", true)]
    [InlineData("\"1.5 cores\"", false)]
    [InlineData("\"1GiB\"", false)]
    [InlineData("\"2gi\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"1e\"", false)]
    [InlineData("\" 1\"", false)]
    [InlineData("true", false)]
    public void Validate_Quantity(string json, bool valid)
    {
        var violations = ValidateWith(Container + "/resources/limits/cpu", json);
        if (valid)
        {
            Assert.Empty(violations);
        }
        else
        {
            var violation = Assert.Single(violations);
            Assert.Equal(Container + "/resources/limits/cpu", violation.Pointer);
            Assert.Contains(json.StartsWith('"') ? "is not a valid quantity" : "must be a quantity", violation.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_SaysQuantityInPlainWords()
    {
        var violation = Assert.Single(ValidateWith(Container + "/resources/limits/cpu", "\"1.5 cores\""));
        Assert.StartsWith("spec.template.spec.containers[0].resources.limits.cpu: \"1.5 cores\" is not a valid quantity", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryViolation_InDocumentOrder()
    {
        var document = JObject.Parse(ValidDeployment);
        document["spec"]!["replicas"] = "3";
        ((JObject)document["spec"]!).Add("replcas", 2);
        var violations = SchemaValidator.Validate("apps/v1", "Deployment", document);
        Assert.Equal(["/spec/replicas", "/spec/replcas"], violations.Select(v => v.Pointer));
    }

    [Fact]
    public void Validate_ReportsAnUnknownKind_AtTheKindField()
    {
        var violation = Assert.Single(SchemaValidator.Validate("apps/v1", "Deploymnet", JToken.Parse("""{"kind": "Deploymnet"}""")));
        Assert.Equal("/kind", violation.Pointer);
        Assert.Contains("no schema is known", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NeverLeaksSchemaLibraryNames()
    {
        var document = JObject.Parse(ValidDeployment);
        document["spec"]!["replicas"] = "x";
        document["spec"]!["strategy"]!["type"] = 1;
        foreach (var violation in SchemaValidator.Validate("apps/v1", "Deployment", document))
        {
            Assert.DoesNotContain("Expected", violation.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("NoAdditionalProperties", violation.Message, StringComparison.Ordinal);
        }
    }

    private static IReadOnlyList<SchemaViolation> ValidateWith(string pointer, string? json)
    {
        var document = JObject.Parse(ValidDeployment);
        JsonPointerEdit.Set(document, pointer, json is null ? null : JToken.Parse(json));
        return SchemaValidator.Validate("apps/v1", "Deployment", document);
    }
}
