using KubePlan.CustomRules;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Suppressions;

namespace KubePlan.Rules;

/// <summary>
/// One lint run, in two steps: <see cref="Read"/> as each file is read, <see cref="Finish"/> once all are.
/// </summary>
/// <remarks>
/// Memory: the trees of every object until the last rule had run were most of a run's memory. Rules
/// declare what they read (<see cref="Rule.Reads"/>); an object whose tree no rule of the run reads after
/// the whole input is read (a CustomResourceDefinition, a ServiceAccount, a Role...) is checked by the
/// one-object rules as soon as its file is read, its CRD schemas are compiled, and only its skeleton
/// (<see cref="ManifestSkeleton"/>) stays: identity, the positions of its name, and its suppression
/// annotations. Findings, their order, containers and fingerprints are those of checking everything at the end.
/// When a rule that declares nothing is active (every custom rule: it may read any tree), every tree is kept.
/// </remarks>
public sealed class LintRun
{
    private readonly LintOptions _options;
    private readonly List<Rule> _rules;
    private readonly List<Rule> _active;

    internal LintRun(LintOptions options, IEnumerable<Rule>? rules)
    {
        _options = options;
        _rules = (rules ?? RuleCatalog.BuiltIn).ToList();
        _active = _rules.Where(options.IsActive).ToList();
        ReleasesTrees = _active.All(r => r.Origin is null && !ReferenceEquals(r.Reads, RuleReads.WholeInput));
    }

    /// <summary>Whether objects are checked as they are read and their trees released (every active rule says what it reads).</summary>
    public bool ReleasesTrees { get; }

    /// <summary>
    /// Checks the objects of what was just read whose trees no rule reads later, with the rules that check one object at a
    /// time, and returns what was read with those objects as skeletons (a new result: the given one is not changed).
    /// Safe to call from several threads at once, one file each.
    /// </summary>
    public LoadResult Read(LoadResult loaded)
    {
        if (!ReleasesTrees)
        {
            return loaded;
        }

        // No rule and no report reads a file's text past a few lines: a file read from disk keeps its suppression
        // comments, and any other line is read from it again when asked for (code frames, a column inside a scalar).
        foreach (var file in loaded.Files)
        {
            file.ReleaseText(Suppressions.Suppression.CommentMarker);
        }

        if (loaded.Manifests.Count == 0)
        {
            return loaded;
        }

        var released = loaded.Manifests.Where(m => !m.IsReleased && !_active.Any(r => r.Reads.Keeps(m))).ToList();
        if (released.Count == 0)
        {
            return loaded;
        }

        var part = new LoadResult { Documents = released.Count };
        part.Files.AddRange(loaded.Files);
        part.Manifests.AddRange(released);
        var context = new AnalysisContext(part, [], _options, isPart: true);
        var found = Linter.CheckAll(_active, r => r.Reads.EachObjectAlone, context, _options, released.Count);

        // Each finding stays with the skeleton of its object, in rule order; its container is named from the tree, before it goes.
        var locator = new ManifestLocator(released);
        var checkedFindings = new Dictionary<Manifest, List<CheckedFinding>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < found.Length; i++)
        {
            foreach (var d in found[i] ?? [])
            {
                var about = locator.Find(d) ?? released[0];
                var finding = d.Container is null ? Fingerprints.WithContainer(d, locator) : d;
                if (!checkedFindings.TryGetValue(about, out var list))
                {
                    checkedFindings[about] = list = [];
                }

                list.Add(new CheckedFinding(i, finding));
            }
        }

        var skeletons = new Dictionary<Manifest, Manifest>(ReferenceEqualityComparer.Instance);
        foreach (var m in released)
        {
            var skeleton = ManifestSkeleton.Of(m, checkedFindings.GetValueOrDefault(m));
            Schema.CustomResourceSchemas.Release(m, skeleton);
            skeletons[m] = skeleton;
        }

        var result = new LoadResult { Documents = loaded.Documents };
        result.Files.AddRange(loaded.Files);
        result.Problems.AddRange(loaded.Problems);
        result.Manifests.AddRange(loaded.Manifests.Select(m => skeletons.GetValueOrDefault(m) ?? m));
        return result;
    }

    /// <summary>Runs the rules over what was loaded (through <see cref="Read"/>) and reports every finding of the run.</summary>
    public LintReport Finish(LoadResult input, LoadResult? nodes = null)
    {
        var options = _options;
        var nodeManifests = nodes?.Manifests.Where(m => m.IsKind(string.Empty, "Node")).ToList() ?? [];
        var combined = input;
        if (nodes is not null)
        {
            // Problems reading the inventory are findings too; its objects are not linted.
            combined = new LoadResult { Documents = input.Documents };
            combined.Files.AddRange(input.Files);
            combined.Manifests.AddRange(input.Manifests);
            combined.Problems.AddRange(input.Problems);
            combined.Problems.AddRange(nodes.Problems);
            combined.Files.AddRange(nodes.Files.Where(f => nodes.Problems.Any(p => p.File == f)));
        }

        var context = new AnalysisContext(combined, nodeManifests, options);
        // Built-in rules run side by side; custom rules one at a time afterwards: their runner isolates and times each one.
        var active = _active;
        var found = Linter.CheckAll(active, r => r.Origin is null, context, options, combined.Documents);
        for (var i = 0; i < active.Count; i++)
        {
            found[i] ??= Linter.Check(active[i], context, options);
        }

        // Each rule's findings on the objects checked as they were read come first, in input order, then the rest.
        var early = new List<Diagnostic>?[active.Count];
        foreach (var m in input.Manifests)
        {
            foreach (var (rule, finding) in m.Checked ?? [])
            {
                (early[rule] ??= []).Add(finding);
            }
        }

        var diagnostics = found.SelectMany((f, i) => early[i] is { } e ? e.Concat(f!) : f!).ToList();
        return Linter.Complete(diagnostics, input, combined, options, _rules);
    }
}

/// <summary>A finding of the rule at this index of a run's active rules, made before the object's tree was released.</summary>
internal sealed record CheckedFinding(int Rule, Diagnostic Finding);
