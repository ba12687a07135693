using KubePlan.Manifests;
using KubePlan.Scheduling;

namespace KubePlan.Core.Tests.Manifests;

/// <summary>
/// The pod-template index's <c>Select</c>: which workloads a selector selects, with the labels the
/// controllers add to the pods they create, and the same answer as matching every workload one by one.
/// </summary>
public sealed class PodTemplateIndexSelectTests
{
    private const string Workloads = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web, tier: frontend}}
            spec: {containers: [{name: web, image: web:1.0}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db, tier: backend}}
            spec: {containers: [{name: db, image: db:1.0}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent:1.0}]}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          template:
            metadata: {labels: {app: migrate, tier: backend}}
            spec: {restartPolicy: Never, containers: [{name: migrate, image: web:1.0}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: report}}
                spec: {restartPolicy: Never, containers: [{name: report, image: report:1.0}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: tools, labels: {app: web}}
        spec: {containers: [{name: debug, image: busybox:1.36}]}
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: template-only}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: t, image: t:1.0}]}
        """;

    public static TheoryData<string, string> Selections() => new()
    {
        // Template labels (labels.SelectorFromSet / LabelSelectorAsSelector over the pod's labels).
        { "app=web", "Deployment/web=Yes" },
        { "tier=backend", "StatefulSet/db=Yes Job/migrate=Yes" },
        { "app=web,tier=backend", "" },
        { "tier in (frontend,backend)", "Deployment/web=Yes StatefulSet/db=Yes Job/migrate=Yes" },
        { "tier notin (backend)", "Deployment/web=Yes DaemonSet/agent=Yes CronJob/report=Yes" },
        { "tier", "Deployment/web=Yes StatefulSet/db=Yes Job/migrate=Yes" },
        { "!tier", "DaemonSet/agent=Yes CronJob/report=Yes" },
        { "<everything>", "Deployment/web=Yes StatefulSet/db=Yes DaemonSet/agent=Yes Job/migrate=Yes CronJob/report=Yes" },
        { "<none>", "" },

        // StatefulSet controller (stateful_set_utils.go initIdentity): pod-name <set>-<ordinal>, pod-index <ordinal>; per pod.
        { "statefulset.kubernetes.io/pod-name=db-0", "StatefulSet/db=Some" },
        { "statefulset.kubernetes.io/pod-name=db-12", "StatefulSet/db=Some" },
        { "statefulset.kubernetes.io/pod-name=db-01", "" },
        { "statefulset.kubernetes.io/pod-name=database-0", "" },
        { "app=db,apps.kubernetes.io/pod-index=2", "StatefulSet/db=Some" },
        { "statefulset.kubernetes.io/pod-name", "StatefulSet/db=Yes" },

        // Hashes and uids are chosen by the controllers (pod-template-hash, controller-revision-hash, controller-uid).
        { "app=web,pod-template-hash=5d8c7f9b4", "Deployment/web=Unknown" },
        { "app=agent,controller-revision-hash=abc", "DaemonSet/agent=Unknown" },
        { "app=db,controller-revision-hash=abc", "StatefulSet/db=Unknown" },

        // Job controller: batch.kubernetes.io/job-name and job-name carry the Job's name; a CronJob names each run's Job
        // <cronjob>-<scheduled time in minutes> (cronjob_controllerv2.go getJobName), so a name selects one run's pods.
        { "batch.kubernetes.io/job-name=migrate", "Job/migrate=Yes" },
        { "job-name=other", "" },
        { "job-name", "Job/migrate=Yes CronJob/report=Yes" },
        { "app=report,job-name=report-28000000", "CronJob/report=Some" },
        { "job-name=report-latest", "" },

        // A Deployment's pods carry no job-name: the label is not generated for it.
        { "app=web,job-name=web", "" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Select_GivesTheWorkloadsWhosePodsCarryTheLabels(string selector, string expected)
    {
        var set = Load(Workloads);
        var actual = set.PodTemplates.Select("default", Parse(selector))
            .Select(s => $"{s.Workload.Kind}/{s.Workload.Name}={s.Match}");
        Assert.Equal(expected, string.Join(" ", actual));
    }

    [Fact]
    public void Index_KeepsNamespacesApart_AndSkipsPodTemplatesAndRedefinitions()
    {
        var set = Load(Workloads + "\n---\n" + """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: other}}
              template:
                metadata: {labels: {app: other}}
                spec: {containers: [{name: web, image: web:1.0}]}
            """);
        Assert.True(set.PodTemplates.HasPods("tools"));
        Assert.False(set.PodTemplates.HasPods("edge"));
        Assert.Equal(["Pod/debug"], set.PodTemplates.Select("tools", Parse("app=web")).Select(s => s.Workload.Kind + "/" + s.Workload.Name));
        Assert.Empty(set.PodTemplates.Select("default", Parse("app=other")));
    }

    [Fact]
    public void Select_AgreesWithMatchingEveryWorkload_ForGeneratedSelectors()
    {
        // The index narrows by one label; the answer must be the one a scan over every workload gives.
        var set = Load(Workloads);
        string[] keys = ["app", "tier", "zone"];
        string[] values = ["web", "db", "agent", "migrate", "report", "frontend", "backend", "x"];
        var random = new Random(12);
        for (var i = 0; i < 500; i++)
        {
            var requirements = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var key = keys[random.Next(keys.Length)];
                var op = (SelectorOperator)random.Next(5);
                var vals = op is SelectorOperator.Exists or SelectorOperator.DoesNotExist ? []
                    : Enumerable.Range(0, op == SelectorOperator.Equals ? 1 : random.Next(1, 3)).Select(_ => values[random.Next(values.Length)]).ToList();
                return new LabelRequirement(key, op, vals);
            });
            var selector = LabelSelector.Of(requirements);
            var indexed = set.PodTemplates.Select("default", selector).Select(s => s.Workload).ToList();
            var scanned = set.PodTemplates.InNamespace("default").Where(w => PodTemplateIndex.Match(selector, w) != SelectorMatch.No).ToList();
            Assert.Equal(scanned, indexed);
            var byTemplate = set.PodTemplates.InNamespace("default").Where(w => selector.Matches(KubePlan.Manifests.Workloads.TemplateLabels(w))).ToList();
            Assert.Equal(byTemplate, set.PodTemplates.Selected("default", selector));
        }
    }

    private static ManifestSet Load(string yaml) => new(new ManifestLoader().LoadText("test.yaml", yaml).Manifests);

    /// <summary>A selector in kubectl's syntax, as LabelSelector.ToString writes it.</summary>
    private static LabelSelector Parse(string text)
    {
        if (text == "<none>")
        {
            return LabelSelector.Nothing;
        }

        if (text == "<everything>")
        {
            return LabelSelector.Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            if (part.Contains(" notin (", StringComparison.Ordinal) || part.Contains(" in (", StringComparison.Ordinal))
            {
                var notIn = part.Contains(" notin (", StringComparison.Ordinal);
                var key = part[..part.IndexOf(' ', StringComparison.Ordinal)];
                var values = part[(part.IndexOf('(', StringComparison.Ordinal) + 1)..^1].Split(',');
                requirements.Add(new LabelRequirement(key, notIn ? SelectorOperator.NotIn : SelectorOperator.In, values));
            }
            else if (part.Contains('=', StringComparison.Ordinal))
            {
                var (key, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                requirements.Add(new LabelRequirement(key, SelectorOperator.Equals, [value]));
            }
            else if (part.StartsWith('!'))
            {
                requirements.Add(new LabelRequirement(part[1..], SelectorOperator.DoesNotExist, []));
            }
            else
            {
                requirements.Add(new LabelRequirement(part, SelectorOperator.Exists, []));
            }
        }

        return LabelSelector.Of(requirements);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
