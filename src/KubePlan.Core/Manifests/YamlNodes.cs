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
/// <remarks>
/// A large input holds close to a million scalars, so a scalar keeps its text and kind only: the value of a
/// boolean, number or timestamp is resolved from the text again when asked for (the text determines it), and
/// only a value that the text does not give (a scalar built from JSON) is kept beside the text.
/// </remarks>
public sealed class YScalar : YNode
{
    /// <summary>The text, or a <see cref="Explicit"/> holding the text and a value the text does not give.</summary>
    private readonly object _data;

    public YScalar(SourcePosition start, string text, ScalarKind kind, object? value, bool plain)
        : this(start, text, kind, value, plain, valueFromText: false)
    {
    }

    /// <param name="valueFromText">Whether <paramref name="value"/> is known to be what the text resolves to for its kind (the reader's case).</param>
    internal YScalar(SourcePosition start, string text, ScalarKind kind, object? value, bool plain, bool valueFromText)
        : base(start)
    {
        Kind = kind;
        IsPlain = plain;
        _data = valueFromText || IsValueOfText(text, kind, value) ? text : new Explicit(text, value);
    }

    /// <summary>The scalar's text as written (after YAML unescaping and folding).</summary>
    public string Text => _data as string ?? ((Explicit)_data).Text;

    public ScalarKind Kind { get; }

    /// <summary>bool, long, ulong, double, string, or DateTimeOffset (timestamps); null for Null.</summary>
    public object? Value => _data switch
    {
        string text => Kind switch
        {
            ScalarKind.String => text,
            ScalarKind.Null => null,
            _ => ScalarResolver.ValueOf(text, Kind),
        },
        _ => ((Explicit)_data).Value,
    };

    /// <summary>Whether <see cref="Value"/> is what the text resolves to for the kind (so the text alone gives the scalar).</summary>
    internal bool HasTextValue => _data is string;

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

    private static bool IsValueOfText(string text, ScalarKind kind, object? value) => kind switch
    {
        ScalarKind.String => ReferenceEquals(value, text) || (value is string s && s == text),
        ScalarKind.Null => value is null,
        _ => value is not null && ScalarResolver.TryValueOf(text, kind, out var resolved) && value switch
        {
            // Exactly the same value: -0.0 is not 0.0, nor one instant in two offsets the same timestamp.
            double d => resolved is double r && BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(r),
            DateTimeOffset t => resolved is DateTimeOffset r && t.EqualsExact(r),
            _ => value.Equals(resolved),
        },
    };

    /// <summary>A scalar's text with a value that its text does not give.</summary>
    private sealed record Explicit(string Text, object? Value);
}

/// <summary>
/// A mapping key as a mapping entry keeps it: a string key, the overwhelming
/// case, as its text and position only; any other key (a number, a boolean, ...) as its scalar.
/// </summary>
/// <remarks>
/// A large input holds hundreds of thousands of keys, and the readers give every key of one text the
/// same string, so a string key costs no object of its own. Its scalar is made again when asked for.
/// </remarks>
internal readonly struct KeyRef
{
    /// <summary>A string (a string key's text) or a <see cref="YScalar"/> (any other key); null for no key.</summary>
    private readonly object? _key;
    private readonly int _line;

    /// <summary>The column, or its complement (negative) for a string key written quoted or in block style.</summary>
    private readonly int _column;

    public KeyRef(string text, SourcePosition start, bool plain)
    {
        _key = text;
        _line = start.Line;
        _column = plain ? start.Column : ~start.Column;
    }

    public KeyRef(YScalar key)
    {
        _line = key.Start.Line;
        if (key.IsString && key.HasTextValue)
        {
            _key = key.Text;
            _column = key.IsPlain ? key.Start.Column : ~key.Start.Column;
        }
        else
        {
            _key = key;
            _column = key.Start.Column;
        }
    }

    /// <summary>Whether the key is a string (its text is then its JSON text).</summary>
    public bool IsString => _key is string;

    /// <summary>The string a JSON conversion gives the key (<see cref="YScalar.KeyText"/>).</summary>
    public string Text => _key as string ?? ((YScalar)_key!).KeyText;

    public SourcePosition Start => new(_line, _column >= 0 ? _column : ~_column);

    /// <summary>The key's scalar: the one kept, or one made afresh for a string key.</summary>
    public YScalar? Scalar => _key switch
    {
        string text => new YScalar(Start, text, ScalarKind.String, text, plain: _column >= 0, valueFromText: true),
        _ => (YScalar?)_key,
    };

    /// <summary>The same key: the same text at the same place, or the same scalar.</summary>
    public bool SameAs(KeyRef other) => _key is string text
        ? other._key is string otherText && _line == other._line && _column == other._column && string.Equals(text, otherText, StringComparison.Ordinal)
        : ReferenceEquals(_key, other._key);

    public override int GetHashCode() => HashCode.Combine(_line, _column);
}

