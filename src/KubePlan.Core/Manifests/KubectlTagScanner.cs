using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace KubePlan.Manifests;

/// <summary>
/// Hands YamlDotNet's parser the tags that yaml.v2 reads the way yaml.v2 reads them
/// (scannerc.go, <c>yaml_parser_scan_tag</c>), where the two differ:
/// <list type="bullet">
/// <item>A global tag that is no valid URI, such as <c>!!!!A!]</c> (handle <c>!!</c>, suffix <c>!!A!]</c>):
/// yaml.v2 takes any run of URI characters, and a tag it cannot resolve leaves the value a string;
/// YamlDotNet's parser refuses to build the tag. Such a tag is never one yaml.v2 resolves, so it is
/// passed on as a local tag, which means the same: no resolution.</item>
/// <item>A handle with no suffix (<c>!!</c>, <c>!e!</c>) or an empty verbatim tag (<c>!&lt;&gt;</c>):
/// yaml.v2 fails ("did not find expected tag URI"); YamlDotNet accepts the first.</item>
/// </list>
/// </summary>
internal sealed class KubectlTagScanner(IScanner inner) : IScanner
{
    /// <summary>The local tag that stands in for a global tag YamlDotNet cannot build.</summary>
    internal const string UnresolvableTag = "kubeplan-unresolvable-tag";

    private Token? _source;
    private Token? _mapped;

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current
    {
        get
        {
            var current = inner.Current;
            if (!ReferenceEquals(current, _source))
            {
                _source = current;
                _mapped = current is Tag tag ? Map(tag) : current;
            }

            return _mapped;
        }
    }

    public bool MoveNext() => inner.MoveNext();

    public bool MoveNextWithoutConsuming() => inner.MoveNextWithoutConsuming();

    public void ConsumeCurrent() => inner.ConsumeCurrent();

    private static Tag Map(Tag tag)
    {
        if (tag.Suffix.Length == 0 && (tag.Handle.Length == 0 || (tag.Handle.Length > 1 && tag.Handle[^1] == '!')))
        {
            // Marked at the tag: the reader reports a scanner error at its end mark.
            var start = tag.Start;
            throw new SyntaxErrorException(in start, in start, "While scanning a tag, did not find expected tag URI.");
        }

        var value = tag.Handle switch
        {
            "!!" => "tag:yaml.org,2002:" + tag.Suffix,
            "" => tag.Suffix,
            _ => null,
        };
        if (value is null || value.StartsWith('!'))
        {
            return tag;
        }

        try
        {
            _ = new TagName(value);
            return tag;
        }
        catch (ArgumentException)
        {
            return new Tag("!", UnresolvableTag, tag.Start, tag.End);
        }
    }
}
