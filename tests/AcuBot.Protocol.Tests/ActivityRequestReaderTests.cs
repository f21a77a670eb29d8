using System.Text;
using AcuBot.Protocol.Http;

namespace AcuBot.Protocol.Tests;

public class ActivityRequestReaderTests
{
    private static ActivityReadResult Parse(string json) => ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\": 42}")]
    [InlineData("{\"type\":\"message\",\"from\":\"not an object\"}")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    public void Malformed_activities_are_400_with_an_error_body(string json)
    {
        var result = Parse(json);

        Assert.Null(result.Activity);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("BadArgument", result.Error!.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Error.Message));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"\\uD8Z0\"}")]
    [InlineData("{\"type\":\"message\",\"text\":\"\\uDCG0\"}")]
    public void An_escape_with_a_letter_that_is_not_hex_is_bad_json_not_half_a_surrogate(string json)
    {
        var result = Parse(json);

        Assert.Equal(400, result.StatusCode);
        Assert.StartsWith("The body is not a valid Activity JSON object", result.Error!.Error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":null,\"text\":\"hi\"}")]
    public void An_activity_without_a_type_is_refused(string json)
    {
        var result = Parse(json);

        Assert.Equal(400, result.StatusCode);
        Assert.Null(result.Activity);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_not_followed()
    {
        var deep = "{\"type\":\"message\",\"channelData\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.Equal(400, Parse(deep).StatusCode);
    }

    [Fact]
    public void A_well_formed_activity_is_read()
    {
        var result = Parse("""{"type":"conversationUpdate","membersAdded":[{"id":"u"}]}""");

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("u", Assert.Single(result.Activity!.MembersAdded!).Id);
    }
}
