namespace KubePlan.Manifests;

/// <summary>A 1-based line and column in a source file.</summary>
public readonly record struct SourcePosition(int Line, int Column);

/// <summary>
/// A node of a parsed YAML document. Aliases share the node of their anchor, so a tree is a
/// DAG: walking it expands aliases, which the reader has already bounded.
/// </summary>
public abstract class YNode
{
    protected YNode(SourcePosition start) => Start = start;

    public SourcePosition Start { get; }

    /// <summary>The JSON-like type name used in messages ("a mapping", "a string", ...).</summary>
    public abstract string Describe();
}

public enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
    Timestamp,
}

/// <summary>A scalar resolved the way Kubernetes' YAML decoder (yaml.v2, YAML 1.1) resolves it.</summary>
public sealed class YScalar : YNode
{
    public YScalar(SourcePosition start, string text, ScalarKind kind, object? value, bool plain)
        : base(start)
    {
        Text = text;
        Kind = kind;
        Value = value;
        IsPlain = plain;
    }

    /// <summary>The scalar's text as written (after YAML unescaping and folding).</summary>
    public string Text { get; }

    public ScalarKind Kind { get; }

    /// <summary>bool, long, ulong, double, string, or DateTimeOffset (timestamps); null for Null.</summary>
    public object? Value { get; }

    /// <summary>Whether the scalar was written without quotes or block style.</summary>
    public bool IsPlain { get; }

    public bool IsString => Kind == ScalarKind.String;

    /// <summary>The string a JSON conversion would give a mapping key made of this scalar.</summary>
    public string KeyText => Kind switch
    {
        ScalarKind.Bool => (bool)Value! ? "true" : "false",
        ScalarKind.Null => "null",
        ScalarKind.Int or ScalarKind.Float => ScalarResolver.FormatNumber(Value!),
        // yaml.v2 hands a timestamp to an interface{} as the text written, for backward compatibility
        // (decode.go), so the JSON Kubernetes sees holds "2024-1-2", not an RFC 3339 rewrite of it.
        _ => Text,
    };

    /// <summary>The value as JSON would print it, for messages.</summary>
    public string JsonText => Kind switch
    {
        ScalarKind.String => "\"" + Text + "\"",
        ScalarKind.Timestamp => "\"" + Text + "\"",
        _ => KeyText,
    };

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "a boolean",
        ScalarKind.Int => "an integer",
        ScalarKind.Float => "a number",
        ScalarKind.Timestamp => "a timestamp",
        _ => "a string",
    };

    /// <summary>The value as an integer when it is one (floats with no fraction count, as in JSON).</summary>
    public long? AsInt64() => Value switch
    {
        long l => l,
        ulong u when u <= long.MaxValue => (long)u,
        double d when Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue => (long)d,
        _ => null,
    };
}

/// <summary>A mapping entry: the key scalar and its value.</summary>
public sealed record YEntry(YScalar Key, YNode Value);

public sealed class YMapping : YNode
{
    private readonly List<YEntry> _entries;
    private Dictionary<string, YEntry>? _index;

    public YMapping(SourcePosition start, List<YEntry> entries)
        : base(start) => _entries = entries;

    public IReadOnlyList<YEntry> Entries => _entries;

    public int Count => _entries.Count;

    public YEntry? GetEntry(string key)
    {
        if (_entries.Count <= 8)
        {
            // Rules look keys up millions of times: compare string keys' text directly (KeyText formats the others).
            foreach (var e in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entries))
            {
                var k = e.Key;
                if (string.Equals(k.IsString ? k.Text : k.KeyText, key, StringComparison.Ordinal))
                {
                    return e;
                }
            }

            return null;
        }

        _index ??= BuildIndex();
        return _index.TryGetValue(key, out var entry) ? entry : null;
    }

    public YNode? this[string key] => GetEntry(key)?.Value;

    /// <summary>The string value of a key, or null when absent or not a string scalar.</summary>
    public string? GetString(string key) => this[key] is YScalar { IsString: true } s ? s.Text : null;

    public override string Describe() => "a mapping";

    private Dictionary<string, YEntry> BuildIndex()
    {
        var index = new Dictionary<string, YEntry>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            index[e.Key.KeyText] = e;
        }

        return index;
    }
}

public sealed class YSequence : YNode
{
    public YSequence(SourcePosition start, List<YNode> items)
        : base(start) => Items = items;

    public IReadOnlyList<YNode> Items { get; }

    public override string Describe() => "a list";
}
