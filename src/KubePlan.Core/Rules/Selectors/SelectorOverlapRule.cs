using System.Text.RegularExpressions;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Selectors;

/// <summary>
/// Controllers in one namespace whose selectors select each other's pods, and bare Pods that a
/// controller will adopt (<c>ClaimPods</c>: an orphan whose labels match the selector is adopted).
/// </summary>
public sealed partial class SelectorOverlapRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SelectorOverlap,
        Severity.Warning,
        "selectors",
        "Two controllers in one namespace whose selectors select each other's pods, or a bare Pod that a controller will adopt.",
        "Give each controller a label that only its own pods carry (e.g. app.kubernetes.io/instance) and select on it.");

    /// <summary>How many other controllers a finding names before it says "and N more".</summary>
    private const int NamedOthers = 5;

    public override RuleReads Reads { get; } = RuleReads.PodsAnd();

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        // Each object once (a second definition is manifest-structure's finding, not an overlap), and
        // each selector looked up in the run's label index: the cost follows the matches, not all pairs.
        var set = context.Manifests;
        var controllers = set.Unique.Select(m => Controller(set, m)).OfType<ControllerSelector>().ToList();
        var byManifest = new Dictionary<Manifest, ControllerSelector>(ReferenceEqualityComparer.Instance);
        foreach (var c in controllers)
        {
            byManifest[c.Manifest] = c;
        }

        var selects = new Dictionary<ControllerSelector, List<ControllerSelector>>();
        var selectedBy = new Dictionary<Manifest, List<ControllerSelector>>(ReferenceEqualityComparer.Instance);
        foreach (var c in controllers)
        {
            foreach (var target in set.PodTemplates.Selected(c.Manifest.Namespace, c.Selector))
            {
                if (ReferenceEquals(target, c.Manifest))
                {
                    continue;
                }

                if (!selectedBy.TryGetValue(target, out var selectors))
                {
                    selectedBy[target] = selectors = [];
                }

                selectors.Add(c);
                if (byManifest.TryGetValue(target, out var other))
                {
                    if (!selects.TryGetValue(c, out var list))
                    {
                        selects[c] = list = [];
                    }

                    list.Add(other);
                }
            }
        }

        foreach (var c in controllers)
        {
            var mine = selects.GetValueOrDefault(c) ?? [];
            var theirs = selectedBy.GetValueOrDefault(c.Manifest)?.Where(o => byManifest.ContainsKey(o.Manifest)).ToList() ?? [];
            var others = mine.Concat(theirs).Distinct()
                .OrderBy(o => o.Manifest.File.Path, StringComparer.Ordinal).ThenBy(o => o.At.Node.Start.Line).ToList();
            if (others.Count > 0)
            {
                yield return Report(c.Manifest, c.At, Message(c, others, mine, theirs),
                    "Add a label that tells them apart to each pod template and to each selector.", atKey: true);
            }
        }

        foreach (var pod in set.Unique.Where(m => m.IsKind(string.Empty, "Pod")))
        {
            if (pod.At("metadata", "ownerReferences") is { Sequence.Items.Count: > 0 })
            {
                continue;
            }

            var adopter = selectedBy.GetValueOrDefault(pod)?.FirstOrDefault(c => Adopts(c, pod));
            if (adopter is not null)
            {
                yield return Report(pod, pod.At("metadata", "labels") ?? pod.Located,
                    $"this bare Pod's labels match the selector of {Name(adopter.Manifest)} ({adopter.Selector}), which will adopt it and count it as one of its pods",
                    "Change the Pod's labels so no controller selects it, or let the controller create the Pod.", atKey: true);
            }
        }
    }

    /// <summary>One message naming every controller this one overlaps with, and which way each selects.</summary>
    private static string Message(ControllerSelector c, List<ControllerSelector> others, List<ControllerSelector> mine, List<ControllerSelector> theirs)
    {
        static string Where(ControllerSelector o) => $"{Name(o.Manifest)} ({o.Manifest.File.Path}:{o.At.Node.Start.Line})";
        var named = string.Join(", ", others.Take(NamedOthers).Select(Where))
            + (others.Count > NamedOthers ? $" and {others.Count - NamedOthers} more" : string.Empty);
        string direction;
        if (others.Count == 1)
        {
            var o = others[0];
            direction = (mine.Contains(o), theirs.Contains(o)) switch
            {
                (true, true) => "the two select each other's pods",
                (true, false) => $"this selector ({c.Selector}) also selects the pods of {Name(o.Manifest)}",
                _ => $"the selector of {Name(o.Manifest)} ({o.Selector}) also selects this controller's pods",
            };
        }
        else
        {
            direction = "their selectors select one another's pods";
        }

        var count = others.Count == 1 ? string.Empty : $"{others.Count} other controllers: ";
        return $"{Name(c.Manifest)} overlaps with {count}{named}: {direction}; the controllers fight over those pods";
    }

    /// <summary>Which controllers adopt orphan pods: a Deployment adopts ReplicaSets, a StatefulSet only its ordinal names.</summary>
    private static bool Adopts(ControllerSelector controller, Manifest pod)
    {
        if (!controller.Selector.Matches(pod.Labels))
        {
            return false;
        }

        return controller.Manifest.Kind switch
        {
            "Deployment" => false,
            "StatefulSet" => pod.Name is { } name && name.StartsWith(controller.Manifest.Name + "-", StringComparison.Ordinal)
                && Ordinal().IsMatch(name[(controller.Manifest.Name!.Length + 1)..]),
            _ => true,
        };
    }

    private static ControllerSelector? Controller(ManifestSet set, Manifest m)
    {
        if (!KubernetesKinds.IsWorkloadController(m.Group, m.Kind ?? string.Empty) && !(m.Group == "extensions" && m.Kind is "Deployment" or "ReplicaSet" or "DaemonSet"))
        {
            return null;
        }

        if (m.At("metadata", "ownerReferences")?.Items().Any(r => r.Get("controller")?.Node is YScalar { Value: true }) == true)
        {
            return null; // managed by another controller (a Deployment's ReplicaSet): overlapping it is by design
        }

        var labels = Workloads.TemplateLabels(m);
        var (selectorAt, parsed) = set.SelectorOf(m)!;
        if (m.IsKind(string.Empty, "ReplicationController"))
        {
            if (parsed.IsValid && (parsed.Selector.IsNil || parsed.Selector.IsEmpty) && labels.Count > 0)
            {
                parsed = new ParsedSelector(LabelSelector.FromLabels(labels), []);
                selectorAt = m.At("spec", "template", "metadata", "labels");
            }
        }
        else if (m.IsKind("batch", "Job"))
        {
            if (m.At("spec", "manualSelector")?.Node is not YScalar { Value: true })
            {
                return null; // the generated selector names the Job's own uid
            }
        }

        // Controllers ignore objects with a nil or empty selector, and the API server rejects a selector
        // that misses its own template; selector-mismatch reports those.
        return parsed.IsValid && !parsed.Selector.IsNil && !parsed.Selector.IsEmpty && parsed.Selector.Matches(labels) && selectorAt is { } at
            ? new ControllerSelector(m, parsed.Selector, at)
            : null;
    }

    private static string Name(Manifest m) => m.Kind + "/" + m.Name;

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex Ordinal();

    /// <summary>A controller with a usable selector; compared by reference (one per object).</summary>
    private sealed class ControllerSelector(Manifest manifest, LabelSelector selector, Located at)
    {
        public Manifest Manifest { get; } = manifest;

        public LabelSelector Selector { get; } = selector;

        public Located At { get; } = at;
    }
}
