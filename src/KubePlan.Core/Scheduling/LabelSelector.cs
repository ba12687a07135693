using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Scheduling;

/// <summary>
/// A label selector with the semantics of <c>metav1.LabelSelectorAsSelector</c>: a nil selector
/// matches nothing, an empty one matches everything, requirements are ANDed.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(bool isNil, IReadOnlyList<LabelRequirement> requirements)
    {
        IsNil = isNil;
        Requirements = requirements;
    }

    /// <summary>The nil selector: it selects nothing.</summary>
    public static LabelSelector Nothing { get; } = new(true, []);

    /// <summary>The empty selector <c>{}</c>: it selects everything.</summary>
    public static LabelSelector Everything { get; } = new(false, []);

    public bool IsNil { get; }

    /// <summary>Present but without requirements: selects every object.</summary>
    public bool IsEmpty => !IsNil && Requirements.Count == 0;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public static LabelSelector Of(IEnumerable<LabelRequirement> requirements) => new(false, requirements.ToList());

    /// <summary>The selector of a plain map (<c>labels.SelectorFromSet</c>): every pair must be present.</summary>
    public static LabelSelector FromLabels(IReadOnlyDictionary<string, string> labels) =>
        new(false, labels.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new LabelRequirement(p.Key, SelectorOperator.Equals, [p.Value])).ToList());

    public bool Matches(IReadOnlyDictionary<string, string> labels) => !IsNil && Requirements.All(r => r.Matches(labels));

    /// <summary>
    /// Reads a <c>metav1.LabelSelector</c> (matchLabels and matchExpressions) and checks it as
    /// <c>ValidateLabelSelector</c> does. An absent or null node gives the nil selector. Invalid
    /// requirements are reported and left out of the selector.
    /// </summary>
    public static ParsedSelector Parse(Located? at, bool allowInvalidLabelValues = false)
    {
        var problems = new List<SelectorProblem>();
        if (at is not { } selector || selector.Node is YScalar { Kind: ScalarKind.Null })
        {
            return new ParsedSelector(Nothing, problems);
        }

        if (selector.Mapping is null)
        {
            problems.Add(new SelectorProblem(selector, $"{selector.DottedPath} must be a label selector mapping (matchLabels, matchExpressions), got {selector.Node.Describe()}",
                "Write the selector as matchLabels: {key: value} and/or matchExpressions."));
            return new ParsedSelector(Nothing, problems);
        }

        var requirements = new List<LabelRequirement>();
        if (selector.Get("matchLabels") is { } matchLabels)
        {
            requirements.AddRange(ReadMap(matchLabels, problems, allowInvalidLabelValues));
        }

        if (selector.Get("matchExpressions") is { Node: YSequence } expressions)
        {
            foreach (var item in expressions.Items())
            {
                if (ReadExpression(item, problems, allowInvalidLabelValues) is { } requirement)
                {
                    requirements.Add(requirement);
                }
            }
        }

        return new ParsedSelector(new LabelSelector(false, requirements), problems);
    }

    /// <summary>
    /// Reads a plain <c>map[string]string</c> selector (ReplicationController, Service) as a set of
    /// equality requirements; absent or null gives the nil selector.
    /// </summary>
    public static ParsedSelector ParseMap(Located? at)
    {
        var problems = new List<SelectorProblem>();
        if (at is not { } map || map.Node is YScalar { Kind: ScalarKind.Null })
        {
            return new ParsedSelector(Nothing, problems);
        }

        return new ParsedSelector(new LabelSelector(false, ReadMap(map, problems, false).ToList()), problems);
    }

    /// <summary>The selector in kubectl's syntax; <c>&lt;none&gt;</c> for nil, <c>&lt;everything&gt;</c> for empty.</summary>
    public override string ToString() =>
        IsNil ? "<none>" : Requirements.Count == 0 ? "<everything>" : string.Join(",", Requirements.Select(r => r.ToString()));

    private static List<LabelRequirement> ReadMap(Located map, List<SelectorProblem> problems, bool allowInvalidLabelValues)
    {
        var requirements = new List<LabelRequirement>();
        if (map.Mapping is null)
        {
            if (map.Node is not YScalar { Kind: ScalarKind.Null })
            {
                problems.Add(new SelectorProblem(map, $"{map.DottedPath} must be a map of label keys to values, got {map.Node.Describe()}",
                    "Write the labels as key: value pairs."));
            }

            return requirements;
        }

        foreach (var entry in map.Entries())
        {
            var key = entry.KeyText!;
            var valid = true;
            if (KubernetesNames.QualifiedName(key) is { } keyError)
            {
                problems.Add(new SelectorProblem(entry, $"label key \"{key}\" in {map.DottedPath} is invalid: {keyError}",
                    "Use a label key such as app or app.kubernetes.io/name.", AtKey: true));
                valid = false;
            }

            var value = ScalarText(entry, problems, "label value");
            if (value is null)
            {
                valid = false;
            }
            else if (!allowInvalidLabelValues && KubernetesNames.LabelValue(value) is { } valueError)
            {
                problems.Add(new SelectorProblem(entry, $"label value \"{value}\" for {key} in {map.DottedPath} is invalid: {valueError}",
                    "Use a label value of at most 63 letters, digits, '-', '_' or '.'."));
                valid = false;
            }

            if (valid)
            {
                requirements.Add(new LabelRequirement(key, SelectorOperator.Equals, [value!], entry));
            }
        }

        return requirements;
    }

    private static LabelRequirement? ReadExpression(Located item, List<SelectorProblem> problems, bool allowInvalidLabelValues)
    {
        if (item.Mapping is null)
        {
            problems.Add(new SelectorProblem(item, $"{item.DottedPath} must be a mapping with key, operator and values, got {item.Node.Describe()}",
                "Write each expression as {key: ..., operator: In, values: [...]}."));
            return null;
        }

        var valid = true;
        var keyAt = item.Get("key");
        var key = keyAt is { } k ? ScalarText(k, problems, "key") : null;
        if (keyAt is null)
        {
            problems.Add(new SelectorProblem(item, $"{item.DottedPath} has no key", "Name the label key the expression tests."));
            valid = false;
        }
        else if (key is null)
        {
            valid = false;
        }
        else if (KubernetesNames.QualifiedName(key) is { } keyError)
        {
            problems.Add(new SelectorProblem(keyAt.Value, $"label key \"{key}\" in {item.DottedPath} is invalid: {keyError}",
                "Use a label key such as app or app.kubernetes.io/name."));
            valid = false;
        }

        var operatorAt = item.Get("operator");
        var operatorText = operatorAt is { } o ? ScalarText(o, problems, "operator") : null;
        SelectorOperator? op = operatorText switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            _ => null,
        };
        if (op is null)
        {
            if (operatorText is not null || operatorAt is null)
            {
                problems.Add(new SelectorProblem(operatorAt ?? item,
                    operatorAt is null ? $"{item.DottedPath} has no operator" : $"\"{operatorText}\" is not a valid label selector operator",
                    "Use one of the operators In, NotIn, Exists or DoesNotExist."));
            }

            return null;
        }

        var valuesAt = item.Get("values");
        var values = ReadValues(valuesAt, problems);
        if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
        {
            problems.Add(new SelectorProblem(valuesAt ?? operatorAt!.Value, $"values must be given when the operator is {operatorText}",
                $"List at least one value for {operatorText}, or use Exists/DoesNotExist to test only that the key is there."));
            valid = false;
        }
        else if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
        {
            problems.Add(new SelectorProblem(valuesAt!.Value, $"values must not be given when the operator is {operatorText}",
                $"Remove values, or use In/NotIn to test the label's value."));
            valid = false;
        }

        if (!allowInvalidLabelValues)
        {
            foreach (var (value, at) in values)
            {
                if (KubernetesNames.LabelValue(value) is { } valueError)
                {
                    problems.Add(new SelectorProblem(at, $"label value \"{value}\" in {item.DottedPath} is invalid: {valueError}",
                        "Use a label value of at most 63 letters, digits, '-', '_' or '.'."));
                    valid = false;
                }
            }
        }

        return valid ? new LabelRequirement(key!, op.Value, values.Select(v => v.Value).ToList(), item) : null;
    }

    internal static List<(string Value, Located At)> ReadValues(Located? valuesAt, List<SelectorProblem> problems)
    {
        var values = new List<(string, Located)>();
        if (valuesAt is not { } at || at.Node is YScalar { Kind: ScalarKind.Null })
        {
            return values;
        }

        if (at.Sequence is null)
        {
            problems.Add(new SelectorProblem(at, $"{at.DottedPath} must be a list of strings, got {at.Node.Describe()}", "Write values as a list, e.g. [a, b]."));
            return values;
        }

        foreach (var item in at.Items())
        {
            if (ScalarText(item, problems, "value") is { } text)
            {
                values.Add((text, item));
            }
        }

        return values;
    }

    /// <summary>A string scalar's text; other scalars are reported (the API's string fields reject them) and give null.</summary>
    internal static string? ScalarText(Located at, List<SelectorProblem> problems, string what)
    {
        if (at.Node is YScalar { IsString: true } s)
        {
            return s.Text;
        }

        if (at.Node is YScalar { Kind: ScalarKind.Null })
        {
            // JSON null into a Go string is the empty string.
            return string.Empty;
        }

        if (at.Node is YScalar scalar)
        {
            problems.Add(new SelectorProblem(at, $"{what} {scalar.JsonText} at {at.DottedPath} must be a string, not {scalar.Describe()}",
                $"Quote it: \"{scalar.Text}\"."));
        }
        else
        {
            problems.Add(new SelectorProblem(at, $"{what} at {at.DottedPath} must be a string, got {at.Node.Describe()}", "Write a plain string."));
        }

        return null;
    }
}

/// <summary>A selector read from YAML, with what the API server would reject in it.</summary>
public sealed record ParsedSelector(LabelSelector Selector, IReadOnlyList<SelectorProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
