using System.Globalization;
using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.Diff;

/// <summary>Options of a diff run.</summary>
public sealed record DiffOptions
{
    /// <summary>When set, the new side is linted with these options and its findings are part of the result.</summary>
    public LintOptions? Lint { get; init; }
}

/// <summary>
/// Matches the objects of two sides by identity (group, kind, namespace, name; not the API
/// version), diffs their fields semantically and says what applying the change will do.
/// </summary>
public sealed class DiffEngine
{
    private readonly IRolloutPlanner? _planner;

    public DiffEngine(IRolloutPlanner? planner = null) => _planner = planner;

    /// <summary>Diffs two loaded sides; problems reading either side are kept as findings.</summary>
    public ChangeSet Compare(LoadResult oldSide, LoadResult newSide, DiffOptions? options = null)
    {
        var diagnostics = new List<SideDiagnostic>();
        diagnostics.AddRange(ProblemDiagnostics(oldSide).Select(d => new SideDiagnostic(DiffSide.Old, d)));
        if (options?.Lint is { } lint)
        {
            diagnostics.AddRange(Linter.Run(newSide, lint).Diagnostics.Select(d => new SideDiagnostic(DiffSide.New, d)));
        }
        else
        {
            diagnostics.AddRange(ProblemDiagnostics(newSide).Select(d => new SideDiagnostic(DiffSide.New, d)));
        }

        var changes = Compare(new ManifestSet(oldSide.Manifests), new ManifestSet(newSide.Manifests));
        var sources = oldSide.Files.Concat(newSide.Files).ToList();
        return new ChangeSet(changes, diagnostics, sources);
    }

    /// <summary>The changed objects, most significant impact first, then by identity.</summary>
    public List<ObjectChange> Compare(ManifestSet oldSet, ManifestSet newSet)
    {
        var keys = new HashSet<ObjectKey>();
        foreach (var m in oldSet.All.Concat(newSet.All))
        {
            if (m.Key is { } key)
            {
                keys.Add(key);
            }
        }

        var fieldChanges = new Dictionary<ObjectKey, List<FieldChange>>();
        var rolled = new HashSet<ObjectKey>();
        foreach (var key in keys)
        {
            if (oldSet.Find(key) is { } old && newSet.Find(key) is { } @new)
            {
                var changes = TreeDiff.Compare(old.Root, @new.Root, ListMergeKeys.RootFor(key.Group, key.Kind));

                // The identity already matched: writing the default namespace out is not a change.
                changes.RemoveAll(c => c.IsAt("metadata", "namespace"));
                if (changes.Count > 0)
                {
                    fieldChanges[key] = changes;
                    if (TemplatePath(@new) is { } template && changes.Any(c => c.IsUnder(template)))
                    {
                        rolled.Add(key);
                    }
                }
            }
        }

        var result = new List<ObjectChange>();
        foreach (var key in keys)
        {
            var old = oldSet.Find(key);
            var @new = newSet.Find(key);
            if (old is null)
            {
                result.Add(Added(key, @new!, newSet));
            }
            else if (@new is null)
            {
                result.Add(Removed(key, old));
            }
            else if (fieldChanges.TryGetValue(key, out var changes))
            {
                result.Add(Changed(key, old, @new, changes, oldSet, newSet, rolled));
            }
        }

        result.Sort((a, b) =>
        {
            var c = a.Impacts[0].CompareTo(b.Impacts[0]);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        });
        return result;
    }

    private static string[]? TemplatePath(Manifest m) =>
        m.IsKind(string.Empty, "Pod") ? ["spec"] : KubernetesKinds.PodTemplatePath(m.Group, m.Kind);

    private static bool IsRolloutKind(Manifest m) => m.Group is "apps" or "extensions" && m.Kind is "Deployment" or "StatefulSet" or "DaemonSet";

    private static bool IsBatchKind(Manifest m) => m.Group == "batch" && m.Kind is "Job" or "CronJob";

    private static bool HasReplicas(Manifest m) =>
        (m.Group is "apps" or "extensions" && m.Kind is "Deployment" or "StatefulSet" or "ReplicaSet") || m.IsKind(string.Empty, "ReplicationController");

