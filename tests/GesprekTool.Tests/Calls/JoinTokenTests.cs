using GesprekTool.Calls;

namespace GesprekTool.Tests.Calls;

public sealed class JoinTokenTests
{
    [Fact]
    public void A_token_carries_256_random_bits_in_43_url_safe_characters()
    {
        var token = JoinToken.Create();
        Assert.Equal(43, token.Length);
        Assert.True(JoinToken.LooksValid(token));
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.True(JoinToken.RandomBytes * 8 >= 128);
    }

    [Fact]
    public void Tokens_do_not_repeat()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => JoinToken.Create()).ToHashSet();
        Assert.Equal(10_000, tokens.Count);
    }

    [Fact]
    public void Only_the_hash_is_stored_and_it_is_the_sha256_of_the_token()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", JoinToken.HashOf("hello"));
        var token = JoinToken.Create();
        Assert.DoesNotContain(token, JoinToken.HashOf(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Anything_that_cannot_be_a_token_is_refused_before_the_database(string? candidate) =>
        Assert.False(JoinToken.LooksValid(candidate));
}
