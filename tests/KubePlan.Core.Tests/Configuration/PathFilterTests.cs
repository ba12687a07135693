using KubePlan.Configuration;
using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Configuration;

public class PathFilterTests
{
    [Theory]
    // No globs: everything.
    [InlineData("", "", "k8s/web.yaml", true)]
    // exclude: a folder covers what is in it; a glob without a slash matches at any depth.
    [InlineData("", "k8s/vendor", "k8s/vendor/a/b.yaml", false)]
    [InlineData("", "k8s/vendor", "k8s/web.yaml", true)]
    [InlineData("", "k8s/vendor/**", "k8s/vendor/a.yaml", false)]
    [InlineData("", "*.tmpl.yaml", "charts/web/deploy.tmpl.yaml", false)]
    [InlineData("", "*.tmpl.yaml", "charts/web/deploy.yaml", true)]
    [InlineData("", "/web.yaml", "k8s/web.yaml", true)]        // a leading slash anchors at the config's folder
    [InlineData("", "/web.yaml", "web.yaml", false)]
    [InlineData("", "charts/*/templates", "charts/web/templates/d.yaml", false)]
    // include: only what matches, then exclude wins.
    [InlineData("k8s/**", "", "k8s/web.yaml", true)]
    [InlineData("k8s/**", "", "docs/web.yaml", false)]
    [InlineData("k8s", "k8s/test", "k8s/test/a.yaml", false)]
    [InlineData("*.yaml", "", "k8s/a.json", false)]
    public void Includes_FollowsTheGlobs(string include, string exclude, string file, bool expected)
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var filter = new PathFilter(root, Split(include), Split(exclude));
        Assert.Equal(expected, filter.Includes(Path.Combine(root, file)));
    }

    [Fact]
    public void Includes_NeverFiltersStdinOrFilesOutsideTheConfigFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var filter = new PathFilter(root, ["k8s/**"], ["**"]);
        Assert.True(filter.Includes(ManifestLoader.StdinPath));
        Assert.True(filter.Includes(Path.Combine(Path.GetTempPath(), "elsewhere", "a.yaml")));
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split(' ');
}

public class ObjectPatternTests
{
    [Theory]
    [InlineData("Deployment/shop/web", "apps/v1", "Deployment", "shop", "web", true)]
    [InlineData("deployment/shop/web", "apps/v1", "Deployment", "shop", "web", true)]   // kinds match as kubectl accepts them
    [InlineData("Deployment/shop/web", "apps/v1", "Deployment", "prod", "web", false)]
    [InlineData("Deployment/*/web-*", "apps/v1", "Deployment", "prod", "web-1", true)]
    [InlineData("Deployment/*/web-*", "apps/v1", "StatefulSet", "prod", "web-1", false)]
    [InlineData("Deployment.apps/*/web", "apps/v1", "Deployment", "prod", "web", true)]
    [InlineData("Deployment.extensions/*/web", "apps/v1", "Deployment", "prod", "web", false)]
    [InlineData("*/shop/*", "v1", "Service", "shop", "web", true)]
    // kind/name: cluster-scoped objects only.
    [InlineData("ClusterRole/admin-*", "rbac.authorization.k8s.io/v1", "ClusterRole", null, "admin-view", true)]
    [InlineData("Deployment/web", "apps/v1", "Deployment", "default", "web", false)]
    [InlineData("ClusterRole/*/admin", "rbac.authorization.k8s.io/v1", "ClusterRole", null, "admin", false)]
    public void Matches(string pattern, string apiVersion, string kind, string? ns, string name, bool expected) =>
        Assert.Equal(expected, ObjectPattern.Parse(pattern).Matches(new ObjectRef(apiVersion, kind, ns, name)));
}
