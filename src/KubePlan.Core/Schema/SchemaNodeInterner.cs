using System.Runtime.CompilerServices;

namespace KubePlan.Schema;

/// <summary>
/// Makes equal compiled nodes one object. A CRD repeats itself: its served versions mostly carry the same schema, and
/// within one schema the same shapes recur (every container's fields, every plain string). Nodes are interned as they
/// are finished, children first, so two nodes are equal when their own fields are and their children are the same
/// objects; a node is then never changed (the walker reads nodes only, and keeps paths itself).
/// Thread-safe: the versions of one CRD may be compiled on different threads.
/// </summary>
internal sealed class SchemaNodeInterner
{
    private readonly HashSet<SchemaNode> _nodes = new(Shallow.Instance);

    /// <summary>The node already interned that equals <paramref name="node"/>, or <paramref name="node"/> itself, now interned.</summary>
    public SchemaNode Intern(SchemaNode node)
    {
        lock (_nodes)
        {
            if (_nodes.TryGetValue(node, out var existing))
            {
                return existing;
            }

            _nodes.Add(node);
            return node;
        }
    }

    /// <summary>Equality of the nodes' own fields, and of their children by reference. Orders count (messages follow them).</summary>
    private sealed class Shallow : IEqualityComparer<SchemaNode>
    {
        public static readonly Shallow Instance = new();

        public bool Equals(SchemaNode? x, SchemaNode? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            return x is not null && y is not null
                && x.Kinds == y.Kinds
                && x.Format == y.Format
                && x.RejectUnknown == y.RejectUnknown
                && x.AllowsTypeMeta == y.AllowsTypeMeta
                && ReferenceEquals(x.AdditionalProperties, y.AdditionalProperties)
                && ReferenceEquals(x.Items, y.Items)
                && x.Required.AsSpan().SequenceEqual(y.Required)
                && SameProperties(x.Properties, y.Properties)
                && SameConstraints(x.Constraints, y.Constraints);
        }

        public int GetHashCode(SchemaNode node)
        {
            var hash = new HashCode();
            hash.Add(node.Kinds);
            hash.Add(node.Format);
            hash.Add(node.RejectUnknown);
            hash.Add(node.AllowsTypeMeta);
            hash.Add(Identity(node.AdditionalProperties));
            hash.Add(Identity(node.Items));
            hash.Add(node.Required.Length);
            foreach (var (name, child) in node.Properties ?? [])
            {
                hash.Add(name);
                hash.Add(Identity(child));
            }

            if (node.Constraints is { } c)
            {
                hash.Add(c.PatternText);
                hash.Add(c.Enum?.Length);
                hash.Add(c.MinLength);
                hash.Add(c.MaxLength);
                hash.Add(c.MinItems);
                hash.Add(c.MaxItems);
            }

            return hash.ToHashCode();
        }

        private static int Identity(SchemaNode? node) => node is null ? 0 : RuntimeHelpers.GetHashCode(node);

        private static bool SameProperties(Dictionary<string, SchemaNode>? x, Dictionary<string, SchemaNode>? y)
        {
            if (x is null || y is null)
            {
                return x is null && y is null;
            }

            if (x.Count != y.Count)
            {
                return false;
            }

            using var other = y.GetEnumerator();
            foreach (var (name, child) in x)
            {
                other.MoveNext();
                if (!string.Equals(name, other.Current.Key, StringComparison.Ordinal) || !ReferenceEquals(child, other.Current.Value))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameConstraints(SchemaConstraints? x, SchemaConstraints? y)
        {
            if (x is null || y is null)
            {
                return x is null && y is null;
            }

            return string.Equals(x.PatternText, y.PatternText, StringComparison.Ordinal)
                && SameDecimal(x.Minimum, y.Minimum)
                && SameDecimal(x.Maximum, y.Maximum)
                && x.ExclusiveMinimum == y.ExclusiveMinimum
                && x.ExclusiveMaximum == y.ExclusiveMaximum
                && x.MinLength == y.MinLength
                && x.MaxLength == y.MaxLength
                && x.MinItems == y.MinItems
                && x.MaxItems == y.MaxItems
                && SameItems(x.Enum, y.Enum)
                && SameNodes(x.AllOf, y.AllOf)
                && SameNodes(x.AnyOf, y.AnyOf)
                && SameNodes(x.OneOf, y.OneOf);
        }

        // Bounds print as written (1.0 is not 1 in a message), so equal values of another scale are different bounds.
        private static bool SameDecimal(decimal? x, decimal? y)
        {
            if (x is not { } a || y is not { } b)
            {
                return x is null && y is null;
            }

            Span<int> left = stackalloc int[4];
            Span<int> right = stackalloc int[4];
            decimal.GetBits(a, left);
            decimal.GetBits(b, right);
            return left.SequenceEqual(right);
        }

        private static bool SameItems(string[]? x, string[]? y) =>
            x is null || y is null ? x is null && y is null : x.AsSpan().SequenceEqual(y);

        private static bool SameNodes(SchemaNode[]? x, SchemaNode[]? y)
        {
            if (x is null || y is null)
            {
                return x is null && y is null;
            }

            if (x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!ReferenceEquals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
