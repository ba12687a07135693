using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Core.Tests.Schema;

/// <summary>
/// Lint validates the YAML tree directly; callers with JSON go through <see cref="IManifestSchema.Validate(Newtonsoft.Json.Linq.JToken)"/>.
/// Both must judge a document as its JSON form (sigs.k8s.io/yaml's YAMLToJSON, then the API server's decoder), so the same
/// document read from YAML and converted to JSON gives the same violations, message for message.
/// </summary>
public class SchemaTreeTests
{
    private const string Head = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

    private const string Pod = "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n";

    public static TheoryData<string, int> Documents => new()
    {
        // Integers, floats written as integers (1e3 is the integer 1000 to Go), a negative and a fractional number.
        { Head + "spec:\n  replicas: 1e3\n  revisionHistoryLimit: 2.5\n  minReadySeconds: -1\n" + Pod + "      containers: [{name: a, image: a}]\n", 1 },
        { Head + "spec:\n  replicas: 18446744073709551615\n  progressDeadlineSeconds: 0x10\n" + Pod + "      containers: [{name: a, image: a}]\n", 1 },
        // Booleans, timestamps and numbers where strings belong; a timestamp is the string written.
        { Head + "spec:\n  paused: yes\n" + Pod + "      containers: [{name: 2024-01-02, image: 1.5, imagePullPolicy: 2001-12-14t21:59:43.10-05:00, tty: on}]\n", 2 },
        // Null is unset, also for required fields; numeric and boolean keys are their JSON text. (A null
        // key fails its document: sigs.k8s.io/yaml, "unsupported map key of type nil".)
        { Head + "spec:\n  replicas: ~\n  1: 2\n  true: 3\n" + Pod + "      containers: [{name: null, image: a}]\n", 3 },
        // A repeated key: the last value counts, at the place of the first.
        { Head + "spec:\n  replicas: \"3\"\n  replicas: 4\n" + Pod + "      containers: [{name: a, image: a, ports: [{containerPort: 80, protocol: SCTPX}]}]\n", 1 },
        // Merge keys, aliases and enums.
        { Head + "spec:\n  strategy: &s {type: Recreat}\n  x: *s\n" + Pod + "      containers: [{<<: {name: a, image: a}, imagePullPolicy: 1}]\n", 3 },
        // Wrong container types, lists where objects belong and quantities.
        { Head + "spec:\n  template: []\n  selector: {matchLabels: [a]}\n", 2 },
        { Head + "spec:\n" + Pod + "      containers: [{name: a, image: a, resources: {limits: {cpu: 1.5 cores, memory: 1e3, x: .inf}}}]\n", 1 },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void YamlTree_AndItsJson_GiveTheSameViolations(string yaml, int expected)
    {
        var document = Assert.Single(YamlStreamReader.Read(yaml).Documents);
        Assert.True(KubernetesSchemas.Default.TryGet("apps/v1", "Deployment", out var schema));

        var fromTree = schema.Validate(document.Root!);
        var fromJson = schema.Validate(YamlJson.ToJToken(document.Root!));

        Assert.Equal(fromJson, fromTree);
        Assert.True(expected == fromTree.Count, string.Join("\n", fromTree.Select(v => v.Pointer + " " + v.Message)));
    }
}
