using System.Numerics;
using KubePlan.Validation;

namespace KubePlan.Core.Tests.Validation;

/// <summary>
/// The quantity scanner against the edges of the pattern it replaced
/// (<c>^[+-]?[0-9]*(\.[0-9]*)?(suffix)?$</c>): the same numbers, the same rejections.
/// </summary>
public class QuantityScannerTests
{
    [Theory]
    // Exponent suffixes: a sign, and E alone is exa.
    [InlineData("1e+3", "1000", 0)]
    [InlineData("1E-3", "1", 3)]
    [InlineData("2E", "2000000000000000000", 0)]
    [InlineData("1.e3", "1000", 0)]
    // More digits than a long holds.
    [InlineData("12345678901234567890.5", "123456789012345678905", 1)]
    [InlineData("-0.5m", "-5", 4)]
    // The pattern's $ matched before one final newline (a block scalar's).
    [InlineData("128Mi\n", "134217728", 0)]
    public void TryParse_ReadsExactly(string text, string numerator, int scale)
    {
        Assert.True(Quantity.TryParse(text, out var quantity));
        Assert.Equal(BigInteger.Parse(numerator, System.Globalization.CultureInfo.InvariantCulture), quantity.Numerator);
        Assert.Equal(scale, quantity.Scale);
    }

    [Theory]
    [InlineData("1\n\n")]
    [InlineData("\n")]
    [InlineData("1e+")]
    [InlineData("1e1001")]
    [InlineData("1e-2147483648")] // int.MinValue: Math.Abs of it overflowed
    [InlineData("1e2147483648")]
    [InlineData("+")]
    [InlineData("1٣")]
    [InlineData("1Ki ")]
    public void TryParse_Rejects(string text) => Assert.False(Quantity.TryParse(text, out _));
}