    private ObjectChange Added(ObjectKey key, Manifest @new, ManifestSet newSet)
    {
        PlanAttachment? plan = null;
        var message = "added";
        if (IsRolloutKind(@new) || HasReplicas(@new) || IsBatchKind(@new))
        {
            plan = _planner?.PlanRollout(null, @new, newSet);
            message = plan is not null ? "added: " + plan.Summary : $"added: its pods are created ({ReplicasText(@new)})";
        }
        else if (KubernetesKinds.PodSpecPath(@new.Group, @new.Kind) is not null)
        {
            message = "added: its pods are created";
        }

        var whole = new FieldChange(string.Empty, [], null, @new.Root);
        return new ObjectChange
        {
            Key = key,
            Object = @new.Ref,
            New = @new,
            Impacts = [Impact.Added],
            Changes = [whole],
            Fields = [Report(@new, whole)],
            Message = message,
            Plan = plan,
        };
    }

    private static ObjectChange Removed(ObjectKey key, Manifest old)
    {
        var message = (old.Group, old.Kind) switch
        {
            ("", "Namespace") => "removed: deleting a namespace deletes every object in it",
            ("apiextensions.k8s.io", "CustomResourceDefinition") => "removed: deleting a CustomResourceDefinition deletes every object of its kind",
            ("", "PersistentVolumeClaim") => "removed: the claim is deleted, and its volume with it when the reclaim policy is Delete",
            ("", "Service") => "removed: clients lose the Service's name and address",
            _ when KubernetesKinds.PodSpecPath(old.Group, old.Kind) is not null => "removed: its pods are deleted with it",
            _ => "removed",
        };
        var whole = new FieldChange(string.Empty, [], old.Root, null);
        return new ObjectChange
        {
            Key = key,
            Object = old.Ref,
            Old = old,
            Impacts = [Impact.Removed],
            Changes = [whole],
            Fields = [Report(old, whole)],
            Message = message,
        };
    }

