using KubePlan.Manifests;
using KubePlan.Reporting;

namespace KubePlan.Core.Tests.Reporting;

/// <summary>The escaping each format needs, as tables.</summary>
public class ReportEscapingTests
{
    [Theory]
    // actions/toolkit escapeData: %, CR, LF.
    [InlineData("plain", "plain")]
    [InlineData("100%", "100%25")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    [InlineData("a:b,c", "a:b,c")]
    [InlineData("%0A", "%250A")]
    public void GitHub_EscapeData(string text, string expected) => Assert.Equal(expected, GitHubReportWriter.EscapeData(text));

    [Theory]
    // actions/toolkit escapeProperty: escapeData plus : and ,.
    [InlineData("k8s/web.yaml", "k8s/web.yaml")]
    [InlineData("HEAD:k8s/a,b.yaml", "HEAD%3Ak8s/a%2Cb.yaml")]
    [InlineData("50%\n", "50%25%0A")]
    public void GitHub_EscapeProperty(string text, string expected) => Assert.Equal(expected, GitHubReportWriter.EscapeProperty(text));

    [Theory]
    [InlineData("k8s/web.yaml", "k8s/web.yaml", true)]
    [InlineData("<stdin>", "%3Cstdin%3E", true)]
    [InlineData("HEAD:k8s/web.yaml", "HEAD%3Ak8s/web.yaml", true)]
    [InlineData("my dir/web.yaml", "my%20dir/web.yaml", true)]
    [InlineData("/srv/k8s/web.yaml", "file:///srv/k8s/web.yaml", false)]
    public void Sarif_FileUri(string path, string uri, bool relative) => Assert.Equal((uri, relative), SarifReportWriter.FileUri(path));

    [Theory]
    [InlineData("apps/v1", "Deployment", "shop", "web", "Deployment.apps/shop/web")]
    [InlineData("v1", "Namespace", null, "shop", "Namespace/shop")]
    [InlineData(null, null, null, null, "object/?")]
    public void Sarif_FullyQualifiedName(string? apiVersion, string? kind, string? ns, string? name, string expected) =>
        Assert.Equal(expected, SarifReportWriter.FullyQualifiedName(new ObjectRef(apiVersion, kind, ns, name)));

    [Theory]
    [InlineData("ok <&>", "ok <&>")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    [InlineData("pair\uD83D\uDE00", "pair\uD83D\uDE00")]
    public void JUnit_ReplacesWhatXmlCannotHold(string text, string expected) => Assert.Equal(expected, JUnitReportWriter.Clean(text));

    // Attribute arguments cannot carry a lone surrogate intact, so this case builds its string in code.
    [Fact]
    public void JUnit_ReplacesALoneSurrogate() =>
        Assert.Equal("lone\uFFFDsurrogate", JUnitReportWriter.Clean("lone" + (char)0xD800 + "surrogate"));
}
