namespace KubePlan.Manifests;

/// <summary>
/// A node together with where it sits: its JSON pointer from the object root and, for a
/// mapping value, the key that names it. Rules navigate with it so every finding can name
/// both a line and a path.
/// </summary>
/// <remarks>
/// Rules step through many nodes and report few, so the pointer is not built while navigating:
/// each step records only its parent and its key or index (<see cref="PointerPath"/>), and the
/// pointer string is made, once, when <see cref="Pointer"/> or <see cref="DottedPath"/> is read.
/// Two values are equal when they hold the same node and key at the same pointer. A string key has no
/// node of its own (the mapping holds it inline), so a step to a mapping value keeps the mapping, and the
/// key is the entry that the step's token names: a value stays three references wide.
/// </remarks>
public readonly record struct Located
{
    /// <summary>The pointer: null (default value), a string, or a <see cref="PointerPath"/> not yet made into one.</summary>
    private readonly object? _path;

    /// <summary>
    /// The key: null (none), a <see cref="YScalar"/>, or the <see cref="YMapping"/> that holds the node,
    /// whose entry named by the last token of <see cref="_path"/> (then a <see cref="PointerPath"/>) is the key.
    /// </summary>
    private readonly object? _key;

    public Located(YNode Node, string Pointer, YScalar? Key)
    {
        this.Node = Node;
        _path = Pointer;
        _key = Key;
    }

    private Located(YNode node, PointerPath path, object? key)
    {
        Node = node;
        _path = path;
        _key = key;
    }

    public YNode Node { get; init; }

    /// <summary>The RFC 6901 pointer from the object root (<c>""</c> is the root).</summary>
    public string Pointer
    {
        get => _path as string ?? (_path as PointerPath)?.Pointer!;
        init
        {
            // The key of a step is found through the step's token: keep it as a scalar before the step goes.
            if (_key is YMapping)
            {
                _key = Key;
            }

            _path = value;
        }
    }

    /// <summary>The key as a scalar (made afresh for a string key: prefer <see cref="KeyText"/> and <see cref="HasKey"/>).</summary>
    public YScalar? Key
    {
        get => _key is YMapping ? KeyEntry.Key : (YScalar?)_key;
        init => _key = value;
    }

    /// <summary>Whether the node is a mapping value, named by a key.</summary>
    public bool HasKey => _key is not null;

    /// <summary>The JSON text of the key that names the node (<see cref="YScalar.KeyText"/>), or null.</summary>
    public string? KeyText => _key is YMapping ? ((PointerPath)_path!).Token : ((YScalar?)_key)?.KeyText;

    public YMapping? Mapping => Node as YMapping;

    public YSequence? Sequence => Node as YSequence;

    public YScalar? Scalar => Node as YScalar;

    /// <summary>The string value when the node is a string scalar.</summary>
    public string? String => Node is YScalar { IsString: true } s ? s.Text : null;

    /// <summary>The position of the key when there is one, else of the node.</summary>
    public SourcePosition KeyPosition => _key switch
    {
        YMapping => KeyEntry.KeyStart,
        YScalar key => key.Start,
        _ => Node.Start,
    };

    /// <summary>The entry of the mapping that holds the node, when <see cref="_key"/> is that mapping.</summary>
    private YEntry KeyEntry => ((YMapping)_key!).GetEntry(((PointerPath)_path!).Token!)!.Value;

    /// <summary>The path in dotted form for messages, e.g. <c>spec.template.spec.containers[0].image</c>.</summary>
    public string DottedPath => JsonPointer.ToDotted(Pointer);

    public void Deconstruct(out YNode Node, out string Pointer, out YScalar? Key)
    {
        Node = this.Node;
        Pointer = this.Pointer;
        Key = this.Key;
    }

    public bool Equals(Located other) =>
        ReferenceEquals(Node, other.Node) && SameKey(other)
        && (ReferenceEquals(_path, other._path) || string.Equals(Pointer, other.Pointer, StringComparison.Ordinal));

    // Equal values hold the same node, so it alone makes a consistent hash without building the pointer or finding the key.
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Node);

    /// <summary>The same key: the same key scalar, or the same string key (text and place), however each is held.</summary>
    private bool SameKey(Located other)
    {
        if (ReferenceEquals(_key, other._key) && (_key is not YMapping || ReferenceEquals(_path, other._path)))
        {
            return true;
        }

        if (_key is null || other._key is null)
        {
            return false;
        }

        if (_key is YMapping && other._key is YMapping)
        {
            return ReferenceEquals(_key, other._key) && string.Equals(KeyText, other.KeyText, StringComparison.Ordinal);
        }

        var (key, otherKey) = (Key!, other.Key!);
        return key.IsString && otherKey.IsString && key.IsPlain == otherKey.IsPlain && key.Start == otherKey.Start
            && string.Equals(key.Text, otherKey.Text, StringComparison.Ordinal);
    }

    public Located? Get(string key)
    {
        if (Node is YMapping m && m.GetEntry(key) is { } entry)
        {
            return new Located(entry.Value, new PointerPath(_path, key), entry.KeyIsString ? m : entry.Key);
        }

        return null;
    }

    /// <summary>Follows a chain of keys; null as soon as one is missing.</summary>
    public Located? At(params ReadOnlySpan<string> keys)
    {
        var current = this;
        foreach (var key in keys)
        {
            if (current.Get(key) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public IEnumerable<Located> Items()
    {
        if (Node is YSequence s)
        {
            for (var i = 0; i < s.Items.Count; i++)
            {
                yield return new Located(s.Items[i], new PointerPath(_path, i), null);
            }
        }
    }

    public IEnumerable<Located> Entries()
    {
        if (Node is YMapping m)
        {
            foreach (var e in m.Entries)
            {
                yield return new Located(e.Value, new PointerPath(_path, e.KeyText), e.KeyIsString ? m : e.Key);
            }
        }
    }

    /// <summary>Resolves an RFC 6901 pointer relative to this node.</summary>
    public Located? Resolve(string pointer)
    {
        if (pointer.Length == 0)
        {
            return this;
        }

        var current = this;
        foreach (var token in JsonPointer.Split(pointer))
        {
            Located? next = current.Node switch
            {
                YMapping => current.Get(token),
                YSequence s when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < s.Items.Count
                    => new Located(s.Items[i], new PointerPath(current._path, token), null),
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            current = next.Value;
        }

        return current;
    }

    /// <summary>The deepest node on the pointer's way that exists (for pointers to missing fields).</summary>
    public Located ResolveNearest(string pointer)
    {
        var current = this;
        foreach (var token in JsonPointer.Split(pointer))
        {
            var next = current.Resolve("/" + JsonPointer.Escape(token));
            if (next is null)
            {
                return current;
            }

            current = next.Value;
        }

        return current;
    }

    /// <summary>
    /// One step of a pointer not yet written out: the parent's pointer (a string or another step)
    /// and this step's token, an unescaped key or a sequence index. The string is built on first
    /// read and kept; two threads building it at once build the same string.
    /// </summary>
    private sealed class PointerPath
    {
        private readonly object? _parent;
        private readonly string? _token;
        private readonly int _index;
        private string? _pointer;

        public PointerPath(object? parent, string token)
        {
            _parent = parent;
            _token = token;
        }

        public PointerPath(object? parent, int index)
        {
            _parent = parent;
            _index = index;
        }

        public string Pointer => _pointer ??= Build();

        /// <summary>The unescaped key of this step, or null for a sequence index.</summary>
        public string? Token => _token;

        private string Build()
        {
            // Walk up to the nearest written-out pointer, then append the steps below it in order.
            var steps = new List<PointerPath>();
            object? at = this;
            while (at is PointerPath step)
            {
                if (step._pointer is not null)
                {
                    break;
                }

                steps.Add(step);
                at = step._parent;
            }

            var builder = new System.Text.StringBuilder(at switch
            {
                PointerPath done => done._pointer,
                string text => text,
                _ => null,
            });
            for (var i = steps.Count - 1; i >= 0; i--)
            {
                builder.Append('/');
                if (steps[i]._token is { } token)
                {
                    builder.Append(JsonPointer.Escape(token));
                }
                else
                {
                    builder.Append(steps[i]._index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }
    }
}

/// <summary>RFC 6901 JSON pointer helpers.</summary>
public static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static IEnumerable<string> Split(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(Unescape);

    /// <summary><c>/spec/containers/0/image</c> → <c>spec.containers[0].image</c>.</summary>
    public static string ToDotted(string pointer)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var token in Split(pointer))
        {
            if (token.Length > 0 && token.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(token).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(token);
            }
        }

        return builder.ToString();
    }
}
