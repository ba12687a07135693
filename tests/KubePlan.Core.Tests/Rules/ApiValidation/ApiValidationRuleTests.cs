using KubePlan.Rules;

namespace KubePlan.Core.Tests.Rules.ApiValidation;

public class ApiValidationRuleTests
{
    private static int Count(string yaml) => RuleHarness.Findings(yaml, RuleIds.ApiValidation).Count;

    private static string Container(string fields) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
            - name: app
              image: app:1
        {{Indent(fields, 6)}}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => new string(' ', spaces) + l));

    [Theory]
    // TestValidatePorts / validateContainerPorts.
    [InlineData("ports: [{containerPort: 80}]", 0)]
    [InlineData("ports: [{containerPort: 65535, hostPort: 1}]", 0)]
    [InlineData("ports: [{containerPort: 0}]", 1)]
    [InlineData("ports: [{containerPort: 65536}]", 1)]
    [InlineData("ports: [{containerPort: 80, hostPort: 70000}]", 1)]
    [InlineData("ports: [{containerPort: 80, name: web}, {containerPort: 81, name: web}]", 1)]
    [InlineData("ports: [{containerPort: 80, name: toolongportname1}]", 1)]
    [InlineData("ports: [{containerPort: 80, protocol: HTTP}]", 0)] // the schema rule reports the enum; api-validation does not repeat it
    [InlineData("ports: [{containerPort: 80, hostPort: 80}, {containerPort: 81, hostPort: 80}]", 1)]
    [InlineData("ports: [{containerPort: 80, hostPort: 80}, {containerPort: 81, hostPort: 80, protocol: UDP}]", 0)]
    public void ContainerPorts(string fields, int findings) => Assert.Equal(findings, Count(Container(fields)));

    [Theory]
    // TestValidateEnv.
    [InlineData("env: [{name: A, value: x}]", 0)]
    [InlineData("env: [{name: A, value: '', valueFrom: {fieldRef: {fieldPath: metadata.name}}}]", 0)]
    [InlineData("env: [{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}, secretKeyRef: {name: s, key: k}}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {fieldRef: {fieldPath: spec.containers}}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {secretKeyRef: {key: k}}}]", 1)]
    [InlineData("env: [{name: A, valueFrom: {configMapKeyRef: {name: c, key: 'a/b'}}}]", 1)]
    [InlineData("envFrom: [{configMapRef: {name: c}, secretRef: {name: s}}]", 1)]
    [InlineData("envFrom: [{prefix: X_}]", 1)]
    public void Env(string fields, int findings) => Assert.Equal(findings, Count(Container(fields)));

    [Theory]
    // TestValidateProbe / TestValidateLifecycle (validateHandler).
    [InlineData("livenessProbe: {exec: {command: [true]}}", 0)]
    [InlineData("livenessProbe: {exec: {command: [true]}, successThreshold: 1}", 0)]
    [InlineData("livenessProbe: {exec: {command: [true]}, successThreshold: 3}", 1)]
    [InlineData("readinessProbe: {exec: {command: [true]}, successThreshold: 3}", 0)]
    [InlineData("readinessProbe: {exec: {command: [true]}, terminationGracePeriodSeconds: 10}", 1)]
    [InlineData("livenessProbe: {exec: {command: [true]}, terminationGracePeriodSeconds: 0}", 1)]
    [InlineData("livenessProbe: {periodSeconds: 5}", 1)]
    [InlineData("livenessProbe: {httpGet: {port: 80}, grpc: {port: 81}}", 1)]
    [InlineData("livenessProbe: {httpGet: {port: 0}}", 1)]
    [InlineData("livenessProbe: {httpGet: {port: Http}}", 1)]
    [InlineData("livenessProbe: {tcpSocket: {port: db}, timeoutSeconds: -1}", 1)]
    [InlineData("lifecycle: {preStop: {sleep: {seconds: 5}}}", 0)]
    [InlineData("lifecycle: {preStop: {}}", 1)]
    [InlineData("lifecycle: {postStart: {exec: {command: [a]}, httpGet: {port: 80}}}", 1)]
    public void Probes(string fields, int findings) => Assert.Equal(findings, Count(Container(fields)));

    [Theory]
    // TestValidateResourceRequirements.
    [InlineData("resources: {requests: {cpu: 100m, memory: 1Gi}, limits: {cpu: '0.1', memory: 1024Mi}}", 0)]
    // A request above its limit: requests-exceed-limits reports it, api-validation does not repeat it.
    [InlineData("resources: {requests: {cpu: 101m}, limits: {cpu: '0.1'}}", 0)]
    [InlineData("resources: {requests: {memory: 1Gi}, limits: {memory: 1G}}", 0)]
    [InlineData("resources: {requests: {storage: 1Gi}}", 1)]
    [InlineData("resources: {limits: {cpu: -1}}", 1)]
    [InlineData("resources: {limits: {cpu: 1 core}}", 0)] // the schema rule reports the quantity syntax
    [InlineData("resources: {limits: {example.com/gpu: 1}}", 0)]
    [InlineData("resources: {limits: {example.com/gpu: 0.5}}", 1)]
    [InlineData("resources: {requests: {example.com/gpu: 1}}", 1)]
    [InlineData("resources: {requests: {example.com/gpu: 1}, limits: {example.com/gpu: 2}}", 1)]
    [InlineData("resources: {limits: {hugepages-2Mi: 1Gi}}", 1)]
    [InlineData("resources: {limits: {hugepages-2Mi: 1Gi, memory: 2Gi}}", 0)]
    public void Resources(string fields, int findings) => Assert.Equal(findings, Count(Container(fields)));

    private static string Service(string spec) => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec: {{spec}}
        """;

    [Theory]
    // TestValidateService.
    [InlineData("{ports: [{port: 80}]}", 0)]
    [InlineData("{ports: [{port: 80, targetPort: 0}]}", 0)]
    [InlineData("{clusterIP: None}", 0)]
    [InlineData("{}", 1)]
    [InlineData("{ports: [{port: 80}, {port: 81}]}", 2)]
    [InlineData("{ports: [{name: a, port: 80}, {name: a, port: 81}]}", 1)]
    [InlineData("{ports: [{name: a, port: 80}, {name: b, port: 80}]}", 1)]
    [InlineData("{ports: [{name: a, port: 80}, {name: b, port: 80, protocol: UDP}]}", 0)]
    [InlineData("{ports: [{name: Web, port: 80}]}", 1)]
    [InlineData("{ports: [{port: 0}]}", 1)]
    [InlineData("{ports: [{port: 80, targetPort: 70000}]}", 1)]
    [InlineData("{ports: [{port: 80, nodePort: 30080}]}", 1)]
    [InlineData("{type: NodePort, ports: [{port: 80, nodePort: 30080}]}", 0)]
    [InlineData("{type: LoadBalancer, clusterIP: None, ports: [{port: 80}]}", 1)]
    [InlineData("{type: ExternalName, externalName: foo.bar.example.com}", 0)]
    [InlineData("{type: ExternalName, externalName: foo_bar}", 1)]
    [InlineData("{type: ExternalName, externalName: a.b, clusterIP: 10.0.0.1}", 1)]
    [InlineData("{externalTrafficPolicy: Local, ports: [{port: 80}]}", 1)]
    [InlineData("{clusterIP: not-an-ip, ports: [{port: 80}]}", 1)]
    public void Services(string spec, int findings) => Assert.Equal(findings, Count(Service(spec)));

    private static string Hpa(string spec) => $$"""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: h
        spec: {{spec}}
        """;

    [Theory]
    // TestValidateHorizontalPodAutoscaler.
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5}", 0)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 5, maxReplicas: 5}", 0)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 0, maxReplicas: 5}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 6, maxReplicas: 5}", 1)]
    [InlineData("{scaleTargetRef: {name: web}, maxReplicas: 5}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: a/b}, maxReplicas: 5}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, metrics: [{type: Pods, resource: {name: cpu}}]}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 0}}}]}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50, averageValue: 1}}}]}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, metrics: [{type: External, external: {metric: {name: q}, target: {type: Value, value: 0}}}]}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, behavior: {scaleDown: {stabilizationWindowSeconds: 3601}}}", 1)]
    [InlineData("{scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 5, behavior: {scaleUp: {policies: [{type: Pods, value: 0, periodSeconds: 1801}]}}}", 2)]
    public void HorizontalPodAutoscalers(string spec, int findings) => Assert.Equal(findings, Count(Hpa(spec)));

    [Theory]
    // TestValidatePodDisruptionBudgetSpec.
    [InlineData("{minAvailable: 1}", 0)]
    [InlineData("{maxUnavailable: 100%}", 0)]
    [InlineData("{}", 0)]
    [InlineData("{minAvailable: 1, maxUnavailable: 1}", 1)]
    [InlineData("{minAvailable: -1}", 1)]
    [InlineData("{minAvailable: 101%}", 1)]
    [InlineData("{maxUnavailable: '10'}", 1)]
    [InlineData("{unhealthyPodEvictionPolicy: Sometimes}", 1)]
    public void PodDisruptionBudgets(string spec, int findings) =>
        Assert.Equal(findings, Count($"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec: {spec}\n"));

    [Theory]
    // TestValidateDeployment (progressDeadlineSeconds, defaults) and TestValidateJob (restart policy, Indexed).
    [InlineData("apps/v1", "Deployment", "{minReadySeconds: 600}", "", 1)]
    [InlineData("apps/v1", "Deployment", "{minReadySeconds: 599}", "", 0)]
    [InlineData("apps/v1", "Deployment", "{minReadySeconds: 10, progressDeadlineSeconds: 10}", "", 1)]
    [InlineData("apps/v1", "ReplicaSet", "{replicas: -2}", "", 1)]
    [InlineData("apps/v1", "DaemonSet", "{revisionHistoryLimit: -1}", "restartPolicy: Never", 2)]
    [InlineData("batch/v1", "Job", "{}", "restartPolicy: Never", 0)]
    [InlineData("batch/v1", "Job", "{}", "", 1)]
    [InlineData("batch/v1", "Job", "{completionMode: Indexed, completions: 3}", "restartPolicy: OnFailure", 0)]
    [InlineData("batch/v1", "Job", "{completionMode: Indexed, completions: 100001}", "restartPolicy: Never", 1)]
    [InlineData("batch/v1", "Job", "{backoffLimitPerIndex: 1}", "restartPolicy: Never", 1)]
    [InlineData("batch/v1", "Job", "{maxFailedIndexes: 1}", "restartPolicy: Never", 1)]
    [InlineData("batch/v1", "Job", "{selector: {matchLabels: {a: b}}}", "restartPolicy: Never", 1)]
    [InlineData("batch/v1", "Job", "{selector: {matchLabels: {a: b}}, manualSelector: true}", "restartPolicy: Never", 0)]
    [InlineData("batch/v1", "Job", "{podFailurePolicy: {rules: []}}", "restartPolicy: OnFailure", 1)]
    public void WorkloadSpecs(string apiVersion, string kind, string spec, string podField, int findings)
    {
        var yaml = $$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata:
              name: w
            spec:
              {{spec[1..^1].Replace(", ", "\n  ", StringComparison.Ordinal)}}
              template:
                spec:
                  {{podField}}
                  containers:
                    - name: c
                      image: c:1
            """;
        Assert.Equal(findings, Count(yaml));
    }
}
