using AcuBot.Protocol.Auth;

namespace AcuBot.Protocol.Tests.Auth;

public class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("BEARER abc.def.ghi", "abc.def.ghi")]
    [InlineData("  Bearer abc.def.ghi  ", "abc.def.ghi")]
    public void The_token_is_read_from_a_bearer_header(string header, string expected) =>
        Assert.Equal(expected, BearerToken.FromHeader(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Basic abc")]
    [InlineData("Bearerabc")]
    [InlineData("Bearer\tabc")]
    [InlineData("Bearer abc def")]
    [InlineData("abc.def.ghi")]
    public void Anything_else_gives_no_token(string? header) =>
        Assert.Null(BearerToken.FromHeader(header));
}