    private ObjectChange Changed(ObjectKey key, Manifest old, Manifest @new, List<FieldChange> changes, ManifestSet oldSet, ManifestSet newSet, HashSet<ObjectKey> rolled)
    {
        var impacts = new SortedSet<Impact>();
        var messages = new List<string>();
        var notes = new List<string>();
        PlanAttachment? plan = null;
        TrafficShift? traffic = null;
        var notRolled = new List<ObjectRef>();

        if (changes.FirstOrDefault(c => c.IsAt("apiVersion")) is not null)
        {
            notes.Add($"apiVersion changed from {old.ApiVersion} to {@new.ApiVersion}: the same object, served under another version");
        }

        // A rejected update changes nothing, so it gets no plan.
        var rejections = ImmutableFields.Check(old, @new, changes);
        var planner = rejections.Count > 0 ? null : _planner;
        var replicasChanged = HasReplicas(@new) && changes.Any(c => c.IsAt("spec", "replicas"));
        var template = TemplatePath(@new);
        var templateChanges = template is null ? [] : changes.Where(c => c.IsUnder(template)).ToList();
        if (IsRolloutKind(@new) && templateChanges.Count > 0)
        {
            impacts.Add(Impact.Rollout);
            plan = planner?.PlanRollout(old, @new, newSet);
            var what = Triggers(templateChanges, template!);
            messages.Add($"pod template changed ({what}): " + (plan?.Summary ?? RolloutText(@new)));
            if (UpdateStrategy(@new) == "OnDelete")
            {
                notes.Add("updateStrategy is OnDelete: pods are replaced only when you delete them");
            }
        }
        else if (replicasChanged)
        {
            impacts.Add(Impact.Scale);
            plan = planner?.PlanScale(old, @new, newSet);
            var before = ReplicasText(old);
            var after = ReplicasText(@new);
            messages.Add($"scaled from {before} to {after}" + (plan is null ? string.Empty : ": " + plan.Summary));
            if (@new.At("spec", "replicas") is null)
            {
                notes.Add("spec.replicas is no longer set: the API server defaults it to 1 on apply");
            }
        }

        else if (IsBatchKind(@new) && rejections.Count == 0 && changes.Any(c => c.IsUnder("spec")))
        {
            // A Job's spec changes in place where the API allows it (parallelism, suspend,
            // activeDeadlineSeconds); a CronJob's next Jobs use its new jobTemplate and schedule.
            plan = planner?.PlanRollout(old, @new, newSet);
            impacts.Add(@new.Kind == "Job" && changes.Any(c => c.IsAt("spec", "parallelism")) ? Impact.Scale : Impact.Update);
            var what = @new.Kind == "Job"
                ? "Job spec changed in place: " + FieldList(changes.Where(c => c.IsUnder("spec")).ToList())
                : "CronJob changed (" + FieldList(changes.Where(c => c.IsUnder("spec")).ToList()) + "): Jobs created from the next run on follow it; a running Job keeps its spec";
            messages.Add(what + (plan is null ? string.Empty : ": " + plan.Summary));
        }

        if (replicasChanged)
        {
            foreach (var hpa in Autoscalers.AllFor(newSet, @new))
            {
                notes.Add($"HorizontalPodAutoscaler {hpa.Name} scales this {@new.Kind} and owns its replicas: it overrides the value in the manifest");
            }
        }

        if (rejections.Count > 0)
        {
            impacts.Add(Impact.Rejected);
            messages.Add("the API server rejects this update: " + string.Join("; ", rejections.Select(r => r.Reason)));
            if (impacts.Contains(Impact.Rollout) || impacts.Contains(Impact.Scale))
            {
                notes.Add("nothing rolls while the update is rejected: the whole object is refused");
            }
        }

        if (@new.IsKind(string.Empty, "Service") && changes.Any(c => c.IsUnder("spec", "selector") || c.IsUnder("spec", "ports")))
        {
            impacts.Add(Impact.Traffic);
            var before = Workloads.Selected(oldSet, old.Namespace, LabelMap.Read(old.At("spec", "selector")?.Node));
            var after = Workloads.Selected(newSet, @new.Namespace, LabelMap.Read(@new.At("spec", "selector")?.Node));
            traffic = new TrafficShift(before, after);
            var parts = new List<string>();
            if (changes.Any(c => c.IsUnder("spec", "selector")))
            {
                parts.Add($"selector changed: it selected {Names(before)} and now selects {Names(after)}");
            }

            if (changes.Any(c => c.IsUnder("spec", "ports")))
            {
                parts.Add($"ports changed for {Names(after)}");
            }

            messages.Add(string.Join("; ", parts));
            if (after.Count == 0 && @new.At("spec", "selector") is not null)
            {
                notes.Add("the new selector matches no workload in the namespace: the Service will have no endpoints");
            }
        }

        if (@new.Group.Length == 0 && @new.Kind is "ConfigMap" or "Secret" && changes.Any(c => c.IsUnder("data") || c.IsUnder("binaryData") || c.IsUnder("stringData")))
        {
            var stale = new List<string>();
            var restarted = new List<string>();
            foreach (var consumer in newSet.InNamespace(@new.Namespace))
            {
                if (consumer.Key is not { } consumerKey || Workloads.Consumes(consumer, @new.Kind, @new.Name!) is not { } via)
                {
                    continue;
                }

                if (oldSet.Find(consumerKey) is null || rolled.Contains(consumerKey))
                {
                    restarted.Add(consumer.Kind + "/" + consumer.Name);
                }
                else
                {
                    notRolled.Add(consumer.Ref);
                    stale.Add($"{consumer.Kind}/{consumer.Name} ({via})");
                }
            }

            if (notRolled.Count > 0)
            {
                impacts.Add(Impact.ConfigNotRolled);
                messages.Add($"{@new.Kind} content changed but no pod that reads it is restarted: {string.Join(", ", stale)} keep the old content until restarted");
                notes.Add("env and envFrom are read at container start; mounted volumes are refreshed by the kubelet after a delay, except subPath mounts. Restart with kubectl rollout restart, or put a hash of the content in the pod template's annotations");
            }
            else if (restarted.Count > 0)
            {
                notes.Add("read by " + string.Join(", ", restarted) + ", whose pods are replaced in this change");
            }
        }

        if (impacts.Count == 0)
        {
            var onlyMetadata = changes.All(c => c.IsUnder("metadata", "labels") || c.IsUnder("metadata", "annotations") || c.IsAt("apiVersion"));
            if (onlyMetadata)
            {
                impacts.Add(Impact.Metadata);
                messages.Add(changes.All(c => c.IsAt("apiVersion")) ? "apiVersion changed; nothing else" : "labels or annotations changed: nothing rolls");
            }
            else
            {
                impacts.Add(Impact.Update);
                messages.Add("changed in place: " + FieldList(changes));
            }
        }

        return new ObjectChange
        {
            Key = key,
            Object = @new.Ref,
            Old = old,
            New = @new,
            Impacts = impacts.ToList(),
            Changes = changes,
            Fields = changes.Select(c => Report(@new, c)).ToList(),
            Message = string.Join("; ", messages),
            Notes = notes,
            Rejections = rejections,
            Traffic = traffic,
            NotRolled = notRolled,
            Plan = rejections.Count > 0 ? null : plan,
        };
    }

