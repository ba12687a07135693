using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Scheduling;

/// <summary>A pod toleration (core/v1 Toleration), with where it was written.</summary>
public sealed record Toleration(string Key, string Operator, string Value, string Effect, long? TolerationSeconds = null, Located? At = null)
{
    public const string OperatorEqual = "Equal";
    public const string OperatorExists = "Exists";

    /// <summary>
    /// <c>core/v1 Toleration.ToleratesTaint</c>: a set effect must equal the taint's, a set key must
    /// equal the taint's; Equal (or no operator) compares values, Exists tolerates any value. Lt and Gt
    /// are behind an alpha gate that is off, so like any other operator they tolerate nothing.
    /// </summary>
    public bool ToleratesTaint(Taint taint)
    {
        if (Effect.Length > 0 && Effect != taint.Effect)
        {
            return false;
        }

        if (Key.Length > 0 && Key != taint.Key)
        {
            return false;
        }

        return Operator switch
        {
            "" or OperatorEqual => Value == taint.Value,
            OperatorExists => true,
            _ => false,
        };
    }

    /// <summary>Same key, operator, value and effect (<c>Toleration.MatchToleration</c>), the identity the DaemonSet controller replaces by.</summary>
    public bool MatchToleration(Toleration other) =>
        Key == other.Key && Operator == other.Operator && Value == other.Value && Effect == other.Effect;

    public override string ToString()
    {
        var text = Key.Length == 0 ? "<all keys>" : Key;
        if (Operator == OperatorExists)
        {
            text += " (Exists)";
        }
        else
        {
            text += "=" + Value;
        }

        return text + ":" + (Effect.Length == 0 ? "<all effects>" : Effect);
    }

    /// <summary>
    /// The first taint, among those whose effect passes the filter, that no toleration tolerates
    /// (component-helpers <c>FindMatchingUntoleratedTaint</c>).
    /// </summary>
    public static Taint? FindUntoleratedTaint(IEnumerable<Taint> taints, IReadOnlyList<Toleration> tolerations, Func<Taint, bool> inclusionFilter)
    {
        foreach (var taint in taints)
        {
            if (inclusionFilter(taint) && !tolerations.Any(t => t.ToleratesTaint(taint)))
            {
                return taint;
            }
        }

        return null;
    }

    /// <summary>Every untolerated taint with one of the given effects.</summary>
    public static IEnumerable<Taint> UntoleratedTaints(IEnumerable<Taint> taints, IReadOnlyList<Toleration> tolerations, IReadOnlyList<string> effects) =>
        taints.Where(t => effects.Contains(t.Effect, StringComparer.Ordinal) && !tolerations.Any(x => x.ToleratesTaint(t)));

    /// <summary>Reads <c>tolerations</c> leniently (non-mappings are skipped; validation reports them).</summary>
    public static IReadOnlyList<Toleration> ReadAll(Located? tolerations)
    {
        var list = new List<Toleration>();
        if (tolerations is not { } at)
        {
            return list;
        }

        foreach (var item in at.Items())
        {
            if (item.Mapping is not null)
            {
                list.Add(new Toleration(Text(item.Get("key")), Text(item.Get("operator")), Text(item.Get("value")), Text(item.Get("effect")),
                    (item.Get("tolerationSeconds")?.Node as YScalar)?.AsInt64(), item));
            }
        }

        return list;
    }

    /// <summary>Checks <c>tolerations</c> as <c>ValidateTolerations</c> does.</summary>
    public static IReadOnlyList<SelectorProblem> Validate(Located tolerations)
    {
        var problems = new List<SelectorProblem>();
        if (tolerations.Node is YScalar { Kind: ScalarKind.Null })
        {
            return problems;
        }

        if (tolerations.Sequence is null)
        {
            problems.Add(new SelectorProblem(tolerations, $"{tolerations.DottedPath} must be a list, got {tolerations.Node.Describe()}", "Write tolerations as a list of {key, operator, value, effect}."));
            return problems;
        }

        foreach (var item in tolerations.Items())
        {
            ValidateOne(item, problems);
        }

        return problems;
    }

