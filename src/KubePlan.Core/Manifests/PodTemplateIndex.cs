using System.Text.RegularExpressions;
using KubePlan.Scheduling;

namespace KubePlan.Manifests;

/// <summary>Whether a selector selects the pods of a workload.</summary>
public enum SelectorMatch
{
    No,

    /// <summary>It depends on a label the controller adds with a value the manifest cannot tell (a hash, a uid).</summary>
    Unknown,

    /// <summary>Some of the workload's pods: the selector names a per-pod label (a StatefulSet pod name, an ordinal, a completion index).</summary>
    Some,

    /// <summary>Every pod of the workload.</summary>
    Yes,
}

/// <summary>A workload whose pods a selector selects (or may select).</summary>
public sealed record SelectedPods(Manifest Workload, SelectorMatch Match);

/// <summary>
/// The objects of a run that run pods (Pods, workload controllers, Jobs, CronJobs), indexed once
/// by namespace and by pod-template label, so cross-object rules ("which pods does this Service,
/// PDB or NetworkPolicy select?") cost one lookup per selector, never a comparison of all pairs.
/// Repeated definitions of an identity are left out; PodTemplate objects run nothing and are too.
/// <see cref="Selected"/> matches the template labels as written (what controllers compare);
/// <see cref="Select"/> matches the labels the pods will carry: the template's plus the ones the
/// controllers add (<c>statefulset.kubernetes.io/pod-name</c>, <c>batch.kubernetes.io/job-name</c>, …).
/// </summary>
public sealed partial class PodTemplateIndex
{
    private static readonly IReadOnlyList<Entry> None = [];
    private readonly Dictionary<string, Bucket> _byNamespace = new(StringComparer.Ordinal);

    /// <summary>Indexes the given objects; the caller leaves repeated definitions out (<see cref="ManifestSet.Unique"/>).</summary>
    internal PodTemplateIndex(IEnumerable<Manifest> manifests)
    {
        var order = 0;
        foreach (var m in manifests.Where(Workloads.RunsPods))
        {
            var ns = m.Namespace ?? string.Empty;
            if (!_byNamespace.TryGetValue(ns, out var bucket))
            {
                _byNamespace[ns] = bucket = new Bucket();
            }

            bucket.Add(new Entry(m, order++, Workloads.TemplateLabels(m)));
        }
    }

    /// <summary>Whether the input holds any object that runs pods in the namespace.</summary>
    public bool HasPods(string? ns) => _byNamespace.ContainsKey(ns ?? string.Empty);

    /// <summary>The pod-running objects of a namespace, in input order.</summary>
    public IReadOnlyList<Manifest> InNamespace(string? ns) =>
        WorkCounter.Counted<Manifest>(_byNamespace.TryGetValue(ns ?? string.Empty, out var bucket) ? bucket.Workloads : []);

    /// <summary>The pod-running objects of a namespace with this name, in input order (one lookup, not a scan).</summary>
    public IReadOnlyList<Manifest> Named(string? ns, string name) =>
        WorkCounter.Counted<Manifest>(_byNamespace.TryGetValue(ns ?? string.Empty, out var bucket) ? bucket.Named(name) : []);

    /// <summary>The namespace's pod-running objects whose pod template labels the selector matches, in input order.</summary>
    public IReadOnlyList<Manifest> Selected(string? ns, LabelSelector selector)
    {
        if (selector.IsNil || !_byNamespace.TryGetValue(ns ?? string.Empty, out var bucket))
        {
            return [];
        }

        return WorkCounter.Counted(bucket.Candidates(selector, narrowOnGenerated: true)).Where(e => selector.Matches(e.Labels)).Select(e => e.Workload).ToList();
    }

    /// <summary>
    /// The workloads of the namespace whose pods the selector selects (all: <see cref="SelectorMatch.Yes"/>; some:
    /// <see cref="SelectorMatch.Some"/>) or may select (<see cref="SelectorMatch.Unknown"/>), in input order. A nil selector selects nothing, an empty one everything.
    /// </summary>
    public IEnumerable<SelectedPods> Select(string? ns, LabelSelector selector)
    {
        if (selector.IsNil || !_byNamespace.TryGetValue(ns ?? string.Empty, out var bucket))
        {
            yield break;
        }

        foreach (var entry in WorkCounter.Counted(bucket.Candidates(selector, narrowOnGenerated: false)))
        {
            var match = Match(selector, entry.Workload, entry.Labels);
            if (match != SelectorMatch.No)
            {
                yield return new SelectedPods(entry.Workload, match);
            }
        }
    }