    private static ReportedField Report(Manifest m, FieldChange c) =>
        new(c.Path, DiffJson.ToJsonRedacted(c.Old, m.Group, m.Kind, c.Fields), DiffJson.ToJsonRedacted(c.New, m.Group, m.Kind, c.Fields));

    /// <summary>The changed template fields, relative to the pod template, e.g. <c>spec/containers/name=web/image</c>.</summary>
    private static string Triggers(List<FieldChange> changes, string[] template)
    {
        var prefix = string.Concat(template.Select(t => "/" + t));
        var names = changes.Select(c => c.Path.StartsWith(prefix, StringComparison.Ordinal) ? c.Path[(prefix.Length + 1)..] : c.Path).Distinct().ToList();
        return names.Count <= 3 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + $" and {names.Count - 3} more";
    }

    private static string FieldList(List<FieldChange> changes)
    {
        var names = changes.Select(c => c.Path.Length == 0 ? "/" : c.Path).Distinct().ToList();
        return names.Count <= 3 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + $" and {names.Count - 3} more";
    }

    private static string? UpdateStrategy(Manifest m) =>
        m.Kind == "Deployment" ? m.At("spec", "strategy", "type")?.String : m.At("spec", "updateStrategy", "type")?.String;

    private static string RolloutText(Manifest m) => m.Kind switch
    {
        "Deployment" when UpdateStrategy(m) == "Recreate" => $"every pod is deleted, then the new ones are created (Recreate, {ReplicasText(m)})",
        "Deployment" => $"a rolling update replaces every pod ({ReplicasText(m)})",
        "StatefulSet" => $"pods are replaced one ordinal at a time, highest first ({ReplicasText(m)})",
        "DaemonSet" => "the daemon pod on every node is replaced",
        _ => "its pods are replaced",
    };

    private static string ReplicasText(Manifest m)
    {
        var replicas = (m.At("spec", "replicas")?.Scalar)?.AsInt64();
        return replicas is null ? "1 replica by default" : replicas == 1 ? "1 replica" : replicas.Value.ToString(CultureInfo.InvariantCulture) + " replicas";
    }

    private static string Names(List<ObjectRef> refs) =>
        refs.Count == 0 ? "nothing" : string.Join(", ", refs.Select(r => r.Kind + "/" + r.Name));

    /// <summary>Problems reading a side, as the findings lint would report for them.</summary>
    public static IEnumerable<Diagnostic> ProblemDiagnostics(LoadResult side) =>
        side.Problems.Select(p => new Diagnostic(
            p.Kind switch
            {
                InputProblemKind.Syntax or InputProblemKind.Encoding => RuleIds.YamlSyntax,
                InputProblemKind.NestingLimit => RuleIds.YamlNestingLimit,
                _ => RuleIds.ManifestStructure,
            },
            p.Kind is InputProblemKind.Encoding or InputProblemKind.NestingLimit ? Severity.Warning : Severity.Error, p.Message, p.File.Path, p.Position.Line, p.Position.Column, null, null, p.Hint))
        .Order(Diagnostic.Order);
}