    private static void ValidateOne(Located item, List<SelectorProblem> problems)
    {
        if (item.Mapping is null)
        {
            problems.Add(new SelectorProblem(item, $"{item.DottedPath} must be a mapping, got {item.Node.Describe()}", "Write each toleration as {key, operator, value, effect}."));
            return;
        }

        var keyAt = item.Get("key");
        var operatorAt = item.Get("operator");
        var valueAt = item.Get("value");
        var effectAt = item.Get("effect");
        var secondsAt = item.Get("tolerationSeconds");
        var key = keyAt is { } k ? LabelSelector.ScalarText(k, problems, "toleration key") ?? string.Empty : string.Empty;
        var op = operatorAt is { } o ? LabelSelector.ScalarText(o, problems, "toleration operator") ?? string.Empty : string.Empty;
        var value = valueAt is { } v ? LabelSelector.ScalarText(v, problems, "toleration value") : string.Empty;
        var effect = effectAt is { } e ? LabelSelector.ScalarText(e, problems, "toleration effect") ?? string.Empty : string.Empty;

        if (key.Length > 0 && KubernetesNames.QualifiedName(key) is { } keyError)
        {
            problems.Add(new SelectorProblem(keyAt!.Value, $"toleration key \"{key}\" is invalid: {keyError}", "Use the taint's key exactly, e.g. node-role.kubernetes.io/control-plane."));
        }

        var keyIsString = keyAt is not { Node: YScalar { Kind: not ScalarKind.String and not ScalarKind.Null } };
        if (key.Length == 0 && keyIsString && op != OperatorExists)
        {
            problems.Add(new SelectorProblem(operatorAt ?? keyAt ?? item,
                "a toleration without a key must use operator Exists (it then tolerates every taint)",
                "Set the taint's key, or set operator: Exists to tolerate all taints."));
        }

        if (secondsAt is { Node: YScalar { Kind: not ScalarKind.Null } } && effect != TaintEffects.NoExecute)
        {
            problems.Add(new SelectorProblem(effectAt ?? secondsAt.Value,
                "tolerationSeconds is only allowed with effect NoExecute" + (effect.Length > 0 ? $" (effect is {effect})" : " (effect is empty)"),
                "Set effect: NoExecute, or remove tolerationSeconds: only NoExecute taints evict after a delay."));
        }

        switch (op)
        {
            case "" or OperatorEqual:
                if (value is not null && KubernetesNames.LabelValue(value) is { } valueError)
                {
                    problems.Add(new SelectorProblem(valueAt!.Value, $"toleration value \"{value}\" is invalid: {valueError}", "Use the taint's value exactly; taint values follow the label value grammar."));
                }

                break;
            case OperatorExists:
                if (!string.IsNullOrEmpty(value))
                {
                    problems.Add(new SelectorProblem(valueAt!.Value, "a toleration with operator Exists must not have a value",
                        "Remove value to tolerate any value, or use operator: Equal to tolerate only this value."));
                }

                break;
            default:
                problems.Add(new SelectorProblem(operatorAt!.Value, $"toleration operator \"{op}\" is not supported",
                    "Use operator Equal (the default) or Exists."));
                break;
        }

        if (effect.Length > 0 && !TaintEffects.All.Contains(effect, StringComparer.Ordinal))
        {
            problems.Add(new SelectorProblem(effectAt!.Value, $"toleration effect \"{effect}\" is not supported",
                "Use NoSchedule, PreferNoSchedule or NoExecute, or leave effect empty to match all effects."));
        }
    }

    private static string Text(Located? at) => at?.Node is YScalar { Kind: not ScalarKind.Null } s ? s.KeyText : string.Empty;
}