    /// <summary>Whether the selector selects the pods of this workload, with the labels its controller adds.</summary>
    public static SelectorMatch Match(LabelSelector selector, Manifest workload) =>
        Match(selector, workload, Workloads.TemplateLabels(workload));

    private static SelectorMatch Match(LabelSelector selector, Manifest workload, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.IsNil)
        {
            return SelectorMatch.No;
        }

        var result = SelectorMatch.Yes;
        foreach (var requirement in selector.Requirements)
        {
            var match = GeneratedLabel(workload, requirement.Key) is { } generated
                ? generated.Evaluate(requirement)
                : requirement.Matches(labels) ? SelectorMatch.Yes : SelectorMatch.No;
            if (match == SelectorMatch.No)
            {
                return SelectorMatch.No;
            }

            if (match < result)
            {
                result = match;
            }
        }

        return result;
    }

    /// <summary>Label keys some controller sets on the pods it creates; the index cannot narrow on them.</summary>
    private static readonly HashSet<string> GeneratedKeys =
    [
        "pod-template-hash", "controller-revision-hash", "pod-template-generation",
        "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index",
        "job-name", "batch.kubernetes.io/job-name", "controller-uid", "batch.kubernetes.io/controller-uid",
        "batch.kubernetes.io/job-completion-index",
    ];

    /// <summary>
    /// The label a workload's controller puts on its pods under this key: Deployment <c>pod-template-hash</c>
    /// (ReplicaSet name hash), StatefulSet <c>statefulset.kubernetes.io/pod-name</c> and <c>apps.kubernetes.io/pod-index</c>
    /// (the ordinal) and <c>controller-revision-hash</c>, DaemonSet <c>controller-revision-hash</c> and
    /// <c>pod-template-generation</c>, Job <c>batch.kubernetes.io/job-name</c>/<c>job-name</c> (the Job's name),
    /// <c>controller-uid</c>, and the completion index of Indexed Jobs.
    /// </summary>
    private static GeneratedValue? GeneratedLabel(Manifest workload, string key)
    {
        if (!GeneratedKeys.Contains(key))
        {
            return null;
        }

        return (workload.Group, workload.Kind, key) switch
        {
            ("apps" or "extensions", "Deployment", "pod-template-hash") => GeneratedValue.Unknown,
            ("apps", "StatefulSet", "statefulset.kubernetes.io/pod-name") => new GeneratedValue(v => IsNumberedName(v, workload.Name, Ordinal()), null, PerPod: true),
            ("apps", "StatefulSet", "apps.kubernetes.io/pod-index") => new GeneratedValue(IsOrdinal, null, PerPod: true),
            ("apps", "StatefulSet" or "DaemonSet", "controller-revision-hash") => GeneratedValue.Unknown,
            ("apps" or "extensions", "DaemonSet", "pod-template-generation" or "controller-revision-hash") => GeneratedValue.Unknown,
            ("batch", "Job", "job-name" or "batch.kubernetes.io/job-name") when workload.Name is { } name => new GeneratedValue(v => v == name, name),
            // cronjob_controllerv2.go getJobName: <cronjob>-<scheduled time in minutes>, one name per run.
            ("batch", "CronJob", "job-name" or "batch.kubernetes.io/job-name") => new GeneratedValue(v => IsNumberedName(v, workload.Name, Digits()), null, PerPod: true),
            ("batch", "Job" or "CronJob", "controller-uid" or "batch.kubernetes.io/controller-uid") => GeneratedValue.Unknown,
            ("batch", "Job" or "CronJob", "batch.kubernetes.io/job-completion-index") => new GeneratedValue(IsOrdinal, null, PerPod: true),
            _ => null,
        };
    }

    private static bool IsNumberedName(string value, string? name, Regex number) =>
        name is not null && value.Length > name.Length + 1 && value.StartsWith(name + "-", StringComparison.Ordinal) && number.IsMatch(value[(name.Length + 1)..]);

    private static bool IsOrdinal(string value) => Ordinal().IsMatch(value);

    [GeneratedRegex("^(0|[1-9][0-9]{0,9})$")]
    private static partial Regex Ordinal();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    /// <summary>
    /// A controller-set label: the values it can take (null when unknowable), its only value if it has one,
    /// and whether each pod has its own value (so an equality selects some pods, not all).
    /// </summary>
    private sealed record GeneratedValue(Func<string, bool>? Accepts, string? Single, bool PerPod = false)
    {
        public static GeneratedValue Unknown { get; } = new(null, null);

        public SelectorMatch Evaluate(LabelRequirement requirement)
        {
            switch (requirement.Operator)
            {
                case SelectorOperator.Exists:
                    return SelectorMatch.Yes;
                case SelectorOperator.DoesNotExist:
                    return SelectorMatch.No;
                case SelectorOperator.Equals or SelectorOperator.In when Accepts is not null:
                    return !requirement.Values.Any(Accepts) ? SelectorMatch.No : PerPod ? SelectorMatch.Some : SelectorMatch.Yes;
                case SelectorOperator.NotIn when Single is not null:
                    return requirement.Values.Contains(Single, StringComparer.Ordinal) ? SelectorMatch.No : SelectorMatch.Yes;
                default:
                    return SelectorMatch.Unknown;
            }
        }
    }

    private sealed record Entry(Manifest Workload, int Order, IReadOnlyDictionary<string, string> Labels);

    private sealed class Bucket
    {
        // By key, then value: string keys only, so no dictionary over a value-type key is compiled at run time (the tool is ReadyToRun).
        private readonly Dictionary<string, Dictionary<string, List<Entry>>> _byPair = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Entry>> _byKey = new(StringComparer.Ordinal);

        public List<Entry> All { get; } = [];

        public List<Manifest> Workloads { get; } = [];

        private readonly Dictionary<string, List<Manifest>> _byName = new(StringComparer.Ordinal);

        public IReadOnlyList<Manifest> Named(string name) => _byName.TryGetValue(name, out var list) ? list : [];

        public void Add(Entry entry)
        {
            All.Add(entry);
            Workloads.Add(entry.Workload);
            if (entry.Workload.Name is { } name)
            {
                Append(_byName, name, entry.Workload);
            }

            foreach (var (key, value) in entry.Labels)
            {
                if (!_byPair.TryGetValue(key, out var byValue))
                {
                    _byPair[key] = byValue = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
                }

                Append(byValue, value, entry);
                Append(_byKey, key, entry);
            }
        }

        /// <summary>
        /// The entries that can match: those carrying the label of the selector's narrowest equality, In or
        /// Exists requirement on a template label; every entry of the namespace when there is none. A
        /// requirement on a controller-generated label narrows only when matching the template's labels alone.
        /// </summary>
        public IEnumerable<Entry> Candidates(LabelSelector selector, bool narrowOnGenerated)
        {
            IReadOnlyList<Entry>? best = null;
            foreach (var requirement in selector.Requirements)
            {
                if (!narrowOnGenerated && GeneratedKeys.Contains(requirement.Key))
                {
                    continue;
                }

                IReadOnlyList<Entry>? narrowed = requirement.Operator switch
                {
                    SelectorOperator.Equals or SelectorOperator.In => WithValue(requirement.Key, requirement.Values),
                    SelectorOperator.Exists => _byKey.GetValueOrDefault(requirement.Key) ?? None,
                    _ => null,
                };
                if (narrowed is not null && (best is null || narrowed.Count < best.Count))
                {
                    best = narrowed;
                }
            }

            return best ?? All;
        }

        /// <summary>The entries whose label under the key has one of the values; one value (the common case) is one lookup.</summary>
        private IReadOnlyList<Entry> WithValue(string key, IReadOnlyList<string> values) =>
            !_byPair.TryGetValue(key, out var byValue) ? None
            : values.Count == 1 ? byValue.GetValueOrDefault(values[0]) ?? None
            : Union(values.Select(v => byValue.GetValueOrDefault(v)));

        private static IReadOnlyList<Entry> Union(IEnumerable<List<Entry>?> lists)
        {
            var present = lists.OfType<List<Entry>>().ToList();
            return present.Count switch
            {
                0 => None,
                1 => present[0],
                _ => present.SelectMany(l => l).DistinctBy(e => e.Order).OrderBy(e => e.Order).ToList(),
            };
        }

        private static void Append<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue entry)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(entry);
        }
    }
}
