using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>
/// Semantic comparison of two YAML trees: key order, comments, quoting and formatting are not
/// changes; resolved scalar values are compared (so <c>"3"</c> against <c>3</c> is a change of
/// type, <c>yes</c> against <c>true</c> is not); a mapping entry whose value is null counts as
/// absent; lists with merge keys are matched by key. Equal subtrees are recognised without
/// allocating; paths are built only for what differs.
/// </summary>
public static class TreeDiff
{
    /// <summary>The changes between two objects of the same kind, in the new object's field order, removals last.</summary>
    public static List<FieldChange> Compare(YNode? oldNode, YNode? newNode, MergeKeyNode? keys)
    {
        var changes = new List<FieldChange>();
        if (!Equal(oldNode, newNode, keys))
        {
            Collect(oldNode, newNode, keys, new PathBuilder(), changes);
        }

        return changes;
    }

    public static bool Equal(YNode? a, YNode? b, MergeKeyNode? keys)
    {
        a = IsNull(a) ? null : a;
        b = IsNull(b) ? null : b;
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        return (a, b) switch
        {
            (YScalar x, YScalar y) => ScalarEqual(x, y),
            (YMapping x, YMapping y) => MappingEqual(x, y, keys, null),
            (YSequence x, YSequence y) => SequenceEqual(x, y, keys),
            _ => false,
        };
    }

    private static bool IsNull(YNode? node) => node is null or YScalar { Kind: ScalarKind.Null };

    private static bool ScalarEqual(YScalar x, YScalar y)
    {
        var kx = Normalized(x.Kind);
        if (kx != Normalized(y.Kind))
        {
            return false;
        }

        return kx switch
        {
            ScalarKind.String => string.Equals(StringValue(x), StringValue(y), StringComparison.Ordinal),
            _ => Equals(x.Value, y.Value),
        };
    }

    // Timestamps reach the API server as JSON strings, so a timestamp equals the same text quoted.
    private static ScalarKind Normalized(ScalarKind kind) => kind == ScalarKind.Timestamp ? ScalarKind.String : kind;

    private static string StringValue(YScalar s) => s.Kind == ScalarKind.Timestamp ? s.KeyText : s.Text;

