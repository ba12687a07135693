using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Scheduling;

/// <summary>One requirement of a node selector term, on a label (matchExpressions) or a field (matchFields).</summary>
public sealed record NodeSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values, bool IsField, Located? At = null)
{
    /// <summary>
    /// The requirement as <c>labels.Requirement</c>, or the reason it cannot be built (then the
    /// scheduler treats its term as matching nothing).
    /// </summary>
    public (LabelRequirement? Requirement, string? Error) ToLabelRequirement()
    {
        SelectorOperator? op = Operator switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            "Gt" when !IsField => SelectorOperator.Gt,
            "Lt" when !IsField => SelectorOperator.Lt,
            _ => null,
        };
        if (op is null)
        {
            return (null, $"\"{Operator}\" is not a valid node selector operator");
        }

        if (IsField)
        {
            if (Key != "metadata.name")
            {
                return (null, $"matchFields supports only metadata.name, not \"{Key}\"");
            }

            if (op is not (SelectorOperator.In or SelectorOperator.NotIn) || Values.Count != 1)
            {
                return (null, "matchFields needs operator In or NotIn with exactly one value");
            }
        }

        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when Values.Count == 0:
                return (null, $"values must be given when the operator is {Operator}");
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when Values.Count > 0:
                return (null, $"values must not be given when the operator is {Operator}");
            case SelectorOperator.Gt or SelectorOperator.Lt when Values.Count != 1:
                return (null, $"operator {Operator} needs exactly one value");
            case SelectorOperator.Gt or SelectorOperator.Lt when !LabelRequirement.TryParseInt64(Values[0], out _):
                return (null, $"operator {Operator} needs an integer value, got \"{Values[0]}\"");
        }

        return (new LabelRequirement(Key, op.Value, Values, At), null);
    }

    public override string ToString() => Operator switch
    {
        "Exists" => Key + " Exists",
        "DoesNotExist" => Key + " DoesNotExist",
        _ => $"{Key} {Operator} ({string.Join(", ", Values)})",
    };
}

/// <summary>A node selector term: its requirements are ANDed; a term with none matches no node.</summary>
public sealed record NodeSelectorTerm(IReadOnlyList<NodeSelectorRequirement> MatchExpressions, IReadOnlyList<NodeSelectorRequirement> MatchFields, Located? At = null)
{
    /// <summary>Null when the term selects the node, else why not.</summary>
    public string? Mismatch(ClusterNode node)
    {
        if (MatchExpressions.Count == 0 && MatchFields.Count == 0)
        {
            return "the term is empty and selects no node";
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Name };
        foreach (var requirement in MatchExpressions.Concat(MatchFields))
        {
            var (built, error) = requirement.ToLabelRequirement();
            if (built is null)
            {
                return error + " (the term selects no node)";
            }

            var source = requirement.IsField ? fields : node.Labels;
            if (!built.Matches(source))
            {
                var has = source.TryGetValue(requirement.Key, out var actual);
                var what = requirement.IsField ? "node name is " + node.Name
                    : has ? $"node has {requirement.Key}={actual}" : $"node has no {requirement.Key} label";
                return $"{requirement} ({what})";
            }
        }

        return null;
    }
}

/// <summary>
/// <c>requiredDuringSchedulingIgnoredDuringExecution</c>: the terms are ORed (component-helpers
/// <c>nodeaffinity.NodeSelector</c>).
/// </summary>
public sealed record NodeSelector(IReadOnlyList<NodeSelectorTerm> Terms, Located? At = null)
{
    public bool Matches(ClusterNode node) => Mismatch(node) is null;

    /// <summary>Null when some term selects the node, else why none does.</summary>
    public string? Mismatch(ClusterNode node)
    {
        if (Terms.Count == 0)
        {
            return "required node affinity has no nodeSelectorTerms and selects no node";
        }

        var reasons = new List<string>();
        for (var i = 0; i < Terms.Count; i++)
        {
            if (Terms[i].Mismatch(node) is not { } reason)
            {
                return null;
            }

            reasons.Add(Terms.Count == 1 ? reason : $"term {i + 1}: {reason}");
        }

        return "required node affinity does not match: " + string.Join("; ", reasons);
    }

    /// <summary>Reads a <c>NodeSelector</c> (a mapping with nodeSelectorTerms) leniently; null when absent.</summary>
    public static NodeSelector? Read(Located? at)
    {
        if (at is not { Mapping: not null } selector)
        {
            return null;
        }

        var terms = selector.Get("nodeSelectorTerms")?.Items()
            .Where(t => t.Mapping is not null)
            .Select(t => new NodeSelectorTerm(ReadRequirements(t.Get("matchExpressions"), false), ReadRequirements(t.Get("matchFields"), true), t))
            .ToList() ?? [];
        return new NodeSelector(terms, selector);
    }

