using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Scheduling;

public sealed class NodeAffinityTests
{
    [Theory]
    // component-helpers scheduling/corev1/nodeaffinity TestNodeSelectorMatch: terms ORed, requirements ANDed.
    [InlineData("{nodeSelectorTerms: []}", "foo=bar", false)]
    [InlineData("{nodeSelectorTerms: [{}]}", "foo=bar", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}]}]}", "foo=bar", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}]}]}", "foo=baz", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: NotIn, values: [bar]}]}]}", "other=x", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Exists}]}]}", "foo=", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: DoesNotExist}]}]}", "foo=bar", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}, {key: zone, operator: In, values: [a]}]}]}", "foo=bar,zone=b", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [x]}]}, {matchExpressions: [{key: zone, operator: In, values: [a]}]}]}", "foo=bar,zone=a", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: cores, operator: Gt, values: [\"4\"]}]}]}", "cores=8", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: cores, operator: Lt, values: [\"4\"]}]}]}", "cores=8", false)]
    // A term that cannot be built (bad operator, Gt without an integer) selects nothing, but other terms still can.
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: cores, operator: Gt, values: [four]}]}]}", "cores=8", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Equals, values: [bar]}]}, {matchExpressions: [{key: foo, operator: Exists}]}]}", "foo=bar", true)]
    // matchFields supports metadata.name with In/NotIn and one value; the node here is named node-1.
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-1]}]}]}", "", true)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-2]}]}]}", "", false)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: NotIn, values: [node-2]}]}]}", "", true)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-1, node-2]}]}]}", "", false)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.uid, operator: In, values: [node-1]}]}]}", "", false)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}], matchFields: [{key: metadata.name, operator: In, values: [node-1]}]}]}", "foo=bar", true)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}], matchFields: [{key: metadata.name, operator: In, values: [node-2]}]}]}", "foo=bar", false)]
    public void NodeSelector_Matches(string selector, string labels, bool expected)
    {
        var nodeSelector = NodeSelector.Read(Yaml.Value(selector))!;
        Assert.Equal(expected, nodeSelector.Matches(Yaml.Node("node-1", labels)));
    }

    [Theory]
    // apis/core/validation TestValidateNodeSelector / ValidateNodeSelectorRequirement / ValidateNodeFieldSelectorRequirement.
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In, values: [bar]}]}]}", 0)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Gt, values: [\"1\"]}]}]}", 0)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [node-1]}]}]}", 0)]
    [InlineData("{nodeSelectorTerms: []}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: In}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Exists, values: [bar]}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Gt, values: [\"1\", \"2\"]}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: foo, operator: Equals, values: [bar]}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchExpressions: [{key: \"-foo\", operator: Exists}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.labels, operator: In, values: [node-1]}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: Exists}]}]}", 1)]
    [InlineData("{nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [a, b]}]}]}", 1)]
    public void Validate_ReportsWhatValidateNodeSelectorRejects(string selector, int problems) =>
        Assert.Equal(problems, NodeSelector.Validate(Yaml.Value(selector)).Count);

    [Fact]
    public void Mismatch_SaysWhatTheNodeHas()
    {
        var nodeSelector = NodeSelector.Read(Yaml.Value("{nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a, b]}]}]}"))!;
        Assert.Equal("required node affinity does not match: zone In (a, b) (node has zone=c)", nodeSelector.Mismatch(Yaml.Node("node-1", "zone=c")));
        Assert.Equal("required node affinity does not match: zone In (a, b) (node has no zone label)", nodeSelector.Mismatch(Yaml.Node("node-1")));
    }
}
