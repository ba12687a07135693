namespace KubePlan.Manifests;

/// <summary>
/// One string object per mapping key text for the readers on a thread: a large input repeats a few
/// hundred key texts hundreds of thousands of times across its files, and kept trees hold every key.
/// </summary>
/// <remarks>
/// Not <see cref="string.Intern(string)"/>: that pool is process-wide and never freed, and input may hold
/// any number of distinct keys. This one is per thread (readers run on several) and is emptied when it
/// grows past a bound, which costs only sharing, never a wrong string.
/// </remarks>
internal static class KeyStrings
{
    /// <summary>Distinct texts kept at most; Kubernetes objects use far fewer key texts than this.</summary>
    private const int MaxCount = 16_384;

    /// <summary>Longer keys (file names in a ConfigMap's data, say) are rarely repeated: not pooled.</summary>
    private const int MaxLength = 128;

    [ThreadStatic]
    private static HashSet<string>? t_pool;

    /// <summary>The pooled string of this text (the text itself the first time it is seen).</summary>
    public static string Share(string text)
    {
        if (text.Length > MaxLength)
        {
            return text;
        }

        var pool = Pool();
        if (pool.TryGetValue(text, out var shared))
        {
            return shared;
        }

        pool.Add(text);
        return text;
    }

    /// <summary>The pooled string of this text, made only when it is not pooled yet.</summary>
    public static string Share(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        var pool = Pool();
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared))
        {
            return shared;
        }

        var made = text.ToString();
        pool.Add(made);
        return made;
    }

    private static HashSet<string> Pool()
    {
        var pool = t_pool ??= new HashSet<string>(StringComparer.Ordinal);
        if (pool.Count >= MaxCount)
        {
            pool.Clear();
        }

        return pool;
    }
}
