using System.Security.Cryptography;
using AsnBot.Privacy;
using AsnBot.Reports;
using AsnBot.Tests.Reports;

namespace AsnBot.Tests.Privacy;

/// <summary>Exports refuse a pseudonym key with less than 128 bits of randomness and say how to make one.</summary>
public sealed class PseudonymKeyTests
{
    [Theory]
    [InlineData("a-long-random-secret")] // the README's own placeholder, before this check
    [InlineData("cli-test-key-0123456789")]
    [InlineData("reliability-pseudonym-key-0123456789")]
    [InlineData("Tanjungbalai-Kota-Kerang-2026!!")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEF")]
    [InlineData("c2VjcmV0LWtleQ==")] // base64 of 10 bytes: 80 bits
    [InlineData("tanjungbalai-survey-key-for-2026")] // 32 characters of base64url, 24 bytes: but words
    [InlineData("kota-tanjung-balai-sumatera-utara")]
    [InlineData("kotakerangsurveikepuasan20272028")]
    [InlineData("00112233445566778899aabbccddee")] // hex of 15 bytes
    public void WeakKey_IsRefused_WithHowToMakeOne(string key)
    {
        var result = new ExportsOptionsValidator().Validate(null, new ExportsOptions { PseudonymKey = key });

        Assert.True(result.Failed);
        Assert.Contains("Exports:PseudonymKey is too weak", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 24", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedKeys_AreAccepted_Base64Base64UrlAndHex()
    {
        var validator = new ExportsOptionsValidator();
        for (var i = 0; i < 1_000; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(24);
            foreach (var key in new[]
            {
                Convert.ToBase64String(bytes),
                Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('='),
                Convert.ToHexString(bytes[..16]),
                Convert.ToHexStringLower(bytes),
            })
            {
                var result = validator.Validate(null, new ExportsOptions { PseudonymKey = key });
                Assert.True(result.Succeeded, $"{key}: {result.FailureMessage}");
            }
        }
    }

    [Fact]
    public void Reporter_AndRespondent_PseudonymsOfOnePerson_Differ()
    {
        var pseudonyms = new Pseudonymizer(CliHarness.Key);

        Assert.NotEqual(pseudonyms.ForResident(7_401_234_001), pseudonyms.ForReporter(7_401_234_001));
        Assert.Equal(pseudonyms.ForReporter(7_401_234_001), new Pseudonymizer(CliHarness.Key).ForReporter(7_401_234_001));
    }
}
