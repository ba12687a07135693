using KubePlan.Validation;

namespace KubePlan.Core.Tests.Validation;

/// <summary>
/// The name grammars against apimachinery's own tables (util/validation/validation_test.go:
/// TestIsDNS1123Label, TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsQualifiedName, TestIsValidLabelValue).
/// </summary>
public class KubernetesNamesTests
{
    public static TheoryData<string, bool> DnsLabels => new()
    {
        { "a", true }, { "ab", true }, { "abc", true }, { "a1", true }, { "a-1", true }, { "a--1--2--b", true },
        { "0", true }, { "01", true }, { "012", true }, { "1a", true }, { "1-a", true }, { "1--a--b--2", true },
        { new string('a', 63), true },
        { "", false }, { "A", false }, { "ABC", false }, { "aBc", false }, { "A1", false }, { "A-1", false }, { "1-A", false },
        { "-", false }, { "a-", false }, { "-a", false }, { "1-", false }, { "-1", false },
        { "_", false }, { "a_", false }, { "_a", false }, { "a_b", false }, { "1_", false }, { "_1", false }, { "1_2", false },
        { ".", false }, { "a.", false }, { ".a", false }, { "a.b", false }, { "1.", false }, { ".1", false }, { "1.2", false },
        { " ", false }, { "a ", false }, { " a", false }, { "a b", false }, { "1 ", false }, { " 1", false }, { "1 2", false },
        { new string('a', 64), false },
        // Go's '$' is the end of the text: a trailing line break (a block scalar's) does not pass.
        { "a\n", false },
    };

    public static TheoryData<string, bool> DnsSubdomains => new()
    {
        { "a", true }, { "ab", true }, { "a1", true }, { "a-1", true }, { "a--1--2--b", true }, { "0", true }, { "1-a", true },
        { "a.a", true }, { "ab.a", true }, { "a--1--2--b.a", true }, { "a.1", true }, { "0.a", true }, { "1--a--b--2.1", true },
        { "a.b.c.d.e", true }, { "aa.bb.cc.dd.ee", true }, { "1.2.3.4.5", true }, { "11.22.33.44.55", true },
        { new string('a', 253), true },
        { "", false }, { "A", false }, { "aBc", false }, { "-", false }, { "a-", false }, { "-a", false },
        { "_", false }, { "a_b", false }, { ".", false }, { "a.", false }, { ".a", false }, { "a..b", false }, { "1..2", false },
        { " ", false }, { "a b", false }, { "A.a", false }, { "aB.a", false }, { "ab.A", false }, { "0.A", false },
        { "A.B.C.D.E", false }, { "a.B.c.d.e", false }, { "aa.bB.cc.dd.ee", false },
        { "a@b", false }, { "a,b", false }, { "a;b", false }, { "a:b", false }, { "a%b", false }, { "a?b", false }, { "a$b", false },
        { new string('a', 254), false },
        { "a.b\n", false },
    };

    public static TheoryData<string, bool> Dns1035Labels => new()
    {
        { "a", true }, { "ab", true }, { "abc", true }, { "a1", true }, { "a-1", true }, { "a--1--2--b", true },
        { new string('a', 63), true },
        { "", false }, { "A", false }, { "ABC", false }, { "aBc", false }, { "A1", false }, { "A-1", false }, { "1-A", false },
        { "-", false }, { "a-", false }, { "-a", false }, { "1-", false }, { "-1", false }, { "1", false }, { "1a", false }, { "1-a", false },
        { "_", false }, { "a_b", false }, { ".", false }, { "a.b", false }, { " ", false }, { "a b", false },
        { new string('a', 64), false },
        { "a\n", false },
    };

    public static TheoryData<string, bool> QualifiedNames => new()
    {
        { "simple", true }, { "now-with-dashes", true }, { "1-starts-with-num", true }, { "1234", true },
        { "simple/simple", true }, { "now-with-dashes/simple", true }, { "now-with-dashes/now-with-dashes", true },
        { "now.with.dots/simple", true }, { "now-with.dashes-and.dots/simple", true }, { "1-num.2-num/3-num", true },
        { "1234/5678", true }, { "1.2.3.4/5678", true }, { "Uppercase_Is_OK_123", true }, { "example.com/Uppercase_Is_OK_123", true },
        { "requests.storage-foo", true }, { new string('a', 63), true }, { new string('a', 253) + "/" + new string('b', 63), true },
        { "nospecialchars%^=@", false }, { "cantendwithadash-", false }, { "-cantstartwithadash-", false }, { "only/one/slash", false },
        { "Example.com/abc", false }, { "example_com/abc", false }, { "example.com/", false }, { "/simple", false },
        { new string('a', 64), false }, { new string('a', 254) + "/abc", false },
        { "app\n", false }, { "example.com\n/app", false },
    };

    public static TheoryData<string, bool> LabelValues => new()
    {
        { "simple", true }, { "now-with-dashes", true }, { "1-starts-with-num", true }, { "end-with-num-1", true }, { "1234", true },
        { new string('a', 63), true }, { "", true },
        { "nospecialchars%^=@", false }, { "Tama-nui-te-rā.is.Māori.sun", false }, { "\\backslashes\\are\\bad", false },
        { "-starts-with-dash", false }, { "ends-with-dash-", false }, { ".starts.with.dot", false }, { "ends.with.dot.", false },
        { new string('a', 64), false },
        { "web\n", false },
    };

    [Theory]
    [MemberData(nameof(DnsLabels))]
    public void DnsLabel_AcceptsWhatApimachineryAccepts(string value, bool valid) => Assert.Equal(valid, KubernetesNames.DnsLabel(value) is null);

    [Theory]
    [MemberData(nameof(DnsSubdomains))]
    public void DnsSubdomain_AcceptsWhatApimachineryAccepts(string value, bool valid) => Assert.Equal(valid, KubernetesNames.DnsSubdomain(value) is null);

    [Theory]
    [MemberData(nameof(Dns1035Labels))]
    public void Dns1035Label_AcceptsWhatApimachineryAccepts(string value, bool valid) => Assert.Equal(valid, KubernetesNames.Dns1035Label(value) is null);

    [Theory]
    [MemberData(nameof(QualifiedNames))]
    public void QualifiedName_AcceptsWhatApimachineryAccepts(string value, bool valid) => Assert.Equal(valid, KubernetesNames.QualifiedName(value) is null);

    [Theory]
    [MemberData(nameof(LabelValues))]
    public void LabelValue_AcceptsWhatApimachineryAccepts(string value, bool valid) => Assert.Equal(valid, KubernetesNames.LabelValue(value) is null);

    [Theory]
    // Which part of a qualified name is wrong, in the words the findings use.
    [InlineData("a/b/c", "a qualified name must consist of an optional DNS subdomain prefix and '/', followed by a name (e.g. 'example.com/MyName'); it has more than one '/'")]
    [InlineData("/a", "prefix part must not be empty")]
    [InlineData("Example.com/a", "prefix part must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')")]
    [InlineData("example.com/", "name part must not be empty")]
    [InlineData("example.com/-a", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')")]
    public void QualifiedName_SaysWhichPartIsWrong(string value, string message) => Assert.Equal(message, KubernetesNames.QualifiedName(value));
}
