using KubePlan.Diagnostics;
using KubePlan.Rules;
using KubePlan.Rules.Configuration;
using KubePlan.Rules.Images;

namespace KubePlan.Core.Tests.Rules;

/// <summary>The image, resource, probe, env, job and availability rules: edge cases beyond their fixtures.</summary>
public class WorkloadPracticeRuleTests
{
    private static string Pod(string container, string spec = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          {{spec}}
          containers:
            - name: c
              {{container}}
        """;

    [Theory]
    // Image references as the runtime reads them (distribution/reference): a port is not a tag.
    [InlineData("nginx", "nginx", null, null, true)]
    [InlineData("nginx:latest", "nginx", "latest", null, true)]
    [InlineData("nginx:1.27", "nginx", "1.27", null, false)]
    [InlineData("registry:5000/team/app", "registry:5000/team/app", null, null, true)]
    [InlineData("registry:5000/team/app:2", "registry:5000/team/app", "2", null, false)]
    [InlineData("app@sha256:abc", "app", null, "sha256:abc", false)]
    [InlineData("app:latest@sha256:abc", "app", "latest", "sha256:abc", false)]
    internal void ImageReference_SplitsAsTheRuntimeDoes(string image, string repository, string? tag, string? digest, bool latest)
    {
        var parsed = ImageReference.Parse(image);
        Assert.Equal((repository, tag, digest, latest), (parsed.Repository, parsed.Tag, parsed.Digest, parsed.IsLatest));
    }

    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("github_token", true)]
    [InlineData("CLIENT_SECRET", true)]
    [InlineData("STRIPE_API_KEY", true)]
    [InlineData("SECRET_KEY_BASE", true)]
    [InlineData("DB_PASSWORD_FILE", false)]
    [InlineData("TOKEN_URL", false)]
    [InlineData("SECRET_NAME", false)]
    [InlineData("AWS_ACCESS_KEY_ID", false)]
    [InlineData("MONKEY", false)]
    [InlineData("KEYCLOAK_REALM", false)]
    public void SecretInEnv_NamePatterns(string name, bool credential) =>
        Assert.Equal(credential, SecretInEnvRule.LooksLikeCredential(name));

    [Fact]
    public void RequestsExceedLimits_IsOneErrorFinding_NotRepeatedByApiValidation()
    {
        var report = RuleHarness.Lint(Pod("image: app:1.0.0\n      resources: {requests: {cpu: 200m}, limits: {cpu: 100m}}"));
        var finding = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(RuleIds.RequestsExceedLimits, finding.RuleId);
    }

    [Theory]
    // A name the container does not declare fails every probe (kubelet FindPortByName): an error.
    [InlineData("ports: [{name: http, containerPort: 80}]\n      readinessProbe: {httpGet: {port: web}}", Severity.Error)]
    // A number is probed on the pod IP whether declared or not: a hint only.
    [InlineData("ports: [{name: http, containerPort: 80}]\n      readinessProbe: {httpGet: {port: 8080}}", Severity.Info)]
    public void ProbePortNotExposed_NamesAreErrors_NumbersAreHints(string fields, Severity severity)
    {
        var finding = Assert.Single(RuleHarness.Findings(Pod("image: app:1.0.0\n      " + fields), RuleIds.ProbePortNotExposed));
        Assert.Equal(severity, finding.Severity);
    }

    [Theory]
    // SetDefaults_Probe and SetDefaults_HTTPGetAction fill these in before the probes are compared.
    [InlineData("{httpGet: {port: 80}}", "{httpGet: {port: 80, path: /, scheme: HTTP}, periodSeconds: 10, timeoutSeconds: 1}", 1)]
    [InlineData("{tcpSocket: {port: 80}}", "{tcpSocket: {port: 80}, failureThreshold: 3, successThreshold: 1, initialDelaySeconds: 0}", 1)]
    [InlineData("{tcpSocket: {port: 80}}", "{tcpSocket: {port: 80}, failureThreshold: 5}", 0)]
    [InlineData("{httpGet: {port: 80, path: /a}}", "{httpGet: {port: 80, path: /b}}", 0)]
    public void IdenticalProbes_ComparesWithDefaults(string readiness, string liveness, int findings) =>
        Assert.Equal(findings, RuleHarness.Findings(Pod($"image: app:1.0.0\n      readinessProbe: {readiness}\n      livenessProbe: {liveness}"), RuleIds.IdenticalProbes).Count);

    private static string CronJob(string schedule, string spec, string jobSpec) => $$"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: c
        spec:
          schedule: "{{schedule}}"
          {{spec}}
          jobTemplate:
            spec:
              {{jobSpec}}
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: c, image: c:1.0.0}]
        """;

    [Theory]
    [InlineData("*/10 * * * *", "", "activeDeadlineSeconds: 600", 0)]   // exactly the interval: no overlap
    [InlineData("*/10 * * * *", "", "activeDeadlineSeconds: 601", 1)]
    [InlineData("@every 1h", "", "activeDeadlineSeconds: 7200", 1)]
    [InlineData("0 9 * * 1-5", "", "activeDeadlineSeconds: 86400", 0)] // a day, then three over the weekend
    [InlineData("0 9 * * *", "concurrencyPolicy: Replace", "activeDeadlineSeconds: 172800", 0)]
    [InlineData("0 9 * * *", "startingDeadlineSeconds: 9", "", 1)]
    [InlineData("0 9 * * *", "startingDeadlineSeconds: 10", "", 0)]
    public void CronJobConcurrency_Table(string schedule, string spec, string jobSpec, int findings) =>
        Assert.Equal(findings, RuleHarness.Findings(CronJob(schedule, spec, jobSpec), RuleIds.CronJobConcurrency).Count);

    [Theory]
    // The issue's defaults: warnings on by default, opinionated checks off (strict only), correctness everywhere.
    [InlineData(RuleIds.LatestTag, true)]
    [InlineData(RuleIds.MissingRequests, true)]
    [InlineData(RuleIds.IdenticalProbes, true)]
    [InlineData(RuleIds.DuplicateEnv, true)]
    [InlineData(RuleIds.SecretInEnv, true)]
    [InlineData(RuleIds.JobTtl, true)]
    [InlineData(RuleIds.CronJobConcurrency, true)]
    [InlineData(RuleIds.ProbePortNotExposed, true)]
    [InlineData(RuleIds.RequestsExceedLimits, true)]
    [InlineData(RuleIds.ImagePullPolicy, false)]
    [InlineData(RuleIds.MissingLimits, false)]
    [InlineData(RuleIds.NoLivenessProbe, false)]
    [InlineData(RuleIds.SingleReplica, false)]
    [InlineData(RuleIds.JobNoDeadline, false)]
    [InlineData(RuleIds.NoAntiAffinity, false)]
    [InlineData(RuleIds.PriorityClass, false)]
    [InlineData(RuleIds.RecommendedLabels, false)]
    public void Defaults_FollowTheIssue(string id, bool onByDefault)
    {
        var info = RuleCatalog.Find(id)!.Info;
        Assert.Equal(onByDefault, info.OnByDefault);
        Assert.True(info.Profiles.HasFlag(RuleProfiles.Strict));
    }

    [Fact]
    public void OffByDefaultRules_StayQuiet_UnlessTheConfigurationNamesThem()
    {
        var yaml = Pod("image: app:1.0.0\n      resources: {requests: {cpu: 10m, memory: 10Mi}}");
        Assert.DoesNotContain(RuleHarness.Lint(yaml).Diagnostics, d => d.RuleId == RuleIds.MissingLimits);
        var options = new LintOptions { SeverityOverrides = new Dictionary<string, Severity> { [RuleIds.MissingLimits] = Severity.Error } };
        Assert.Contains(RuleHarness.Lint(yaml, options).Diagnostics, d => d.RuleId == RuleIds.MissingLimits && d.Severity == Severity.Error);
    }
}
