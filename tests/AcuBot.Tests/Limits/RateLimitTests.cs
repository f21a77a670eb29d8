using System.Net;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Limits;

public class RateLimitTests
{
    [Fact]
    public async Task A_conversation_over_its_limit_gets_429_with_retry_after_while_others_go_on()
    {
        await using var server = await BotServer.StartAsync("--Limits:MessagesPerMinutePerConversation=3");

        for (var i = 0; i < 3; i++)
            await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?", conversationId: "busy"));
        using var refused = await server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?", conversationId: "busy"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("TooManyRequests", (await refused.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        var other = await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?", conversationId: "calm"));
        Assert.Single(other);
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_across_conversations()
    {
        await using var server = await BotServer.StartAsync("--Limits:MessagesPerMinutePerAddress=4");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies("hi", conversationId: $"c{i}"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Tokens_and_open_streams_are_capped_per_address()
    {
        await using var server = await BotServer.StartAsync("--Limits:TokensPerMinutePerAddress=2", "--Limits:StreamsPerAddress=1");
        var client = new DirectLineClient(server.Client);

        var first = await client.StartAsync("p1");
        await client.StartAsync("p2");
        using var third = await client.SendAsync(HttpMethod.Post, "api/webchat/token", "-", new { userId = "p3" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));

        await using var open = await DirectLine.StreamReader.ConnectAsync(first.StreamUrl);
        await open.WaitForAsync(a => DirectLine.StreamReader.Text(a).Contains("virtual assistant"));
        await Assert.ThrowsAnyAsync<Exception>(() => DirectLine.StreamReader.ConnectAsync(first.StreamUrl));
    }
}
