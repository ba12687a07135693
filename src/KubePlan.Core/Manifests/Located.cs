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
/// Two values are equal when they hold the same node and key at the same pointer. A string key is held
/// as its text and position (<see cref="KeyText"/>, <see cref="KeyPosition"/>), as the mapping holds it.
/// </remarks>
public readonly record struct Located
{
    /// <summary>The pointer: null (default value), a string, or a <see cref="PointerPath"/> not yet made into one.</summary>
    private readonly object? _path;

    private readonly KeyRef _key;

    public Located(YNode Node, string Pointer, YScalar? Key)
    {
        this.Node = Node;
        _path = Pointer;
        this.Key = Key;
    }

    private Located(YNode node, PointerPath path, KeyRef key)
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
        init => _path = value;
    }

    /// <summary>The key as a scalar (made afresh for a string key: prefer <see cref="KeyText"/> and <see cref="HasKey"/>).</summary>
    public YScalar? Key
    {
        get => _key.Scalar;
        init => _key = value is null ? default : new KeyRef(value);
    }

    /// <summary>Whether the node is a mapping value, named by a key.</summary>
    public bool HasKey => _key.Exists;

    /// <summary>The JSON text of the key that names the node (<see cref="YScalar.KeyText"/>), or null.</summary>
    public string? KeyText => _key.Exists ? _key.Text : null;

    public YMapping? Mapping => Node as YMapping;

    public YSequence? Sequence => Node as YSequence;

    public YScalar? Scalar => Node as YScalar;

    /// <summary>The string value when the node is a string scalar.</summary>
    public string? String => Node is YScalar { IsString: true } s ? s.Text : null;

    /// <summary>The position of the key when there is one, else of the node.</summary>
    public SourcePosition KeyPosition => _key.Exists ? _key.Start : Node.Start;

    /// <summary>The path in dotted form for messages, e.g. <c>spec.template.spec.containers[0].image</c>.</summary>
    public string DottedPath => JsonPointer.ToDotted(Pointer);

    public void Deconstruct(out YNode Node, out string Pointer, out YScalar? Key)
    {
        Node = this.Node;
        Pointer = this.Pointer;
        Key = this.Key;
    }

    public bool Equals(Located other) =>
        ReferenceEquals(Node, other.Node) && _key.SameAs(other._key)
        && (ReferenceEquals(_path, other._path) || string.Equals(Pointer, other.Pointer, StringComparison.Ordinal));

    // Equal values hold the same node and key, so those alone make a consistent hash without building the pointer.
    public override int GetHashCode() => HashCode.Combine(
        System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Node), _key.GetHashCode());

    public Located? Get(string key)
    {
        if (Node is YMapping m && m.GetEntry(key) is { } entry)
        {
            return new Located(entry.Value, new PointerPath(_path, key), entry.KeyRef);
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
                yield return new Located(s.Items[i], new PointerPath(_path, i), default(KeyRef));
            }
        }
    }

    public IEnumerable<Located> Entries()
    {
        if (Node is YMapping m)
        {
            foreach (var e in m.Entries)
            {
                yield return new Located(e.Value, new PointerPath(_path, e.KeyText), e.KeyRef);
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
                    => new Located(s.Items[i], new PointerPath(current._path, token), default(KeyRef)),
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
