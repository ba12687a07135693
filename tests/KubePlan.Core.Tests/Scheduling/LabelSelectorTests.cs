using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Scheduling;

public sealed class LabelSelectorTests
{
    [Theory]
    // apimachinery labels/selector_test.go TestSelectorMatches: equality, inequality, existence.
    [InlineData("{matchLabels: {x: \"y\"}}", "x=y", true)]
    [InlineData("{matchLabels: {x: \"y\", z: w}}", "x=y,z=w", true)]
    [InlineData("{matchLabels: {x: z}}", "", false)]
    [InlineData("{matchLabels: {x: \"y\"}}", "x=z", false)]
    [InlineData("{matchLabels: {x: \"y\", z: w}}", "x=w,z=w", false)]
    [InlineData("{matchExpressions: [{key: x, operator: NotIn, values: [\"y\"]}, {key: z, operator: NotIn, values: [w]}]}", "x=z,z=a", true)]
    [InlineData("{matchExpressions: [{key: x, operator: NotIn, values: [\"y\"]}, {key: z, operator: NotIn, values: [w]}]}", "x=z,z=w", false)]
    [InlineData("{matchLabels: {notin: in}}", "notin=in", true)]
    [InlineData("{matchExpressions: [{key: x, operator: Exists}]}", "x=z", true)]
    [InlineData("{matchExpressions: [{key: x, operator: Exists}]}", "y=z", false)]
    [InlineData("{matchExpressions: [{key: x, operator: DoesNotExist}]}", "y=z", true)]
    [InlineData("{matchExpressions: [{key: x, operator: DoesNotExist}]}", "x=z", false)]
    // TestRequirementMatches: In needs the key present; NotIn matches when it is absent.
    [InlineData("{matchExpressions: [{key: x, operator: In, values: [\"y\", z]}]}", "x=z", true)]
    [InlineData("{matchExpressions: [{key: x, operator: In, values: [\"y\", z]}]}", "a=b", false)]
    [InlineData("{matchExpressions: [{key: x, operator: NotIn, values: [\"y\", z]}]}", "a=b", true)]
    [InlineData("{matchExpressions: [{key: x, operator: NotIn, values: [\"y\", z]}]}", "x=y", false)]
    [InlineData("{matchExpressions: [{key: x, operator: In, values: [\"\"]}]}", "x=", true)]
    // LabelSelectorAsSelector: an empty selector selects everything, requirements are ANDed.
    [InlineData("{}", "", true)]
    [InlineData("{}", "any=thing", true)]
    [InlineData("{matchLabels: {}, matchExpressions: []}", "a=b", true)]
    [InlineData("{matchLabels: {app: web}, matchExpressions: [{key: track, operator: In, values: [stable]}]}", "app=web,track=canary", false)]
    [InlineData("{matchLabels: {app: web}, matchExpressions: [{key: track, operator: In, values: [stable]}]}", "app=web,track=stable", true)]
    public void Matches_FollowsRequirementMatches(string selector, string labels, bool expected)
    {
        var parsed = LabelSelector.Parse(Yaml.Value(selector));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems.Select(p => p.Message)));
        Assert.Equal(expected, parsed.Selector.Matches(Yaml.Labels(labels)));
    }

    [Fact]
    public void Nil_MatchesNothing()
    {
        Assert.False(LabelSelector.Parse(null).Selector.Matches(Yaml.Labels("")));
        Assert.False(LabelSelector.Parse(Yaml.Value("null")).Selector.Matches(Yaml.Labels("a=b")));
        Assert.True(LabelSelector.Parse(Yaml.Value("null")).Selector.IsNil);
    }

    [Theory]
    // labels.Requirement with GreaterThan/LessThan (node selectors): int64 compare, absent or non-integer labels fail.
    [InlineData(SelectorOperator.Gt, "1", "x=2", true)]
    [InlineData(SelectorOperator.Gt, "1", "x=0", false)]
    [InlineData(SelectorOperator.Gt, "1", "x=1", false)]
    [InlineData(SelectorOperator.Lt, "1", "x=0", true)]
    [InlineData(SelectorOperator.Lt, "1", "x=2", false)]
    [InlineData(SelectorOperator.Gt, "1", "y=2", false)]
    [InlineData(SelectorOperator.Gt, "1", "x=two", false)]
    [InlineData(SelectorOperator.Lt, "-5", "x=-6", true)]
    public void GtLt_CompareIntegers(SelectorOperator op, string bound, string labels, bool expected) =>
        Assert.Equal(expected, new LabelRequirement("x", op, [bound]).Matches(Yaml.Labels(labels)));

    [Theory]
    // apimachinery meta/v1/validation TestValidateLabelSelector and TestLabelSelectorMatchExpression.
    [InlineData("{matchLabels: {app: web}}", 0)]
    [InlineData("{matchExpressions: [{key: key, operator: In, values: [value]}]}", 0)]
    [InlineData("{matchExpressions: [{key: key, operator: Exists}]}", 0)]
    [InlineData("{matchExpressions: [{key: key, operator: DoesNotExist}]}", 0)]
    [InlineData("{matchExpressions: [{key: key, operator: In}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: NotIn, values: []}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: Exists, values: [value]}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: DoesNotExist, values: [value]}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: Gt, values: [\"1\"]}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: Equals, values: [value]}]}", 1)]
    [InlineData("{matchExpressions: [{key: \"-key\", operator: Exists}]}", 1)]
    [InlineData("{matchExpressions: [{key: key, operator: In, values: [\"-value\"]}]}", 1)]
    [InlineData("{matchLabels: {\"a/b/c\": web}}", 1)]
    [InlineData("{matchLabels: {app: \"a value with spaces\"}}", 1)]
    [InlineData("{matchLabels: {app: true}}", 1)]
    public void Parse_ReportsWhatValidateLabelSelectorRejects(string selector, int problems) =>
        Assert.Equal(problems, LabelSelector.Parse(Yaml.Value(selector)).Problems.Count);

    [Fact]
    public void Parse_AllowsInvalidValues_WhenAsked()
    {
        // AllowInvalidLabelValueInSelector: DaemonSet and Job updates keep a stored invalid value.
        var parsed = LabelSelector.Parse(Yaml.Value("{matchExpressions: [{key: key, operator: In, values: [\"-value\"]}]}"), allowInvalidLabelValues: true);
        Assert.True(parsed.IsValid);
    }

    [Fact]
    public void ParseMap_IsEqualityOnEveryPair()
    {
        var selector = LabelSelector.ParseMap(Yaml.Value("{app: web, tier: db}")).Selector;
        Assert.True(selector.Matches(Yaml.Labels("app=web,tier=db,extra=1")));
        Assert.False(selector.Matches(Yaml.Labels("app=web")));
        Assert.Equal("app=web,tier=db", selector.ToString());
    }
}
