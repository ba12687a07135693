namespace KubePlan.Manifests;

/// <summary>
/// One string object per text for the readers on a thread: a large input repeats a few hundred mapping
/// key texts hundreds of thousands of times across its files, and names, labels and enum-like values
/// nearly as often, and the trees kept for cross-object rules hold every one.
/// </summary>
/// <remarks>
/// Not <see cref="string.Intern(string)"/>: that pool is process-wide and never freed, and input may hold
/// any number of distinct texts. These pools are per thread (readers run on several) and are dropped
/// when they grow past a bound, which costs only sharing, never a wrong string.
/// </remarks>
internal static class SharedStrings
{
    /// <summary>Distinct texts kept at most; Kubernetes objects use far fewer key texts than this.</summary>
    private const int MaxCount = 16_384;

    /// <summary>Longer keys (file names in a ConfigMap's data, say) are rarely repeated: not pooled.</summary>
    private const int MaxLength = 128;

    [ThreadStatic]
    private static HashSet<string>? t_pool;

    [ThreadStatic]
    private static HashSet<string>? t_values;

    /// <summary>
    /// The pool of short scalar values for the YAML reader on this thread: names, labels and enum-like values
    /// repeat across files as keys do. A reader adds to it at will; <see cref="EndValues"/> bounds it after.
    /// </summary>
    public static HashSet<string> Values() => t_values ??= new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Drops the value pool once it is past the bound (a new one frees its tables, which Clear would keep).</summary>
    public static void EndValues()
    {
        if (t_values is { Count: >= MaxCount })
        {
            t_values = null;
        }
    }

    /// <summary>The pooled string of this text (the text itself the first time it is seen).</summary>
    public static string Key(string text)
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
    public static string Key(ReadOnlySpan<char> text)
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
        var pool = t_pool;
        if (pool is null || pool.Count >= MaxCount)
        {
            t_pool = pool = new HashSet<string>(StringComparer.Ordinal);
        }

        return pool;
    }
}
