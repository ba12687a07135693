using KubePlan.Manifests;

namespace KubePlan.Core.Tests.Manifests;

public class ScalarResolverTests
{
    // yaml.v2 resolve.go: the YAML 1.1 boolean and null words Kubernetes' decoder knows.
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData("y", true)]
    [InlineData("True", true)]
    [InlineData("no", false)]
    [InlineData("Off", false)]
    [InlineData("n", false)]
    [InlineData("FALSE", false)]
    public void Plain_Booleans_ResolveAsYaml11(string text, bool expected)
    {
        var (kind, value) = ScalarResolver.ResolvePlain(text);
        Assert.Equal(ScalarKind.Bool, kind);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    public void Plain_Nulls(string text) => Assert.Equal(ScalarKind.Null, ScalarResolver.ResolvePlain(text).Kind);

    // yaml.v2 resolve: underscores dropped, then strconv.ParseInt(s, 0, 64): leading 0 is octal.
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+5", 5L)]
    [InlineData("0777", 511L)]
    [InlineData("0o17", 15L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0b101", 5L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0", 0L)]
    public void Plain_Integers_FollowGoParseInt(string text, long expected)
    {
        var (kind, value) = ScalarResolver.ResolvePlain(text);
        Assert.Equal(ScalarKind.Int, kind);
        Assert.Equal(expected, value);
    }

    // What fails as an integer but matches yaml.v2's float pattern is a float ("0800" → 800.0).
    [Theory]
    [InlineData("0800", 800.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5", 1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("-2.", -2.0)]
    public void Plain_Floats(string text, double expected)
    {
        var (kind, value) = ScalarResolver.ResolvePlain(text);
        Assert.Equal(ScalarKind.Float, kind);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("v1")]
    [InlineData("0x")]
    [InlineData("500m")]
    [InlineData("1Gi")]
    [InlineData("12:30")]
    [InlineData("-")]
    [InlineData("2024-13-01")]
    public void Plain_Strings(string text) => Assert.Equal(ScalarKind.String, ScalarResolver.ResolvePlain(text).Kind);

    // yaml.v2 parseTimestamp: an unquoted YYYY-... value that parses becomes a timestamp, but decode.go
    // hands it to an interface{} as the text written, so its JSON is that text (checked with
    // `kubectl label --local -o json`, which prints "2001-12-14t21:59:43.10-05:00" unchanged).
    [Theory]
    [InlineData("2024-01-02")]
    [InlineData("2024-1-2")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("2001-12-14 21:59:43.10")]
    public void Plain_Timestamps_KeepTheirTextInJson(string text)
    {
        var mapping = (YMapping)Assert.Single(YamlStreamReader.Read(text + ": " + text).Documents).Root!;
        var entry = Assert.Single(mapping.Entries);
        Assert.Equal(ScalarKind.Timestamp, entry.Key.Kind);
        Assert.Equal(text, entry.Key.KeyText);
        Assert.Equal("\"" + text + "\"", ((YScalar)entry.Value).JsonText);
    }

    [Fact]
    public void Quoted_StaysString() => Assert.Equal(ScalarKind.String, ScalarResolver.Resolve("yes", plain: false, tag: null).Kind);

    [Fact]
    public void StrTag_StaysString() => Assert.Equal(ScalarKind.String, ScalarResolver.Resolve("123", plain: true, tag: "tag:yaml.org,2002:str").Kind);

    // A scalar read from YAML keeps its text and kind, and gives its value by resolving the text again:
    // the value must be exactly the one resolved when it was read, plain or tagged.
    [Theory]
    [InlineData("yes", null, true)]
    [InlineData("Off", null, true)]
    [InlineData("~", null, true)]
    [InlineData("0x1F", null, true)]
    [InlineData("0o17", null, true)]
    [InlineData("0777", null, true)]
    [InlineData("-1_000", null, true)]
    [InlineData("18446744073709551615", null, true)]
    [InlineData("-0.0", null, true)]
    [InlineData("1e3", null, true)]
    [InlineData(".inf", null, true)]
    [InlineData("-.Inf", null, true)]
    [InlineData(".NaN", null, true)]
    [InlineData("2024-01-02", null, true)]
    [InlineData("2024-01-02T03:04:05.123+02:00", null, true)]
    [InlineData("3", "float", true)]
    [InlineData("42", "int", false)]
    [InlineData("true", "bool", false)]
    [InlineData("2001-12-14 21:59:43.10", "timestamp", true)]
    [InlineData("aGVsbG8=", "binary", true)]
    [InlineData("", "null", false)]
    [InlineData("quoted 1", null, false)]
    public void ReadScalar_GivesTheValueResolvedWhenRead(string raw, string? tag, bool plain)
    {
        var written = (tag is null ? string.Empty : "!!" + tag + " ") + (plain ? raw : "\"" + raw + "\"");
        var root = (YMapping)YamlStreamReader.Read("a: " + written + "\n").Documents[0].Root!;
        var scalar = (YScalar)root["a"]!;
        var (kind, value) = ScalarResolver.Resolve(raw, plain, tag is null ? null : "tag:yaml.org,2002:" + tag);
        Assert.Equal(kind, scalar.Kind);
        Assert.Equal(value, scalar.Value);
        Assert.Equal(value?.GetType(), scalar.Value?.GetType());
        if (value is double d)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)scalar.Value!));
        }
    }

    // A scalar built with a value its text does not give (as from JSON) keeps that value.
    public static TheoryData<string, ScalarKind, object?> BuiltScalars() => new()
    {
        { "NaN", ScalarKind.Float, double.NaN },
        { "0", ScalarKind.Float, -0.0 },
        { "1", ScalarKind.Int, 2L },
        { "x", ScalarKind.Bool, true },
        { "2024-01-02", ScalarKind.Timestamp, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.FromHours(1)) },
        { "100000", ScalarKind.Float, 100000.0 },
        { "s", ScalarKind.String, "s" },
    };

    [Theory]
    [MemberData(nameof(BuiltScalars))]
    public void BuiltScalar_KeepsItsValue(string text, ScalarKind kind, object? value)
    {
        var scalar = new YScalar(default, text, kind, value, plain: true);
        Assert.Equal(text, scalar.Text);
        Assert.Equal(kind, scalar.Kind);
        Assert.Equal(value, scalar.Value);
        Assert.Equal(value?.GetType(), scalar.Value?.GetType());
        if (value is double d)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)scalar.Value!));
        }

        if (value is DateTimeOffset t)
        {
            Assert.True(t.EqualsExact((DateTimeOffset)scalar.Value!));
        }
    }
}
