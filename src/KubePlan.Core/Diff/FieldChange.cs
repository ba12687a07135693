using KubePlan.Manifests;

namespace KubePlan.Diff;

/// <summary>
/// One changed field. <see cref="Path"/> is a JSON pointer in which list items matched by merge
/// key are named by their key (<c>/spec/template/spec/containers/name=web/image</c>);
/// <see cref="Fields"/> holds the field names only, for classification. A null side means the
/// field is absent on that side.
/// </summary>
public sealed record FieldChange(string Path, IReadOnlyList<string> Fields, YNode? Old, YNode? New)
{
    /// <summary>Whether the field names start with the given ones.</summary>
    public bool IsUnder(params string[] prefix)
    {
        if (Fields.Count < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(Fields[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the field names are exactly the given ones.</summary>
    public bool IsAt(params string[] fields) => Fields.Count == fields.Length && IsUnder(fields);
}