    /// <summary>Checks a <c>NodeSelector</c> as <c>ValidateNodeSelector</c> does.</summary>
    public static IReadOnlyList<SelectorProblem> Validate(Located selector)
    {
        var problems = new List<SelectorProblem>();
        if (selector.Mapping is null)
        {
            return problems;
        }

        var terms = selector.Get("nodeSelectorTerms");
        if (terms is null || !terms.Value.Items().Any())
        {
            problems.Add(new SelectorProblem(terms ?? selector, "required node affinity must have at least one nodeSelectorTerm",
                "Add a nodeSelectorTerm with matchExpressions, or remove requiredDuringSchedulingIgnoredDuringExecution."));
            return problems;
        }

        foreach (var term in terms.Value.Items())
        {
            problems.AddRange(ValidateTerm(term));
        }

        return problems;
    }

    /// <summary>Checks the requirements of one term (also used for preferred terms' <c>preference</c>).</summary>
    public static IReadOnlyList<SelectorProblem> ValidateTerm(Located term)
    {
        var problems = new List<SelectorProblem>();
        foreach (var expression in term.Get("matchExpressions")?.Items() ?? [])
        {
            ValidateRequirement(expression, false, problems);
        }

        foreach (var field in term.Get("matchFields")?.Items() ?? [])
        {
            ValidateRequirement(field, true, problems);
        }

        return problems;
    }

    private static void ValidateRequirement(Located item, bool isField, List<SelectorProblem> problems)
    {
        if (item.Mapping is null)
        {
            problems.Add(new SelectorProblem(item, $"{item.DottedPath} must be a mapping with key, operator and values", "Write each requirement as {key, operator, values}."));
            return;
        }

        var keyAt = item.Get("key");
        var key = keyAt is { } k ? LabelSelector.ScalarText(k, problems, "key") : null;
        var operatorAt = item.Get("operator");
        var op = operatorAt is { } o ? LabelSelector.ScalarText(o, problems, "operator") : null;
        var valuesAt = item.Get("values");
        var values = LabelSelector.ReadValues(valuesAt, problems);
        var hint = isField ? "Use key: metadata.name with operator In or NotIn and exactly one node name."
            : "Use In/NotIn with values, Exists/DoesNotExist without values, or Gt/Lt with one integer value.";

        if (isField)
        {
            if (key is not null and not "metadata.name")
            {
                problems.Add(new SelectorProblem(keyAt!.Value, $"matchFields supports only the key metadata.name, not \"{key}\"", hint));
            }

            if (op is not null and not ("In" or "NotIn"))
            {
                problems.Add(new SelectorProblem(operatorAt!.Value, $"matchFields supports only the operators In and NotIn, not \"{op}\"", hint));
            }
            else if (op is not null && values.Count != 1)
            {
                problems.Add(new SelectorProblem(valuesAt ?? item, "matchFields needs exactly one value when the operator is In or NotIn", hint));
            }

            return;
        }

        if (key is not null && KubernetesNames.QualifiedName(key) is { } keyError)
        {
            problems.Add(new SelectorProblem(keyAt!.Value, $"label key \"{key}\" is invalid: {keyError}", "Use a node label key such as topology.kubernetes.io/zone."));
        }

        switch (op)
        {
            case null:
                if (operatorAt is null)
                {
                    problems.Add(new SelectorProblem(item, $"{item.DottedPath} has no operator", hint));
                }

                break;
            case "In" or "NotIn" when values.Count == 0:
                problems.Add(new SelectorProblem(valuesAt ?? operatorAt!.Value, $"values must be given when the operator is {op}", hint));
                break;
            case "Exists" or "DoesNotExist" when values.Count > 0:
                problems.Add(new SelectorProblem(valuesAt!.Value, $"values must not be given when the operator is {op}", hint));
                break;
            case "Gt" or "Lt" when values.Count != 1:
                problems.Add(new SelectorProblem(valuesAt ?? operatorAt!.Value, $"operator {op} needs exactly one value", hint));
                break;
            case "In" or "NotIn" or "Exists" or "DoesNotExist" or "Gt" or "Lt":
                break;
            default:
                problems.Add(new SelectorProblem(operatorAt!.Value, $"\"{op}\" is not a valid node selector operator", hint));
                break;
        }
    }

    private static List<NodeSelectorRequirement> ReadRequirements(Located? list, bool isField)
    {
        var requirements = new List<NodeSelectorRequirement>();
        foreach (var item in list?.Items() ?? [])
        {
            if (item.Mapping is null)
            {
                continue;
            }

            var ignored = new List<SelectorProblem>();
            var values = LabelSelector.ReadValues(item.Get("values"), ignored).Select(v => v.Value).ToList();
            requirements.Add(new NodeSelectorRequirement(Text(item.Get("key")), Text(item.Get("operator")), values, isField, item));
        }

        return requirements;
    }

    private static string Text(Located? at) => at?.Node is YScalar { Kind: not ScalarKind.Null } s ? s.KeyText : string.Empty;
}
