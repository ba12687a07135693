using KubePlan.Diagnostics;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules.References;

/// <summary>Severities, positions and exemptions of the cross-object reference rules, beyond what the fixtures pin.</summary>
public sealed class ReferenceRuleTests
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: web:1.0
                  ports: [{name: http, containerPort: 8080}]
        """;

    public static TheoryData<string, Severity?> TargetPorts() => new()
    {
        // podutil.FindPort: a name must match a container port's name and protocol; a number is used as is.
        { "targetPort: http", null },
        { "targetPort: web", Severity.Error },
        { "{targetPort: http, protocol: UDP}", Severity.Error },
        { "targetPort: 8080", null },
        { "targetPort: 9090", Severity.Warning },
        { "{}", Severity.Warning }, // defaults to port 80, not declared
    };

    [Theory]
    [MemberData(nameof(TargetPorts))]
    public void ServiceTargetPort_ErrsOnAMissingName_AndWarnsOnAnUndeclaredNumber(string port, Severity? expected)
    {
        var field = port.StartsWith('{') ? port[1..^1] : port;
        var yaml = Web + $$"""

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80{{(field.Length == 0 ? string.Empty : ", " + field)}}}]
            """;
        var findings = RuleHarness.Findings(yaml, RuleIds.ServiceTargetPort);
        Assert.Equal(expected, findings.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void DanglingService_SaysNothing_WhenTheSelectorIsInvalid()
    {
        // A finding caused by another finding is not reported again: selector-invalid reports the key.
        var yaml = Web + """

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {"bad key!": web}
              ports: [{port: 80}]
            """;
        Assert.Empty(RuleHarness.Findings(yaml, RuleIds.DanglingService));
        Assert.NotEmpty(RuleHarness.Findings(yaml, RuleIds.SelectorInvalid));
    }

    [Fact]
    public void DanglingService_ReportsAServiceDefinedTwice_Once()
    {
        const string service = """
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api}
              ports: [{port: 80}]
            """;
        var findings = RuleHarness.Findings(Web + "\n---\n" + service + "\n---\n" + service, RuleIds.DanglingService);
        Assert.Equal(18, Assert.Single(findings).Line);
    }

    [Fact]
    public void DanglingPdb_SharedPodsAreAnError_AndNoPodsAWarning_AtTheSelector()
    {
        var yaml = Web + """

            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: a}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: b}
            spec:
              maxUnavailable: 1
              selector: {}
            ---
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: c}
            spec:
              maxUnavailable: 1
              selector: {}
            """;
        var findings = RuleHarness.Findings(yaml, RuleIds.DanglingPdb);

        // policy/v1: {} selects every pod, so a and b share web's pods; policy/v1beta1: {} selects none.
        Assert.Equal(
            [(19, Severity.Error, "/spec/selector"), (26, Severity.Error, "/spec/selector"), (33, Severity.Warning, "/spec/selector")],
            findings.Select(f => (f.Line, f.Severity, f.Path!)).ToList());
        Assert.Contains("policy/v1beta1", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingReference_TrustsSecretsOtherObjectsCreate_AndWarnsOnPullSecrets()
    {
        const string yaml = """
            apiVersion: v1
            kind: Secret
            metadata: {name: other}
            ---
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata: {name: sealed}
            ---
            apiVersion: external-secrets.io/v1beta1
            kind: ExternalSecret
            metadata: {name: external}
            spec:
              target: {name: from-vault}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              imagePullSecrets: [{name: registry}]
              containers:
                - name: app
                  image: app:1.0
                  envFrom: [{secretRef: {name: sealed}}, {secretRef: {name: from-vault}}, {secretRef: {name: external}}]
            """;
        var findings = RuleHarness.Findings(yaml, RuleIds.MissingReference);

        // The ExternalSecret writes spec.target.name, not its own name.
        Assert.Equal([(19, Severity.Warning), (23, Severity.Error)], findings.Select(f => (f.Line, f.Severity)).ToList());
        Assert.Contains("\"external\"", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DanglingHpa_AcceptsAPodLevelRequest_AndReadsV2beta1Utilization()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  resources: {requests: {cpu: "1"}}
                  containers: [{name: web, image: web:1.0}]
            ---
            apiVersion: autoscaling/v2beta1
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 4
              metrics:
                - type: Resource
                  resource: {name: cpu, targetAverageUtilization: 50}
                - type: Resource
                  resource: {name: memory, targetAverageUtilization: 50}
            """;
        var finding = Assert.Single(RuleHarness.Findings(yaml, RuleIds.DanglingHpa));
        Assert.Equal(22, finding.Line);
        Assert.Contains("memory", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatefulSetService_MissingIsAnError_NotHeadlessAWarning()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: a}
            spec:
              serviceName: none
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec: {containers: [{name: a, image: a:1.0}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: b}
            spec:
              serviceName: b
              selector: {matchLabels: {app: b}}
              template:
                metadata: {labels: {app: b}}
                spec: {containers: [{name: b, image: b:1.0}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b}
            spec:
              selector: {app: b}
              ports: [{port: 80}]
            """;
        var findings = RuleHarness.Findings(yaml, RuleIds.StatefulSetService);
        Assert.Equal([(5, Severity.Error), (15, Severity.Warning)], findings.Select(f => (f.Line, f.Severity)).ToList());
    }
}
