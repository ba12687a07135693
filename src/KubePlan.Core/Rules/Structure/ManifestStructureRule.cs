using System.Text;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.Structure;

/// <summary>
/// The envelope every object needs before anything else can be checked: a mapping with
/// apiVersion, kind and metadata.name (or generateName), names valid for the kind, and
/// valid label and annotation keys and values (ValidateObjectMeta).
/// </summary>
public sealed class ManifestStructureRule : Rule
{
    /// <summary>apimachinery's TotalAnnotationSizeLimitB.</summary>
    private const int AnnotationSizeLimit = 256 * 1024;

    /// <summary>How many other definitions a "defined again" finding lists before "and N more".</summary>
    private const int NamedDefinitions = 5;

    public override RuleInfo Info { get; } = new(
        RuleIds.ManifestStructure,
        Severity.Error,
        "structure",
        "A document that is not a valid Kubernetes object envelope: apiVersion, kind, metadata, names, labels, annotations.",
        "Give every object apiVersion, kind and metadata.name, with a name, labels and annotations in the forms Kubernetes accepts.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        foreach (var problem in context.Input.Problems.Where(p => p.Kind == InputProblemKind.Structure))
        {
            yield return Report(problem.File, problem.Position, problem.Message, problem.Hint);
        }

        foreach (var manifest in context.Manifests.All)
        {
            foreach (var d in CheckObject(manifest))
            {
                yield return d;
            }
        }

        // One finding per identity defined more than once, at its second definition, naming the others:
        // ten copies of one object are one problem, not nine.
        foreach (var duplicates in context.Manifests.Duplicates)
        {
            var again = duplicates[1];
            var others = duplicates.Where(d => !ReferenceEquals(d, again)).ToList();
            var places = string.Join(", ", others.Take(NamedDefinitions).Select(d => $"{d.File.Path}:{d.Root.Start.Line}"))
                + (others.Count > NamedDefinitions ? $" and {others.Count - NamedDefinitions} more" : string.Empty);
            var message = duplicates.Count == 2
                ? $"{again.Kind} \"{again.Name}\" is defined again (first at {places}); applying both keeps only the last one"
                : $"{again.Kind} \"{again.Name}\" is defined {duplicates.Count} times (also at {places}); applying them keeps only the last one";
            yield return Report(again, again.At("metadata", "name") ?? again.Located, message,
                duplicates.Count == 2 ? "Remove one of the two definitions, or give them different names."
                    : "Keep one definition and remove the others, or give them different names.",
                severity: Severity.Warning);
        }
    }

    private IEnumerable<Diagnostic> CheckObject(Manifest m)
    {
        var root = m.Located;
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            var at = root.Get(field);
            if (at is null)
            {
                yield return Report(m, root, $"the object has no {field}", $"Add {field} (e.g. {(field == "kind" ? "kind: Deployment" : "apiVersion: apps/v1")}).");
            }
            else if (at.Value.String is not { Length: > 0 })
            {
                yield return Report(m, at.Value, $"{field} must be a non-empty string, got {Describe(at.Value.Node)}");
            }
        }

        var metadata = root.Get("metadata");
        if (metadata is null)
        {
            yield return Report(m, root, "the object has no metadata (metadata.name is required)", "Add metadata with a name.");
            yield break;
        }

        if (metadata.Value.Mapping is null)
        {
            yield return Report(m, metadata.Value, $"metadata must be a mapping, got {Describe(metadata.Value.Node)}");
            yield break;
        }

        foreach (var d in CheckName(m, metadata.Value))
        {
            yield return d;
        }

        if (metadata.Value.Get("namespace") is { String: { } ns } nsAt && ns.Length > 0 && KubernetesNames.DnsLabel(ns) is { } nsError)
        {
            yield return Report(m, nsAt, $"metadata.namespace \"{ns}\" is not a valid namespace name: it {nsError}");
        }

        if (metadata.Value.Get("labels") is { } labels)
        {
            foreach (var d in CheckLabels(m, labels))
            {
                yield return d;
            }
        }