/// <summary>A mapping entry: its key and its value.</summary>
/// <remarks>
/// A value type: a mapping holds its entries inline in one array, not as an object each. A string key
/// is held inline too, as its text and position (see <see cref="KeyText"/>, <see cref="KeyStart"/>);
/// <see cref="Key"/> gives the key as a scalar, made afresh for a string key, for code that needs a node.
/// </remarks>
public readonly record struct YEntry
{
    private readonly KeyRef _key;

    public YEntry(YScalar Key, YNode Value)
    {
        _key = new KeyRef(Key);
        this.Value = Value;
    }

    /// <summary>An entry with a string key.</summary>
    /// <param name="plain">Whether the key was written without quotes or block style.</param>
    public YEntry(string key, SourcePosition keyStart, bool plain, YNode value)
    {
        _key = new KeyRef(key, keyStart, plain);
        Value = value;
    }

    private YEntry(KeyRef key, YNode value)
    {
        _key = key;
        Value = value;
    }

    /// <summary>The key as a scalar (made afresh for a string key: prefer <see cref="KeyText"/> and <see cref="KeyStart"/>).</summary>
    public YScalar Key
    {
        get => _key.Scalar!;
        init => _key = new KeyRef(value);
    }

    public YNode Value { get; init; }

    /// <summary>The string a JSON conversion gives the key (<see cref="YScalar.KeyText"/>): a string key's text.</summary>
    public string KeyText => _key.Text;

    /// <summary>Whether the key is a string scalar.</summary>
    public bool KeyIsString => _key.IsString;

    /// <summary>Where the key starts.</summary>
    public SourcePosition KeyStart => _key.Start;

    /// <summary>This entry's key with another value.</summary>
    public YEntry WithValue(YNode value) => new(_key, value);

    public void Deconstruct(out YScalar Key, out YNode Value)
    {
        Key = this.Key;
        Value = this.Value;
    }

    public bool Equals(YEntry other) => _key.SameAs(other._key) && ReferenceEquals(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(_key.GetHashCode(), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Value));
}

/// <remarks>
/// Entries are kept in an array of exactly their number (no list, no spare capacity): a large input
/// holds hundreds of thousands of mappings. Small mappings are searched by a linear scan; a larger
/// one builds an index of its keys on the first look-up.
/// </remarks>
public sealed class YMapping : YNode
{
    /// <summary>Mappings with more entries than this build a key index on the first look-up.</summary>
    private const int LinearScanLimit = 8;

    private readonly YEntry[] _entries;
    private Dictionary<string, int>? _index;

    public YMapping(SourcePosition start, YEntry[] entries)
        : base(start) => _entries = entries;

    public YMapping(SourcePosition start, List<YEntry> entries)
        : this(start, entries.ToArray())
    {
    }

    public IReadOnlyList<YEntry> Entries => _entries;

    /// <summary>The entries as a span, for loops that should not go through an interface.</summary>
    public ReadOnlySpan<YEntry> EntrySpan => _entries;

    public int Count => _entries.Length;

    public YEntry? GetEntry(string key)
    {
        var entries = _entries;
        if (entries.Length <= LinearScanLimit)
        {
            // Rules look keys up millions of times: a string key's text is held inline (KeyText formats the others).
            foreach (ref readonly var e in entries.AsSpan())
            {
                if (string.Equals(e.KeyText, key, StringComparison.Ordinal))
                {
                    return e;
                }
            }

            return null;
        }

        _index ??= BuildIndex();
        return _index.TryGetValue(key, out var at) ? entries[at] : null;
    }

    public YNode? this[string key] => GetEntry(key)?.Value;

    /// <summary>The string value of a key, or null when absent or not a string scalar.</summary>
    public string? GetString(string key) => this[key] is YScalar { IsString: true } s ? s.Text : null;

    public override string Describe() => "a mapping";

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Length; i++)
        {
            index[_entries[i].KeyText] = i;
        }

        return index;
    }
}

public sealed class YSequence : YNode
{
    private readonly YNode[] _items;

    public YSequence(SourcePosition start, YNode[] items)
        : base(start) => _items = items;

    public YSequence(SourcePosition start, List<YNode> items)
        : this(start, items.ToArray())
    {
    }

    public IReadOnlyList<YNode> Items => _items;

    /// <summary>The items as a span, for loops that should not go through an interface.</summary>
    public ReadOnlySpan<YNode> ItemSpan => _items;

    public override string Describe() => "a list";
}
