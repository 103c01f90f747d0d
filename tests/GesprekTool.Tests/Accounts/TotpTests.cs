using System.Text;
using GesprekTool.Accounts;
using Base32Encoding = OtpNet.Base32Encoding;
using OtpHashMode = OtpNet.OtpHashMode;

namespace GesprekTool.Tests.Accounts;

/// <summary>RFC 6238 appendix B test vectors (8 digits), and the rules around them.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixTime, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));

        Assert.Equal(sha1, Totp.Code(Sha1Seed, step, 8));
        Assert.Equal(sha256, Totp.Code(Sha256Seed, step, 8, OtpHashMode.Sha256));
        Assert.Equal(sha512, Totp.Code(Sha512Seed, step, 8, OtpHashMode.Sha512));
    }

    [Fact]
    public void A_code_from_the_previous_or_next_step_is_accepted_for_clock_drift_but_not_two_steps_away()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = Totp.StepAt(now);

        Assert.Equal(step - 1, Totp.Verify(Sha1Seed, Totp.Code(Sha1Seed, step - 1), now, null));
        Assert.Equal(step + 1, Totp.Verify(Sha1Seed, Totp.Code(Sha1Seed, step + 1), now, null));
        Assert.Null(Totp.Verify(Sha1Seed, Totp.Code(Sha1Seed, step - 2), now, null));
    }

    [Fact]
    public void A_code_is_used_once()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var code = Totp.Code(Sha1Seed, Totp.StepAt(now));
        var used = Totp.Verify(Sha1Seed, code, now, null);

        Assert.NotNull(used);
        Assert.Null(Totp.Verify(Sha1Seed, code, now, used));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("abcdef")]
    public void Nonsense_is_no_code(string typed) =>
        Assert.Null(Totp.Verify(Sha1Seed, typed, DateTimeOffset.UtcNow, null));

    [Fact]
    public void Spaces_in_a_typed_code_are_ignored()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var code = Totp.Code(Sha1Seed, Totp.StepAt(now));
        Assert.NotNull(Totp.Verify(Sha1Seed, code[..3] + " " + code[3..], now, null));
    }

    [Fact]
    public void A_new_secret_is_160_bits_and_shown_without_padding()
    {
        var secret = Totp.NewSecret();
        Assert.Equal(20, secret.Length);
        var shown = Base32Encoding.ToString(secret);
        Assert.Equal(32, shown.Length);
        Assert.Equal(secret, Base32Encoding.ToBytes(shown));
    }

    [Fact]
    public void The_enrolment_address_carries_the_secret_in_base32_and_the_issuer()
    {
        var uri = Totp.EnrolmentUri("GesprekTool", "sanne", Sha1Seed);
        Assert.Equal("otpauth://totp/GesprekTool:sanne?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GesprekTool&algorithm=SHA1&digits=6&period=30", uri);
    }
}