    private static int NonNullCount(YMapping m, string[]? skip)
    {
        var count = 0;
        foreach (var e in m.Entries)
        {
            if (!IsNull(e.Value) && !Skipped(e.KeyText, skip))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Items of a keyed list were matched by their keys (with API defaults, e.g. protocol TCP), so
    /// the key fields are equal by construction and are skipped: <c>containerPort: 80</c> equals
    /// <c>containerPort: 80, protocol: TCP</c>.
    /// </summary>
    private static bool Skipped(string key, string[]? skip)
    {
        if (skip is null)
        {
            return false;
        }

        foreach (var k in skip)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MappingEqual(YMapping x, YMapping y, MergeKeyNode? keys, string[]? skip)
    {
        if (NonNullCount(x, skip) != NonNullCount(y, skip))
        {
            return false;
        }

        foreach (var e in x.Entries)
        {
            if (IsNull(e.Value) || Skipped(e.KeyText, skip))
            {
                continue;
            }

            var key = e.KeyText;
            if (y.GetEntry(key) is not { } other || !Equal(e.Value, other.Value, keys?.Child(key)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SequenceEqual(YSequence x, YSequence y, MergeKeyNode? keys)
    {
        if (x.Items.Count != y.Items.Count)
        {
            return false;
        }

        var listKeys = keys?.ListKeys;
        if (listKeys is not null && IsKeyed(x, listKeys) && IsKeyed(y, listKeys))
        {
            foreach (var item in x.Items)
            {
                var match = FindByKey(y, (YMapping)item, listKeys);
                if (match is null || !MappingEqual((YMapping)item, (YMapping)match, keys, listKeys))
                {
                    return false;
                }
            }

            return true;
        }

        for (var i = 0; i < x.Items.Count; i++)
        {
            if (!Equal(x.Items[i], y.Items[i], keys))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every item is a mapping with its key fields set and no two items share a key.</summary>
    private static bool IsKeyed(YSequence list, string[] listKeys)
    {
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is not YMapping item)
            {
                return false;
            }

            foreach (var k in listKeys)
            {
                if (KeyValue(item, k) is null)
                {
                    return false;
                }
            }

            for (var j = 0; j < i; j++)
            {
                if (SameKey(item, (YMapping)list.Items[j], listKeys))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static YNode? FindByKey(YSequence list, YMapping item, string[] listKeys)
    {
        foreach (var candidate in list.Items)
        {
            if (SameKey(item, (YMapping)candidate, listKeys))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool SameKey(YMapping a, YMapping b, string[] listKeys)
    {
        foreach (var k in listKeys)
        {
            if (!string.Equals(KeyValue(a, k), KeyValue(b, k), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key field's value as text, its API default when absent, or null when it has neither.</summary>
    private static string? KeyValue(YMapping item, string field) => item[field] switch
    {
        YScalar { IsString: true } s => s.Text,
        YScalar { Kind: not ScalarKind.Null } s => s.KeyText,
        _ => ListMergeKeys.KeyDefaults.GetValueOrDefault(field),
    };

    private static void Collect(YNode? a, YNode? b, MergeKeyNode? keys, PathBuilder path, List<FieldChange> changes)
    {
        a = IsNull(a) ? null : a;
        b = IsNull(b) ? null : b;
        switch (a, b)
        {
            case (YMapping x, YMapping y):
                CollectMapping(x, y, keys, path, changes, null);
                return;
            case (YSequence x, YSequence y) when keys?.ListKeys is { } listKeys && IsKeyed(x, listKeys) && IsKeyed(y, listKeys):
                CollectKeyedList(x, y, keys, listKeys, path, changes);
                return;
            default:
                changes.Add(path.Change(a, b));
                return;
        }
    }

    private static void CollectMapping(YMapping x, YMapping y, MergeKeyNode? keys, PathBuilder path, List<FieldChange> changes, string[]? skip)
    {
        foreach (var e in y.Entries)
        {
            if (IsNull(e.Value) || Skipped(e.KeyText, skip))
            {
                continue;
            }

            var key = e.KeyText;
            var old = x.GetEntry(key)?.Value;
            var child = keys?.Child(key);
            if (!Equal(old, e.Value, child))
            {
                path.PushField(key);
                Collect(old, e.Value, child, path, changes);
                path.Pop();
            }
        }

        foreach (var e in x.Entries)
        {
            var key = e.KeyText;
            if (!IsNull(e.Value) && !Skipped(e.KeyText, skip) && IsNull(y.GetEntry(key)?.Value))
            {
                path.PushField(key);
                changes.Add(path.Change(e.Value, null));
                path.Pop();
            }
        }
    }

    private static void CollectKeyedList(YSequence x, YSequence y, MergeKeyNode keys, string[] listKeys, PathBuilder path, List<FieldChange> changes)
    {
        foreach (var item in y.Items)
        {
            var mapping = (YMapping)item;
            var old = FindByKey(x, mapping, listKeys);
            if (old is null)
            {
                path.PushSelector(Selector(mapping, listKeys));
                changes.Add(path.Change(null, item));
                path.Pop();
            }
            else if (!MappingEqual((YMapping)old, mapping, keys, listKeys))
            {
                path.PushSelector(Selector(mapping, listKeys));
                CollectMapping((YMapping)old, mapping, keys, path, changes, listKeys);
                path.Pop();
            }
        }

        foreach (var item in x.Items)
        {
            var mapping = (YMapping)item;
            if (FindByKey(y, mapping, listKeys) is null)
            {
                path.PushSelector(Selector(mapping, listKeys));
                changes.Add(path.Change(item, null));
                path.Pop();
            }
        }
    }

    /// <summary><c>name=web</c>, or <c>containerPort=53,protocol=UDP</c>; defaulted keys are named only when written.</summary>
    private static string Selector(YMapping item, string[] listKeys)
    {
        var parts = new List<string>(listKeys.Length);
        foreach (var k in listKeys)
        {
            if (item[k] is YScalar { Kind: not ScalarKind.Null } || !ListMergeKeys.KeyDefaults.ContainsKey(k))
            {
                parts.Add(k + "=" + KeyValue(item, k));
            }
        }

        return string.Join(",", parts);
    }

    /// <summary>The path to the node being compared, as pointer segments and field names.</summary>
    private sealed class PathBuilder
    {
        private readonly List<(string Segment, bool IsField)> _segments = [];

        public void PushField(string name) => _segments.Add((name, true));

        public void PushSelector(string selector) => _segments.Add((selector, false));

        public void Pop() => _segments.RemoveAt(_segments.Count - 1);

        public FieldChange Change(YNode? old, YNode? @new)
        {
            var pointer = string.Concat(_segments.Select(s => "/" + JsonPointer.Escape(s.Segment)));
            var fields = _segments.Where(s => s.IsField).Select(s => s.Segment).ToArray();
            return new FieldChange(pointer, fields, old, @new);
        }
    }
}
