using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KubePlan.Schema;

[Flags]
internal enum JsonKinds
{
    Any = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
}

internal enum ValueFormat
{
    None,
    Int32,
    Int64,
    IntOrString,
    Quantity,
    Byte,
}

/// <summary>A schema node compiled for fast validation: plain fields, no reference chasing at validation time.</summary>
internal sealed class SchemaNode
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);
    private Regex? _pattern;

    public JsonKinds Kinds { get; set; }

    public ValueFormat Format { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    public string[] Required { get; set; } = [];

    /// <summary>Keys not in <see cref="Properties"/> are errors (additionalProperties: false, or a structural CRD object).</summary>
    public bool RejectUnknown { get; set; }

    /// <summary>apiVersion, kind and metadata are accepted even when not declared (CRD root, embedded resources).</summary>
    public bool AllowsTypeMeta { get; set; }

    public SchemaNode? AdditionalProperties { get; set; }

    public SchemaNode? Items { get; set; }

    public string[]? Enum { get; set; }

    /// <summary>The pattern as written; its <see cref="Regex"/> is built on first use (most are never needed).</summary>
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
