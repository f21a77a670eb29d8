using System.Net;
using System.Net.Http.Json;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Behind_a_trusted_proxy_each_patient_has_their_own_limit_and_otherwise_the_header_is_ignored(bool proxyTrusted)
    {
        // The patients' addresses are not this machine's: /api/messages has to be open to remote callers for them.
        string[] args = proxyTrusted
            ? ["--Limits:MessagesPerMinutePerAddress=2", "--Proxy:TrustedProxies:0=127.0.0.1", "--Proxy:TrustedProxies:1=::1", "--Channels:AllowUnauthenticatedRemoteCallers=true"]
            : ["--Limits:MessagesPerMinutePerAddress=2", "--Channels:AllowUnauthenticatedRemoteCallers=true"];
        await using var server = await BotServer.StartAsync(args);

        async Task<HttpStatusCode> AskFrom(string patientAddress, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, BotHttp.MessagesPath)
            {
                Content = JsonContent.Create(EmulatorActivity.ExpectReplies("hi", conversationId: $"{patientAddress}-{i}")),
            };
            request.Headers.Add("X-Forwarded-For", patientAddress);
            using var response = await server.Client.SendAsync(request);
            return response.StatusCode;
        }

        var first = new[] { await AskFrom("203.0.113.5", 1), await AskFrom("203.0.113.5", 2), await AskFrom("203.0.113.5", 3) };
        var second = await AskFrom("203.0.113.6", 1);

        // Either way the first patient's third message is over the limit of 2 a minute.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        // Only a trusted proxy's header gives the second patient a budget of their own; from an untrusted
        // client the header is ignored, or anyone could dodge the limit by writing a new address each time.
        Assert.Equal(proxyTrusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, second);
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
