using KubePlan.Schema;
using KubePlan.Rules;

namespace KubePlan.Core.Tests.Schema;

public class ApiVersionCatalogTests
{
    [Theory]
    // Rows pin the Kubernetes Deprecated API Migration Guide.
    [InlineData("batch/v1beta1", "CronJob", "1.21", "1.25", "batch/v1")]
    [InlineData("extensions/v1beta1", "Deployment", "1.9", "1.16", "apps/v1")]
    [InlineData("apps/v1beta2", "StatefulSet", "1.9", "1.16", "apps/v1")]
    [InlineData("extensions/v1beta1", "Ingress", "1.14", "1.22", "networking.k8s.io/v1")]
    [InlineData("networking.k8s.io/v1beta1", "Ingress", "1.19", "1.22", "networking.k8s.io/v1")]
    [InlineData("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.16", "1.22", "apiextensions.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.17", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.24", "1.27", "storage.k8s.io/v1")]
    [InlineData("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.23", "1.26", "autoscaling/v2")]
    [InlineData("policy/v1beta1", "PodDisruptionBudget", "1.21", "1.25", "policy/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "1.29", "1.32", "flowcontrol.apiserver.k8s.io/v1")]
    public void Lookup_ReturnsTheLifecycle(string apiVersion, string kind, string deprecatedIn, string removedIn, string replacement)
    {
        var entry = ApiVersionCatalog.Lookup(apiVersion, kind);
        Assert.NotNull(entry);
        Assert.Equal(KubernetesVersion.Parse(deprecatedIn), entry.DeprecatedIn);
        Assert.Equal(KubernetesVersion.Parse(removedIn), entry.RemovedIn);
        Assert.Equal(replacement, entry.ReplacementApiVersion);
        Assert.Equal(apiVersion, entry.ApiVersion);
        Assert.StartsWith(ApiVersionCatalog.MigrationGuide, entry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_CronJobBetaByGroupVersionKind()
    {
        var entry = ApiVersionCatalog.Lookup("batch", "v1beta1", "CronJob");
        Assert.NotNull(entry);
        Assert.True(entry.IsRemovedIn(KubernetesVersion.Parse("1.25")));
        Assert.False(entry.IsRemovedIn(KubernetesVersion.Parse("1.24")));
        Assert.True(entry.IsDeprecatedButServedIn(KubernetesVersion.Parse("1.24")));
        Assert.False(entry.IsDeprecatedButServedIn(KubernetesVersion.Parse("1.20")));
        Assert.Equal("batch/v1", entry.ReplacementApiVersion);
    }

    [Theory]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("v1", "Pod")]
    [InlineData("batch/v1beta1", "cronjob")]
    [InlineData("not/an/apiVersion", "CronJob")]
    public void Lookup_ReturnsNull_ForCurrentOrUnknownApis(string apiVersion, string kind)
    {
        Assert.Null(ApiVersionCatalog.Lookup(apiVersion, kind));
        Assert.False(ApiVersionCatalog.IsRemovedIn(apiVersion, kind, KubernetesVersion.Parse("1.36")));
    }

    [Fact]
    public void PodSecurityPolicy_HasNoReplacement()
    {
        Assert.Null(ApiVersionCatalog.Lookup("policy", "v1beta1", "PodSecurityPolicy")!.ReplacementApiVersion);
    }

    [Fact]
    public void Catalogue_IsConsistent()
    {
        foreach (var entry in ApiVersionCatalog.All)
        {
            Assert.True(entry.DeprecatedIn < entry.RemovedIn, entry.ApiVersion + " " + entry.Kind);
            Assert.EndsWith(".", entry.Note, StringComparison.Ordinal);
            if (entry.ReplacementApiVersion is { } replacement)
            {
                // Every replacement is served by the schemas this build ships.
                Assert.True(KubernetesSchemas.Default.Contains(replacement, entry.Kind), $"{replacement} {entry.Kind}");
            }
        }
    }

    [Theory]
    [InlineData("1.25", 1, 25)]
    [InlineData("v1.32", 1, 32)]
    [InlineData("1.29.3", 1, 29)]
    public void KubeVersion_Parses(string text, int major, int minor)
    {
        var parsed = KubernetesVersion.Parse(text);
        Assert.Equal((major, minor), (parsed.Major, parsed.Minor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.x")]
    [InlineData("1.2.3.4")]
    public void KubeVersion_Rejects(string text)
    {
        Assert.False(KubernetesVersion.TryParse(text, out _));
    }
}
