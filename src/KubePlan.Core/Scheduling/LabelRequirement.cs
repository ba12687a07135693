using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>The operators of <c>labels.Requirement</c> (apimachinery <c>selection.Operator</c>).</summary>
public enum SelectorOperator
{
    /// <summary>A matchLabels entry or a plain map selector: key present with this value.</summary>
    Equals,
    In,
    NotIn,
    Exists,
    DoesNotExist,

    /// <summary>Node selectors only: the label, read as an int64, is greater than the value.</summary>
    Gt,

    /// <summary>Node selectors only: the label, read as an int64, is less than the value.</summary>
    Lt,
}

/// <summary>
/// One requirement of a selector, matched exactly as <c>labels.Requirement.Matches</c>: In needs the key
/// present, NotIn matches when it is absent, Exists and DoesNotExist test presence, Gt and Lt compare
/// int64 values and fail when either side is not an integer.
/// </summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values, Located? At = null)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case SelectorOperator.Equals:
            case SelectorOperator.In:
                return has && Values.Contains(value!, StringComparer.Ordinal);
            case SelectorOperator.NotIn:
                return !has || !Values.Contains(value!, StringComparer.Ordinal);
            case SelectorOperator.Exists:
                return has;
            case SelectorOperator.DoesNotExist:
                return !has;
            case SelectorOperator.Gt:
            case SelectorOperator.Lt:
                if (!has || Values.Count != 1 || !TryParseInt64(value!, out var actual) || !TryParseInt64(Values[0], out var bound))
                {
                    return false;
                }

                return Operator == SelectorOperator.Gt ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 10, 64)</c>: an optional sign and decimal digits, nothing else.</summary>
    public static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The requirement in kubectl's selector syntax, e.g. <c>app=web</c>, <c>tier in (a,b)</c>, <c>!canary</c>.</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => Key + "=" + (Values.Count > 0 ? Values[0] : string.Empty),
        SelectorOperator.In => Key + " in (" + string.Join(",", Values) + ")",
        SelectorOperator.NotIn => Key + " notin (" + string.Join(",", Values) + ")",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.Gt => Key + ">" + (Values.Count > 0 ? Values[0] : string.Empty),
        _ => Key + "<" + (Values.Count > 0 ? Values[0] : string.Empty),
    };
}