        if (metadata.Value.Get("annotations") is { } annotations)
        {
            foreach (var d in CheckAnnotations(m, annotations))
            {
                yield return d;
            }
        }
    }

    private IEnumerable<Diagnostic> CheckName(Manifest m, Located metadata)
    {
        var nameAt = metadata.Get("name");
        var generateAt = metadata.Get("generateName");
        if (nameAt is null && generateAt is null)
        {
            yield return Report(m, metadata, "metadata.name is required (or metadata.generateName)", "Add metadata.name.", atKey: true);
            yield break;
        }

        var check = KubernetesNames.ObjectNameCheck(m.Group, m.Kind ?? string.Empty);
        var grammar = KubernetesNames.ObjectNameGrammar(m.Group, m.Kind ?? string.Empty);
        if (nameAt is { } n)
        {
            if (n.String is not { } name)
            {
                yield return Report(m, n, $"metadata.name must be a string, got {Describe(n.Node)}", "Quote the name.");
            }
            else if (check(name) is { } error)
            {
                yield return Report(m, n, $"metadata.name \"{name}\" is not valid for a {m.Kind}: it must be {grammar}, and it {error}",
                    "Use lower-case letters, digits and '-' (and '.' where the kind allows it).");
            }
            else if (m.IsKind("batch", "CronJob") && name.Length > 52)
            {
                // The CronJob controller appends an 11-character suffix to name its Jobs.
                yield return Report(m, n, $"metadata.name \"{name}\" is {name.Length} characters; a CronJob name must be no more than 52", "Shorten the name to 52 characters or fewer.");
            }
        }

        if (nameAt is null && generateAt is { String: { } prefix } g && check(prefix.EndsWith('-') ? prefix + "a" : prefix) is { } prefixError)
        {
            yield return Report(m, g, $"metadata.generateName \"{prefix}\" is not a valid name prefix for a {m.Kind}: it {prefixError}");
        }
    }

    private IEnumerable<Diagnostic> CheckLabels(Manifest m, Located labels)
    {
        if (labels.Mapping is null)
        {
            if (labels.Node is not YScalar { Kind: ScalarKind.Null })
            {
                yield return Report(m, labels, $"metadata.labels must be a mapping of strings, got {Describe(labels.Node)}");
            }

            yield break;
        }

        foreach (var entry in labels.Entries())
        {
            var key = entry.KeyText!;
            if (KubernetesNames.QualifiedName(key) is { } keyError)
            {
                yield return Report(m, entry, $"label key \"{key}\" is invalid: {keyError}", "Use a key such as app.kubernetes.io/name.", atKey: true);
            }

            if (entry.String is { } value && KubernetesNames.LabelValue(value) is { } valueError)
            {
                yield return Report(m, entry, $"label value \"{value}\" of \"{key}\" is invalid: it {valueError}", "Shorten the value to 63 characters of letters, digits, '-', '_' and '.'.");
            }
        }
    }

    private IEnumerable<Diagnostic> CheckAnnotations(Manifest m, Located annotations)
    {
        if (annotations.Mapping is null)
        {
            if (annotations.Node is not YScalar { Kind: ScalarKind.Null })
            {
                yield return Report(m, annotations, $"metadata.annotations must be a mapping of strings, got {Describe(annotations.Node)}");
            }

            yield break;
        }

        long size = 0;
        foreach (var entry in annotations.Entries())
        {
            var key = entry.KeyText!;
            if (KubernetesNames.QualifiedName(key) is { } keyError)
            {
                yield return Report(m, entry, $"annotation key \"{key}\" is invalid: {keyError}", "Use a key such as example.com/owner.", atKey: true);
            }

            size += Encoding.UTF8.GetByteCount(key) + (entry.Node is YScalar s ? Encoding.UTF8.GetByteCount(s.Text) : 0);
        }

        if (size > AnnotationSizeLimit)
        {
            yield return Report(m, annotations, $"metadata.annotations total {size:N0} bytes; Kubernetes allows at most {AnnotationSizeLimit:N0}",
                "Move large data into a ConfigMap; kubectl apply's last-applied-configuration annotation counts too (use server-side apply).", atKey: true);
        }
    }

    private static string Describe(YNode node) => node is YScalar s ? s.Describe() + " (" + s.JsonText + ")" : node.Describe();
}
