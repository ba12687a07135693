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

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var controllers = context.Manifests.All.Select(Controller).OfType<ControllerSelector>().ToList();
        for (var j = 0; j < controllers.Count; j++)
        {
            var b = controllers[j];
            for (var i = 0; i < j; i++)
            {
                var a = controllers[i];
                if (a.Manifest.Namespace != b.Manifest.Namespace)
                {
                    continue;
                }

                var aSelectsB = a.Selector.Matches(b.TemplateLabels);
                var bSelectsA = b.Selector.Matches(a.TemplateLabels);
                if (aSelectsB || bSelectsA)
                {
                    var direction = (aSelectsB, bSelectsA) switch
                    {
                        (true, true) => "the two select each other's pods",
                        (false, true) => $"this selector also selects the pods of {Name(a.Manifest)}",
                        _ => $"the selector of {Name(a.Manifest)} ({a.Selector}) also selects this controller's pods",
                    };
                    yield return Report(b.Manifest, b.At,
                        $"{Name(b.Manifest)} and {Name(a.Manifest)} ({a.Manifest.File.Path}:{a.At.Node.Start.Line}) overlap: {direction}; the controllers fight over those pods",
                        "Add a label that tells the two apart to each pod template and to each selector.", atKey: true);
                }
            }
        }

        foreach (var pod in context.Manifests.OfKind(string.Empty, "Pod"))
        {
            if (pod.At("metadata", "ownerReferences") is { Sequence.Items.Count: > 0 })
            {
                continue;
            }

            var adopter = controllers.FirstOrDefault(c => c.Manifest.Namespace == pod.Namespace && Adopts(c, pod));
            if (adopter is not null)
            {
                yield return Report(pod, pod.At("metadata", "labels") ?? pod.Located,
                    $"this bare Pod's labels match the selector of {Name(adopter.Manifest)} ({adopter.Selector}), which will adopt it and count it as one of its pods",
                    "Change the Pod's labels so no controller selects it, or let the controller create the Pod.", atKey: true);
            }
        }
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

    private static ControllerSelector? Controller(Manifest m)
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
        var selectorAt = m.At("spec", "selector");
        ParsedSelector parsed;
        if (m.IsKind(string.Empty, "ReplicationController"))
        {
            parsed = LabelSelector.ParseMap(selectorAt);
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

            parsed = LabelSelector.Parse(selectorAt);
        }
        else
        {
            parsed = LabelSelector.Parse(selectorAt);
        }

        // Controllers ignore objects with a nil or empty selector, and the API server rejects a selector
        // that misses its own template; selector-mismatch reports those.
        return parsed.IsValid && !parsed.Selector.IsNil && !parsed.Selector.IsEmpty && parsed.Selector.Matches(labels) && selectorAt is { } at
            ? new ControllerSelector(m, parsed.Selector, labels, at)
            : null;
    }

    private static string Name(Manifest m) => m.Kind + "/" + m.Name;

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex Ordinal();

    private sealed record ControllerSelector(Manifest Manifest, LabelSelector Selector, IReadOnlyDictionary<string, string> TemplateLabels, Located At);
}
