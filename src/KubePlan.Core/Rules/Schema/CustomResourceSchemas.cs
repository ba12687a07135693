using KubePlan.Manifests;
using KubePlan.Schema;

namespace KubePlan.Rules.Schema;

/// <summary>The schemas that CustomResourceDefinitions in the input give their custom resources.</summary>
public sealed class CustomResourceSchemas
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ManifestSet, CustomResourceSchemas> PerSet = [];

    private readonly Dictionary<(string Group, string Version, string Kind), Entry> _schemas = [];

    /// <summary>The CRD schemas of a run, read once: two rules ask for them.</summary>
    public static CustomResourceSchemas For(ManifestSet set) => PerSet.GetValue(set, s => new CustomResourceSchemas(s));

    public CustomResourceSchemas(ManifestSet set)
    {
        foreach (var crd in set.OfKind("apiextensions.k8s.io", "CustomResourceDefinition"))
        {
            var group = crd.At("spec", "group")?.String;
            var kind = crd.At("spec", "names", "kind")?.String;
            if (group is null || kind is null)
            {
                continue;
            }

            // apiextensions v1beta1 had one schema for all versions under spec.validation.
            var shared = crd.At("spec", "validation", "openAPIV3Schema");
            foreach (var version in crd.At("spec", "versions")?.Items() ?? [])
            {
                var name = version.Get("name")?.String;
                var schema = version.At("schema", "openAPIV3Schema") ?? shared;
                if (name is not null)
                {
                    _schemas[(group, name, kind)] = new Entry(crd, schema);
                }
            }

            if (crd.At("spec", "version")?.String is { } single && !_schemas.ContainsKey((group, single, kind)))
            {
                _schemas[(group, single, kind)] = new Entry(crd, shared);
            }
        }
    }

    /// <summary>The CRD that defines the manifest's group, version and kind, if the input holds one.</summary>
    public Entry? Find(Manifest m) => m.Kind is null ? null : _schemas.GetValueOrDefault((m.Group, m.Version, m.Kind));

    /// <summary>Whether some CRD in the input defines the kind in the group, in any version.</summary>
    public IEnumerable<string> VersionsOf(string group, string kind) =>
        _schemas.Keys.Where(k => k.Group == group && k.Kind == kind).Select(k => k.Version).Order(StringComparer.Ordinal);

    /// <summary>A CRD version: its schema, compiled on first use (null when the CRD gives none).</summary>
    public sealed class Entry(Manifest crd, Located? schema)
    {
        private readonly Lazy<(CustomResourceSchema? Schema, string? Error)> _compiled = new(() =>
        {
            if (schema is null)
            {
                return (null, null);
            }

            return CustomResourceSchema.TryCreate(schema.Value.Node, out var compiled, out var error)
                ? (compiled, null) : (null, error);
        });

        public Manifest Crd { get; } = crd;

        public Located? SchemaNode { get; } = schema;

        public CustomResourceSchema? Schema => _compiled.Value.Schema;

        public string? Error => _compiled.Value.Error;
    }
}
