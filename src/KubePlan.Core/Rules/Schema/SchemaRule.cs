using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Rules.Schema;

/// <summary>
/// Validates every object against the Kubernetes API schema of its kind (generated from the
/// upstream OpenAPI definitions), or against its CustomResourceDefinition's openAPIV3Schema,
/// as strictly as the API server's field validation.
/// </summary>
public sealed class SchemaRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.Schema,
        Severity.Error,
        "schema",
        "A field the Kubernetes API rejects: wrong type, unknown field, missing required field, invalid value.",
        "Correct the field as the message says; the API reference for the kind lists every allowed field and type.");

    /// <summary>Each object alone, except those without a built-in schema: a CustomResourceDefinition later in the input may define them.</summary>
    public override RuleReads Reads { get; } = RuleReads.EachObjectAndLater(m => !HasBuiltInSchema(m));

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var crds = context.CustomResources;
        var targets = context.Manifests.All.Where(m => m.ApiVersion is not null && m.Kind is not null).ToList();

        // Loading a kind's schema costs tens of milliseconds, validating microseconds: load them
        // in parallel, then validate in parallel with the results kept in input order.
        KubernetesSchemas.Default.Preload(targets.Select(m => (m.ApiVersion!, m.Kind!)));

        // Likewise compile the CRD schemas the input uses, each once and side by side, before the documents ask for them.
        var customResources = targets.Select(crds.Find).OfType<CustomResourceSchemas.Entry>().Distinct().ToList();
        Parallel.ForEach(customResources, entry => _ = entry.Error);
        var results = new List<Diagnostic>[targets.Count];
        Parallel.For(0, targets.Count, i => results[i] = Validate(targets[i], crds, context.Options).ToList());
        return results.SelectMany(r => r);
    }

    /// <summary>Whether the object's schema (or its lack of one) is known without the rest of the input: a built-in kind, or no kind at all.</summary>
    internal static bool HasBuiltInSchema(Manifest m) =>
        m.ApiVersion is null || m.Kind is null || KubernetesSchemas.Default.TryGet(m.ApiVersion, m.Kind, out _);

    private IEnumerable<Diagnostic> Validate(Manifest m, CustomResourceSchemas crds, LintOptions options)
    {
        if (ApiVersionCatalog.IsRemovedIn(m.ApiVersion!, m.Kind!, options.KubernetesVersion))
        {
            yield break; // api-removed says it: the version has no schema to check against.
        }

        IManifestSchema? schema = KubernetesSchemas.Default.TryGet(m.ApiVersion!, m.Kind!, out var builtIn) ? builtIn : null;
        if (schema is null && crds.Find(m) is { } crd)
        {
            if (crd.Error is { } error && crd.SchemaNode is { } node)
            {
                yield return Report(crd.Crd, node, $"the openAPIV3Schema of {m.Kind} {m.Version} cannot be read: {error}");
                yield break;
            }

            schema = crd.Schema;
        }

        if (schema is null)
        {
            yield break; // schema-unknown-kind reports kinds with no schema.
        }

        var root = m.Located;
        foreach (var violation in schema.Validate(m.Root))
        {
            var at = root.Resolve(violation.Pointer) ?? root.ResolveNearest(violation.Pointer);
            var missing = at.Pointer != violation.Pointer;
            yield return Report(m, at, violation.Message, Hint(violation, at.Node), atKey: violation.AtKey || missing);
        }
    }

    private static string? Hint(SchemaViolation violation, YNode node) =>
        node is YScalar { IsPlain: true, IsString: false } plain && violation.Message.Contains("must be a string", StringComparison.Ordinal)
            ? $"Quote the value (\"{plain.Text}\"): unquoted, Kubernetes' YAML decoder reads it as {plain.Describe()} ({plain.JsonText})."
        : node is YScalar { IsString: true } quoted && violation.Message.Contains("must be an integer", StringComparison.Ordinal)
            ? $"Remove the quotes: {quoted.Text} must be a number, not text."
        : violation.Message.Contains("did you mean", StringComparison.Ordinal) ? "Rename the field as suggested, or remove it."
        : violation.Message.Contains("unknown field", StringComparison.Ordinal) ? "Remove the field, or check its indentation: it may belong one level up or down."
        : null;
}
