using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Scheduling;

public sealed class TolerationTests
{
    [Theory]
    // k8s.io/api core/v1 toleration_test.go TestTolerationToleratesTaint.
    [InlineData("foo", "Exists", "", "NoSchedule", "foo", "", "NoSchedule", true)]
    [InlineData("foo", "Exists", "", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("", "Exists", "", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("foo", "Equal", "bar", "NoSchedule", "foo", "bar", "NoSchedule", true)]
    [InlineData("foo", "Equal", "bar", "NoSchedule", "foo", "baz", "NoSchedule", false)]
    [InlineData("foo", "Equal", "bar", "NoExecute", "foo", "bar", "NoSchedule", false)]
    [InlineData("foo", "", "bar", "", "foo", "bar", "NoExecute", true)]
    [InlineData("foo", "", "", "NoSchedule", "foo", "", "NoSchedule", true)]
    [InlineData("Foo", "Exists", "", "", "foo", "", "NoSchedule", false)]
    [InlineData("foo", "Exists", "", "", "bar", "", "NoSchedule", false)]
    // Lt/Gt are behind TaintTolerationComparisonOperators (alpha, off): they tolerate nothing; so does any other operator.
    [InlineData("foo", "Gt", "1", "NoSchedule", "foo", "5", "NoSchedule", false)]
    [InlineData("foo", "Lt", "9", "NoSchedule", "foo", "5", "NoSchedule", false)]
    [InlineData("foo", "In", "bar", "NoSchedule", "foo", "bar", "NoSchedule", false)]
    public void ToleratesTaint(string key, string op, string value, string effect, string taintKey, string taintValue, string taintEffect, bool expected) =>
        Assert.Equal(expected, new Toleration(key, op, value, effect).ToleratesTaint(new Taint(taintKey, taintValue, taintEffect)));

    [Theory]
    // component-helpers scheduling/corev1 TestFindMatchingUntoleratedTaint, with the scheduler's NoSchedule/NoExecute filter.
    [InlineData("", "", null)]
    [InlineData("foo=bar:NoSchedule", "", "foo=bar:NoSchedule")]
    [InlineData("foo=bar:PreferNoSchedule", "", null)]
    [InlineData("foo=bar:NoSchedule", "foo=bar:NoSchedule", null)]
    [InlineData("foo=bar:NoSchedule,baz=:NoExecute", "foo=bar:NoSchedule", "baz:NoExecute")]
    [InlineData("foo=bar:NoSchedule,baz=:NoExecute", "foo=bar:", "baz:NoExecute")]
    [InlineData("foo=bar:NoSchedule,baz=:NoExecute", "=:", null)]
    public void FindUntoleratedTaint_WithSchedulingEffects(string taints, string tolerations, string? expected)
    {
        var found = Toleration.FindUntoleratedTaint(ParseTaints(taints), ParseTolerations(tolerations), t => TaintEffects.Scheduling.Contains(t.Effect));
        Assert.Equal(expected, found?.ToString());
    }

    [Theory]
    // apis/core/validation TestValidateTolerations (success and error cases).
    [InlineData("{key: foo, operator: Exists, effect: NoSchedule}", 0)]
    [InlineData("{key: foo, operator: Equal, value: bar, effect: NoSchedule}", 0)]
    [InlineData("{key: foo, value: bar}", 0)]
    [InlineData("{operator: Exists}", 0)]
    [InlineData("{key: foo, operator: Exists, effect: NoExecute, tolerationSeconds: 60}", 0)]
    [InlineData("{key: \"nospecialchars^=@\", operator: Equal, value: bar, effect: NoSchedule}", 1)]
    [InlineData("{operator: Equal, value: bar, effect: NoSchedule}", 1)]
    [InlineData("{value: bar}", 1)]
    [InlineData("{key: foo, operator: Exists, value: bar, effect: NoSchedule}", 1)]
    [InlineData("{key: foo, operator: Exists, effect: NoSchedule, tolerationSeconds: 20}", 1)]
    [InlineData("{key: foo, operator: Exists, tolerationSeconds: 20}", 1)]
    [InlineData("{key: foo, operator: Exists, effect: Evict}", 1)]
    [InlineData("{key: foo, operator: In, value: bar}", 1)]
    [InlineData("{key: foo, operator: Equal, value: \"bad value!\"}", 1)]
    [InlineData("{key: foo, operator: Equal, value: true}", 1)]
    public void Validate_ReportsWhatValidateTolerationsRejects(string toleration, int problems) =>
        Assert.Equal(problems, Toleration.Validate(Yaml.Value("[" + toleration + "]")).Count);

    private static List<Taint> ParseTaints(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(t =>
        {
            var (kv, effect) = (t[..t.LastIndexOf(':')], t[(t.LastIndexOf(':') + 1)..]);
            var parts = kv.Split('=', 2);
            return new Taint(parts[0], parts.Length > 1 ? parts[1] : string.Empty, effect);
        }).ToList();

    private static List<Toleration> ParseTolerations(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(t =>
        {
            var (kv, effect) = (t[..t.LastIndexOf(':')], t[(t.LastIndexOf(':') + 1)..]);
            var parts = kv.Split('=', 2);
            return parts[0].Length == 0 ? new Toleration(string.Empty, Toleration.OperatorExists, string.Empty, effect)
                : new Toleration(parts[0], Toleration.OperatorEqual, parts.Length > 1 ? parts[1] : string.Empty, effect);
        }).ToList();
}
