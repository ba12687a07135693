using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Rules.Selectors;

/// <summary>
/// A controller whose selector does not select its own pod template, or that has no usable
/// selector: the API server rejects it ("selector does not match template labels", "empty
/// selector is invalid"). Jobs generate their selector unless <c>manualSelector: true</c>.
/// </summary>
public sealed class SelectorMismatchRule : Rule
{
    public override RuleInfo Info { get; } = new(
        RuleIds.SelectorMismatch,
        Severity.Error,
        "selectors",
        "A workload whose selector is missing, empty, or does not select the labels of its own pod template.",
        "Make spec.selector select the pod template's labels, e.g. matchLabels with the same key and value as spec.template.metadata.labels.");

    public override RuleReads Reads { get; } = RuleReads.EachObject;

    public override IEnumerable<Diagnostic> Check(AnalysisContext context)
    {
        var set = context.Manifests;
        foreach (var m in set.All)
        {
            var finding = (m.Group, m.Kind) switch
            {
                ("", "ReplicationController") => ReplicationController(m, set.SelectorOf(m)!),
                ("apps" or "extensions", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet") => AppsWorkload(m, set.SelectorOf(m)!),
                ("batch", "Job") => Job(m, set.SelectorOf(m)!),
                ("batch", "CronJob") => CronJob(m),
                _ => null,
            };
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    private Diagnostic? ReplicationController(Manifest m, ObjectSelector own)
    {
        var spec = m.At("spec");
        if (spec is null)
        {
            return null;
        }

        var labels = Workloads.TemplateLabels(m);
        var (selectorAt, parsed) = own;
        if (!parsed.IsValid)
        {
            return null;
        }

        if (parsed.Selector.IsNil || parsed.Selector.IsEmpty)
        {
            // SetDefaults_ReplicationController copies the template labels into an empty selector.
            return labels.Count > 0 ? null
                : Report(m, selectorAt ?? spec.Value, "the ReplicationController has no selector and its pod template has no labels to default it from",
                    "Give spec.template.metadata.labels (the selector defaults to them), or set spec.selector.", atKey: true);
        }

        return Mismatch(m, selectorAt!.Value, parsed.Selector, labels);
    }

    private Diagnostic? AppsWorkload(Manifest m, ObjectSelector own)
    {
        var spec = m.At("spec");
        if (spec is null)
        {
            return null;
        }

        var (selectorAt, parsed) = own;
        if (!parsed.IsValid)
        {
            return null;
        }

        var labels = Workloads.TemplateLabels(m);
        if (parsed.Selector.IsNil)
        {
            // extensions/v1beta1 and apps/v1beta1 default the selector from the template labels.
            if (m.Group == "extensions" || m.Version == "v1beta1")
            {
                return null;
            }

            return Report(m, selectorAt ?? spec.Value, $"{m.ApiVersion} {m.Kind} requires spec.selector",
                $"Add spec.selector.matchLabels with the pod template's labels ({Describe(labels)}).", atKey: true);
        }

        if (parsed.Selector.IsEmpty)
        {
            return Report(m, selectorAt!.Value, $"an empty selector is invalid for {m.Kind}: it would select every pod in the namespace",
                $"Select the pod template's labels ({Describe(labels)}) with matchLabels.", atKey: true);
        }

        return Mismatch(m, selectorAt!.Value, parsed.Selector, labels);
    }

    private Diagnostic? Job(Manifest m, ObjectSelector own)
    {
        var spec = m.At("spec");
        if (spec is null)
        {
            return null;
        }

        var manual = spec.Value.Get("manualSelector")?.Node is YScalar { Value: true };
        var (selectorAt, parsed) = own;
        var present = selectorAt is { Node: not YScalar { Kind: ScalarKind.Null } };
        if (!manual)
        {
            return present
                ? Report(m, selectorAt!.Value, "spec.selector is set but manualSelector is not true; the API server generates a Job's selector and rejects this one (\"selector not auto-generated\")",
                    "Remove spec.selector and let the Job generate it, or set spec.manualSelector: true if you really manage the selector yourself.", atKey: true)
                : null;
        }

        if (!parsed.IsValid)
        {
            return null;
        }

        if (parsed.Selector.IsNil)
        {
            return Report(m, spec.Value.Get("manualSelector")!.Value, "manualSelector: true requires spec.selector",
                "Add spec.selector that selects the pod template's labels, or remove manualSelector.", atKey: true);
        }

        if (parsed.Selector.IsEmpty)
        {
            return Report(m, selectorAt!.Value, "an empty selector is invalid for a Job: it would select every pod in the namespace",
                "Select the pod template's labels with matchLabels, or remove the selector and manualSelector.", atKey: true);
        }

        return Mismatch(m, selectorAt!.Value, parsed.Selector, Workloads.TemplateLabels(m));
    }

    private Diagnostic? CronJob(Manifest m)
    {
        var jobSpec = m.At("spec", "jobTemplate", "spec");
        if (jobSpec?.Get("selector") is { Node: not YScalar { Kind: ScalarKind.Null } } selector)
        {
            return Report(m, selector, "a CronJob's jobTemplate must not set selector; each Job it creates generates its own",
                "Remove spec.jobTemplate.spec.selector.", atKey: true);
        }

        if (jobSpec?.Get("manualSelector") is { Node: YScalar { Value: true } } manual)
        {
            return Report(m, manual, "a CronJob's jobTemplate must not set manualSelector: true",
                "Remove spec.jobTemplate.spec.manualSelector.", atKey: true);
        }

        return null;
    }

    private Diagnostic? Mismatch(Manifest m, Located selectorAt, LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.Matches(labels))
        {
            return null;
        }

        var failing = selector.Requirements.Where(r => !r.Matches(labels)).Select(r => r.ToString());
        return Report(m, selectorAt,
            $"spec.selector does not select the pod template's labels ({Describe(labels)}): {string.Join(", ", failing)} does not match",
            "Make the selector and spec.template.metadata.labels agree; the selector may use fewer labels than the template, never other ones.", atKey: true);
    }

    private static string Describe(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "none" : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
