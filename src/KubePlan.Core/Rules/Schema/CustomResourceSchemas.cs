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
        // Released CRDs too, in input order (a later definition of a version wins, as before): their schemas were compiled before their trees went.
        foreach (var crd in set.WithReleased.Where(m => m.IsKind("apiextensions.k8s.io", "CustomResourceDefinition")))
        {
            foreach (var (key, entry) in Compiled.TryGetValue(crd, out var compiled) ? compiled : Read(crd, crd))
            {
                _schemas[key] = entry;
            }
        }
    }

    /// <summary>The schemas compiled from released CRDs, found by their skeletons.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Manifest, List<((string, string, string), Entry)>> Compiled = [];

    /// <summary>
    /// Compiles the schemas of a CRD whose tree is about to be released, and keeps them with its skeleton
    /// (<see cref="ManifestSkeleton"/>), which stands for it from now on.
    /// </summary>
    internal static void Release(Manifest crd, Manifest skeleton)
    {
        if (!crd.IsKind("apiextensions.k8s.io", "CustomResourceDefinition"))
        {
            return;
        }

        var entries = Read(crd, skeleton);
        foreach (var (_, entry) in entries)
        {
            entry.Compile();
        }

        Compiled.AddOrUpdate(skeleton, entries);
    }

    /// <summary>The versions a CRD defines, each with its schema node; the entries name <paramref name="owner"/> as their CRD.</summary>
    private static List<((string, string, string), Entry)> Read(Manifest crd, Manifest owner)
    {
        var found = new List<((string, string, string), Entry)>();
        var group = crd.At("spec", "group")?.String;
        var kind = crd.At("spec", "names", "kind")?.String;
        if (group is null || kind is null)
        {
            return found;
        }

        // apiextensions v1beta1 had one schema for all versions under spec.validation.
        var shared = crd.At("spec", "validation", "openAPIV3Schema");

        // Served versions mostly repeat one schema: compiled with one interner, they share their equal nodes.
        var interner = new SchemaNodeInterner();
        var versions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in crd.At("spec", "versions")?.Items() ?? [])
        {
            var name = version.Get("name")?.String;
            var schema = version.At("schema", "openAPIV3Schema") ?? shared;
            if (name is not null)
            {
                found.Add(((group, name, kind), new Entry(owner, schema, interner)));
                versions.Add(name);
            }
        }

        if (crd.At("spec", "version")?.String is { } single && !versions.Contains(single))
        {
            found.Add(((group, single, kind), new Entry(owner, shared, interner)));
        }

        return found;
    }

    /// <summary>The CRD that defines the manifest's group, version and kind, if the input holds one.</summary>
    public Entry? Find(Manifest m) => m.Kind is null ? null : _schemas.GetValueOrDefault((m.Group, m.Version, m.Kind));

    /// <summary>Whether some CRD in the input defines the kind in the group, in any version.</summary>
    public IEnumerable<string> VersionsOf(string group, string kind) =>
        _schemas.Keys.Where(k => k.Group == group && k.Kind == kind).Select(k => k.Version).Order(StringComparer.Ordinal);

    /// <summary>A CRD version: its schema, compiled on first use (null when the CRD gives none).</summary>
    public sealed class Entry
    {
        private readonly Lock _lock = new();
        private Located? _schemaNode;
        private (CustomResourceSchema? Schema, string? Error)? _compiled;
        private SchemaNodeInterner? _interner;

        public Entry(Manifest crd, Located? schema)
            : this(crd, schema, null)
        {
        }

        internal Entry(Manifest crd, Located? schema, SchemaNodeInterner? interner)
        {
            Crd = crd;
            _schemaNode = schema;
            _interner = interner;
        }

        public Manifest Crd { get; }

        /// <summary>Where the schema is: kept only while it is not compiled, or when it cannot be (the finding points at it).</summary>
        public Located? SchemaNode
        {
            get
            {
                lock (_lock)
                {
                    return _schemaNode;
                }
            }
        }

        public CustomResourceSchema? Schema => Compile().Schema;

        public string? Error => Compile().Error;

        /// <summary>Compiles the schema once; after that the schema's tree is not held unless it has an error to point at.</summary>
        internal (CustomResourceSchema? Schema, string? Error) Compile()
        {
            lock (_lock)
            {
                if (_compiled is { } done)
                {
                    return done;
                }

                var result = _schemaNode is not { } node ? (null, null)
                    : CustomResourceSchema.TryCreate(node.Node, out var compiled, out var error, _interner) ? (compiled, null) : ((CustomResourceSchema?)null, error);
                _compiled = result;
                _interner = null;
                if (result.Item2 is null)
                {
                    _schemaNode = null;
                }

                return result;
            }
        }
    }
}
