using KubePlan.Rules;
using KubePlan.Validation;

namespace KubePlan.Core.Tests.Rules.ApiValidation;

public class ValidationHelperTests
{
    [Theory]
    // apimachinery resource TestQuantityParse / TestQuantityCmp: equal values in different spellings.
    [InlineData("1Gi", "1073741824", 0)]
    [InlineData("1G", "1000M", 0)]
    [InlineData("0.5Gi", "512Mi", 0)]
    [InlineData("100m", "0.1", 0)]
    [InlineData("1e3", "1k", 0)]
    [InlineData("1E3", "1000", 0)]
    [InlineData("1.5", "1500m", 0)]
    [InlineData(".5", "500m", 0)]
    [InlineData("1.", "1", 0)]
    [InlineData("+1", "1", 0)]
    [InlineData("1n", "0.000000001", 0)]
    [InlineData("1u", "1000n", 0)]
    [InlineData("1Ei", "1152921504606846976", 0)]
    // Ordering without rounding.
    [InlineData("500m", "0.25", 1)]
    [InlineData("250m", "0.25001", -1)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("1e-3", "2m", -1)]
    public void Quantity_ComparesExactly(string left, string right, int expected)
    {
        Assert.True(Quantity.TryParse(left, out var a));
        Assert.True(Quantity.TryParse(right, out var b));
        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
    }

    [Theory]
    // apimachinery resource TestQuantityParseErrors.
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.1.1")]
    [InlineData("1 Gi")]
    [InlineData("1gi")]
    [InlineData("1KB")]
    [InlineData("Gi")]
    [InlineData("1Mi1")]
    [InlineData("1e")]
    [InlineData("0x10")]
    public void Quantity_RejectsMalformed(string text) => Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    // apimachinery util/validation TestIsValidPortName.
    [InlineData("telnet", true)]
    [InlineData("re-mail-ck", true)]
    [InlineData("pop3", true)]
    [InlineData("a", true)]
    [InlineData("a-1", true)]
    [InlineData("1-a", true)]
    [InlineData("a-b-c-d-e-f-g-h", true)]
    [InlineData("", false)]
    [InlineData("longerthan15characters", false)]
    [InlineData("12345", false)]
    [InlineData("1-2", false)]
    [InlineData("-begin", false)]
    [InlineData("end-", false)]
    [InlineData("two--hyphens", false)]
    [InlineData("whois++", false)]
    [InlineData("Http", false)]
    [InlineData("my_port", false)]
    public void PortName_IsAnIanaServiceName(string name, bool valid) => Assert.Equal(valid, IanaServiceName.Check(name) is null);

    [Theory]
    // core validation TestValidateEnv with RelaxedEnvironmentVariableValidation (GA 1.34, on from 1.32).
    [InlineData("abc", "1.36", true)]
    [InlineData("A_B.C-D", "1.36", true)]
    [InlineData("1st", "1.36", true)]
    [InlineData("with space", "1.36", true)]
    [InlineData("a=b", "1.36", false)]
    [InlineData("", "1.36", false)]
    [InlineData("tab\tname", "1.36", false)]
    [InlineData("é", "1.36", false)]
    // The same names before the gate (IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]*).
    [InlineData("abc", "1.31", true)]
    [InlineData("-.foo", "1.31", true)]
    [InlineData("1st", "1.31", false)]
    [InlineData("with space", "1.31", false)]
    public void EnvVarName_DependsOnVersion(string name, string version, bool valid)
    {
        Assert.True(KubernetesVersion.TryParse(version, out var v));
        Assert.Equal(valid, EnvVarName.Check(name, v) is null);
    }

    [Theory]
    // core validation TestValidateConfigMap / TestValidateSecret: IsConfigMapKey.
    [InlineData("app.properties", true)]
    [InlineData(".dockercfg", true)]
    [InlineData("tls.crt", true)]
    [InlineData("A_B-c", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("..data", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void ConfigMapKey(string key, bool valid) => Assert.Equal(valid, EnvVarName.ConfigMapKey(key) is null);
}
