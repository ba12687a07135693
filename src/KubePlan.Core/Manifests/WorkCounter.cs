using System.Collections;

namespace KubePlan.Manifests;

/// <summary>
/// Counts units of work that must grow linearly with the input: objects handed out by the cross-object
/// lookups (<see cref="ManifestSet"/>, <see cref="PodTemplateIndex"/>) and characters handed to the YAML
/// parser. Tests compare the counts of an input and of one twice its size, so a step that is quadratic
/// (a scan of a namespace per object, a piece re-reading what precedes it) fails a test without timing
/// anything. Off in normal runs: then each count is one test of a static field.
/// </summary>
internal static class WorkCounter
{
    private static long _visits;
    private static long _characters;

    /// <summary>Whether work is counted; set only by tests, which run alone while they count.</summary>
    internal static bool Enabled { get; set; }

    /// <summary>Objects handed out by cross-object lookups since the last reset.</summary>
    internal static long Visits => Interlocked.Read(ref _visits);

    /// <summary>Characters handed to the YAML parser since the last reset.</summary>
    internal static long Characters => Interlocked.Read(ref _characters);

    internal static void Reset()
    {
        Interlocked.Exchange(ref _visits, 0);
        Interlocked.Exchange(ref _characters, 0);
    }

    internal static void Parsed(int characters)
    {
        if (Enabled)
        {
            Interlocked.Add(ref _characters, characters);
        }
    }

    /// <summary>The list itself, or (while counting) a view that counts every object read from it.</summary>
    internal static IReadOnlyList<T> Counted<T>(IReadOnlyList<T> list) => Enabled ? new CountedList<T>(list) : list;

    /// <summary>The sequence itself, or (while counting) one that counts every object read from it.</summary>
    internal static IEnumerable<T> Counted<T>(IEnumerable<T> items) => Enabled ? CountEach(items) : items;

    private static IEnumerable<T> CountEach<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            Interlocked.Increment(ref _visits);
            yield return item;
        }
    }

    private sealed class CountedList<T>(IReadOnlyList<T> inner) : IReadOnlyList<T>
    {
        public int Count => inner.Count;

        public T this[int index]
        {
            get
            {
                Interlocked.Increment(ref _visits);
                return inner[index];
            }
        }

        public IEnumerator<T> GetEnumerator() => CountEach(inner).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
