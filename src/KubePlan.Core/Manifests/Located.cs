namespace KubePlan.Manifests;

/// <summary>
/// A node together with where it sits: its JSON pointer from the object root and, for a
/// mapping value, the key that names it. Rules navigate with it so every finding can name
/// both a line and a path.
/// </summary>
public readonly record struct Located(YNode Node, string Pointer, YScalar? Key)
{
    public YMapping? Mapping => Node as YMapping;

    public YSequence? Sequence => Node as YSequence;

    public YScalar? Scalar => Node as YScalar;

    /// <summary>The string value when the node is a string scalar.</summary>
    public string? String => Node is YScalar { IsString: true } s ? s.Text : null;

    /// <summary>The position of the key when there is one, else of the node.</summary>
    public SourcePosition KeyPosition => Key?.Start ?? Node.Start;

    /// <summary>The path in dotted form for messages, e.g. <c>spec.template.spec.containers[0].image</c>.</summary>
    public string DottedPath => JsonPointer.ToDotted(Pointer);

    public Located? Get(string key)
    {
        if (Node is YMapping m && m.GetEntry(key) is { } entry)
        {
            return new Located(entry.Value, Pointer + "/" + JsonPointer.Escape(key), entry.Key);
        }

        return null;
    }

    /// <summary>Follows a chain of keys; null as soon as one is missing.</summary>
    public Located? At(params string[] keys)
    {
        Located? current = this;
        foreach (var key in keys)
        {
            current = current?.Get(key);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public IEnumerable<Located> Items()
    {
        if (Node is YSequence s)
        {
            for (var i = 0; i < s.Items.Count; i++)
            {
                yield return new Located(s.Items[i], Pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            }
        }
    }

    public IEnumerable<Located> Entries()
    {
        if (Node is YMapping m)
        {
            foreach (var e in m.Entries)
            {
                yield return new Located(e.Value, Pointer + "/" + JsonPointer.Escape(e.Key.KeyText), e.Key);
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

        Located current = this;
        foreach (var token in JsonPointer.Split(pointer))
        {
            Located? next = current.Node switch
            {
                YMapping => current.Get(token),
                YSequence s when int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < s.Items.Count
                    => new Located(s.Items[i], current.Pointer + "/" + token, null),
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
        Located current = this;
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
