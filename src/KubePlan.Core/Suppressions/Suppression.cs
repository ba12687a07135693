using System.Text.RegularExpressions;
using KubePlan.Configuration;
using KubePlan.Manifests;

namespace KubePlan.Suppressions;

/// <summary>Where a suppression was written.</summary>
public enum SuppressionKind
{
    /// <summary>The <c>kubeplan.io/ignore</c> annotation on an object or its pod template.</summary>
    Annotation,

    /// <summary>A <c># kubeplan:ignore</c> comment on the finding's line or the line above.</summary>
    Comment,

    /// <summary>An <c>ignore</c> entry of the configuration file.</summary>
    Config,
}

public static class SuppressionKindNames
{
    public static string ToName(this SuppressionKind kind) => kind switch
    {
        SuppressionKind.Annotation => "annotation",
        SuppressionKind.Comment => "comment",
        _ => "config",
    };
}

/// <summary>
/// One rule named by one suppression, with its scope: the lines a comment covers, the object (and
/// pod template) an annotation is on, or the objects and container a configuration entry matches.
/// </summary>
public sealed partial class Suppression
{
    private Suppression(SuppressionKind kind, string ruleId, string? reason, string file, SourcePosition position)
    {
        Kind = kind;
        RuleId = ruleId;
        Reason = reason;
        File = file;
        Position = position;
    }

    public SuppressionKind Kind { get; }

    public string RuleId { get; }

    public string? Reason { get; }

    /// <summary>The file the suppression is written in, and where: its unused-suppression finding goes here.</summary>
    public string File { get; }

    public SourcePosition Position { get; }

    /// <summary>The annotated object (annotation suppressions).</summary>
    public Manifest? Manifest { get; private init; }

    /// <summary>For an annotation on a pod template: the template's path; it covers findings under it only.</summary>
    public string? PathPrefix { get; private init; }

    /// <summary>The configuration entry (config suppressions).</summary>
    public IgnoreEntry? Entry { get; private init; }

    /// <summary>Whether it suppressed at least one finding in this run.</summary>
    public bool Used { get; set; }

    /// <summary>A description of where it is, for messages: "# kubeplan:ignore", "kubeplan.io/ignore on Deployment/web", ...</summary>
    public string Describe() => Kind switch
    {
        SuppressionKind.Comment => "# kubeplan:ignore",
        SuppressionKind.Annotation => $"{AnnotationKey} on {Manifest!.Kind}/{Manifest.Name}" + (PathPrefix is null ? string.Empty : "'s pod template"),
        _ => $"the ignore entry for {Entry!.Object.Text}" + (Entry.Container is null ? string.Empty : $" (container {Entry.Container})"),
    };

    public const string AnnotationKey = "kubeplan.io/ignore";

    /// <summary>What every suppression comment holds: only the lines with it are searched for comments.</summary>
    public const string CommentMarker = "kubeplan:ignore";

    /// <summary>Whether it covers the finding (found on <paramref name="manifest"/>, when it is about an object).</summary>
    public bool Covers(Diagnostics.Diagnostic d, Manifest? manifest) => d.RuleId == RuleId && Kind switch
    {
        SuppressionKind.Comment => d.File == File && (d.Line == Position.Line || d.Line == Position.Line + 1),
        SuppressionKind.Annotation => manifest is not null && ReferenceEquals(manifest, Manifest)
            && (PathPrefix is null || (d.Path is not null && (d.Path == PathPrefix || d.Path.StartsWith(PathPrefix + "/", StringComparison.Ordinal)))),
        _ => d.Object is not null && Entry!.Covers(d.RuleId, d.Object, d.Container),
    };

    /// <summary>
    /// The <c># kubeplan:ignore rule-a[,rule-b] [-- reason]</c> comments of a file. A comment starts at
    /// a <c>#</c> at the start of a line or after a blank, as YAML comments do.
    /// </summary>
    public static IEnumerable<Suppression> FromComments(SourceFile file)
    {
        // Only the lines that hold the marker are cut out of the file: no copy of the whole text.
        foreach (var (i, content) in file.LinesContaining(CommentMarker))
        {
            foreach (Match m in IgnoreComment().Matches(content))
            {
                var reason = m.Groups["reason"].Success ? m.Groups["reason"].Value.Trim() : null;
                foreach (var id in m.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return new Suppression(SuppressionKind.Comment, id, string.IsNullOrEmpty(reason) ? null : reason, file.Path, new SourcePosition(i, m.Groups["hash"].Index + 1));
                }
            }
        }
    }

    /// <summary>
    /// The <c>kubeplan.io/ignore: "rule-a, rule-b=reason"</c> annotations of an object (covering the
    /// whole object) and of its pod template (covering the template).
    /// </summary>
    public static IEnumerable<Suppression> FromAnnotations(Manifest manifest)
    {
        foreach (var (keys, prefix) in AnnotatedPlaces)
        {
            // Followed key by key: this runs for every object of the run, where a pointer would be built and parsed each time.
            if (manifest.At(keys) is not { Node: YScalar { IsString: true } value })
            {
                continue;
            }

            foreach (var part in value.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var id = (eq < 0 ? part : part[..eq]).Trim();
                var reason = eq < 0 ? null : part[(eq + 1)..].Trim();
                if (id.Length > 0)
                {
                    yield return new Suppression(SuppressionKind.Annotation, id, string.IsNullOrEmpty(reason) ? null : reason, manifest.File.Path, value.Start)
                    {
                        Manifest = manifest,
                        PathPrefix = prefix,
                    };
                }
            }
        }
    }

    /// <summary>One suppression per rule of a configuration entry.</summary>
    public static IEnumerable<Suppression> FromConfig(IgnoreEntry entry) =>
        entry.Rules.Select(id => new Suppression(SuppressionKind.Config, id, entry.Reason, entry.File, entry.Position) { Entry = entry });

    /// <summary>
    /// Where the annotation may sit, as keys from the object's root: in the object's metadata, and in its pod template's
    /// (workloads, CronJobs), with the pointer of the template it covers. Released objects keep these places (<see cref="Manifests.ManifestSkeleton"/>).
    /// </summary>
    internal static readonly (string[] Keys, string? Prefix)[] AnnotatedPlaces =
    [
        (["metadata", "annotations", AnnotationKey], null),
        (["spec", "template", "metadata", "annotations", AnnotationKey], "/spec/template"),
        (["spec", "jobTemplate", "spec", "template", "metadata", "annotations", AnnotationKey], "/spec/jobTemplate/spec/template"),
    ];

    [GeneratedRegex(@"(?:^|(?<=\s))(?<hash>#)\s*kubeplan:ignore\s+(?<ids>[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*)(?:\s+--\s*(?<reason>.*))?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IgnoreComment();
}
