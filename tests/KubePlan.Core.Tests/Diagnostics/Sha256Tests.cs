using System.Security.Cryptography;
using System.Text;
using KubePlan.Diagnostics;

namespace KubePlan.Core.Tests.Diagnostics;

/// <summary>The managed SHA-256 behind fingerprints gives the standard digest.</summary>
public class Sha256Tests
{
    [Theory]
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf").
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Hash_GivesTheStandardDigest(string text, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Sha256.Hash(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void Hash_MatchesTheFrameworkAtEveryPaddingBoundary()
    {
        // Lengths around the block (64) and the length field (56) boundaries, one and two blocks of tail.
        for (var length = 0; length <= 260; length++)
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + length)).ToArray();
            Assert.Equal(SHA256.HashData(data), Sha256.Hash(data));
        }
    }

    [Fact]
    public void Hash_MatchesTheFrameworkOnAFingerprintKey()
    {
        var key = Encoding.UTF8.GetBytes("schema\napps\nDeployment\nshop\nwéb\n/spec/template/spec/containers/name=web/image\nweb");
        Assert.Equal(SHA256.HashData(key), Sha256.Hash(key));
    }
}
