using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KubePlan.Schema;

[Flags]
internal enum JsonKinds : byte
{
    Any = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
}

internal enum ValueFormat : byte
{
    None,
    Int32,
    Int64,
    IntOrString,
    Quantity,
    Byte,
}

/// <summary>
/// A schema node compiled for fast validation: plain fields, no reference chasing at validation time. Not changed once
/// compiled, so equal nodes may be one object (<see cref="SchemaNodeInterner"/>).
/// </summary>
/// <remarks>
/// What most nodes use is a field of the node; the value constraints few nodes have (enum, pattern, bounds, lengths,
/// allOf/anyOf/oneOf) are in <see cref="Constraints"/>, made on the first one set, so a plain node stays small.
/// </remarks>
internal sealed class SchemaNode
{
    private string[] _required = [];

    public JsonKinds Kinds { get; set; }

    public ValueFormat Format { get; set; }

    /// <summary>Keys not in <see cref="Properties"/> are errors (additionalProperties: false, or a structural CRD object).</summary>
    public bool RejectUnknown { get; set; }

    /// <summary>apiVersion, kind and metadata are accepted even when not declared (CRD root, embedded resources).</summary>
    public bool AllowsTypeMeta { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    /// <summary>The required property names; every node without any shares one empty array.</summary>
    public string[] Required
    {
        get => _required;
        set => _required = value.Length == 0 ? [] : value;
    }

    public SchemaNode? AdditionalProperties { get; set; }

    public SchemaNode? Items { get; set; }

    /// <summary>The rarer constraints, null when the node has none.</summary>
    public SchemaConstraints? Constraints { get; private set; }

    public string[]? Enum
    {
        get => Constraints?.Enum;
        set => Set(value is not null)?.Enum = value;
    }

    /// <summary>The pattern as written; its <see cref="Regex"/> is built on first use (most are never needed).</summary>
    public string? PatternText
    {
        get => Constraints?.PatternText;
        set => Set(value is not null)?.PatternText = value;
    }

    public Regex? Pattern => Constraints?.Pattern;

    public decimal? Minimum
    {
        get => Constraints?.Minimum;
        set => Set(value is not null)?.Minimum = value;
    }

    public decimal? Maximum
    {
        get => Constraints?.Maximum;
        set => Set(value is not null)?.Maximum = value;
    }

    public bool ExclusiveMinimum
    {
        get => Constraints?.ExclusiveMinimum ?? false;
        set => Set(value)?.ExclusiveMinimum = value;
    }

    public bool ExclusiveMaximum
    {
        get => Constraints?.ExclusiveMaximum ?? false;
        set => Set(value)?.ExclusiveMaximum = value;
    }

    public int? MinLength
    {
        get => Constraints?.MinLength;
        set => Set(value is not null)?.MinLength = value;
    }

    public int? MaxLength
    {
        get => Constraints?.MaxLength;
        set => Set(value is not null)?.MaxLength = value;
    }

    public int? MinItems
    {
        get => Constraints?.MinItems;
        set => Set(value is not null)?.MinItems = value;
    }

    public int? MaxItems
    {
        get => Constraints?.MaxItems;
        set => Set(value is not null)?.MaxItems = value;
    }

    public SchemaNode[]? AllOf
    {
        get => Constraints?.AllOf;
        set => Set(value is not null)?.AllOf = value;
    }

    public SchemaNode[]? AnyOf
    {
        get => Constraints?.AnyOf;
        set => Set(value is not null)?.AnyOf = value;
    }

    public SchemaNode[]? OneOf
    {
        get => Constraints?.OneOf;
        set => Set(value is not null)?.OneOf = value;
    }

    // Where a constraint is written: made when a value is set, so clearing one on a plain node allocates nothing.
    private SchemaConstraints? Set(bool value) => value ? Constraints ??= new SchemaConstraints() : Constraints;
}

/// <summary>The constraints of a <see cref="SchemaNode"/> that most nodes do not have.</summary>
internal sealed class SchemaConstraints
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private Regex? _pattern;

    public string[]? Enum { get; set; }

    public string? PatternText { get; set; }

    public Regex? Pattern => PatternText is null ? null : _pattern ??= Patterns.GetOrAdd(PatternText, static p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public bool ExclusiveMinimum { get; set; }

    public bool ExclusiveMaximum { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public SchemaNode[]? AllOf { get; set; }

    public SchemaNode[]? AnyOf { get; set; }

    public SchemaNode[]? OneOf { get; set; }
}
