using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, High 2: without authentication, <c>/api/messages</c> let anyone make the bot POST to any
/// port and path of its own host (serviceUrl "http://127.0.0.1:8081/actuator/shutdown?"). Only callers on
/// this machine may use it now, unless a setting says otherwise, and it can be turned off.
/// </summary>
public class MessagesEndpointAccessTests
{
    private const string Patient = "203.0.113.5";

    [Fact]
    public async Task A_remote_caller_behind_a_trusted_proxy_cannot_make_the_bot_post_to_a_loopback_port()
    {
        await using var victim = await LoopbackServer.StartAsync(http => Task.CompletedTask);
        await using var server = await BotServer.StartAsync("--Proxy:TrustedProxies:0=127.0.0.1", "--Proxy:TrustedProxies:1=::1");
        var mark = server.Logs.Count;

        using var response = await PostFrom(server, Patient, EmulatorActivity.Message("hi", $"{victim.BaseUrl}/actuator/shutdown?"));

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", code);
        Assert.Empty(victim.Received);
        Assert.Contains(server.Logs.Since(mark), e => e.Level == LogLevel.Warning && e.Message.Contains(Patient) && e.Message.Contains("AllowUnauthenticatedRemoteCallers"));
    }

    [Theory]
    [InlineData("X-Forwarded-For", Patient)]
    [InlineData("Forwarded", "for=203.0.113.5")]
    [InlineData("X-Real-IP", Patient)]
    public async Task A_request_relayed_by_a_proxy_that_is_not_trusted_is_not_taken_for_a_local_one(string header, string value)
    {
        await using var victim = await LoopbackServer.StartAsync(http => Task.CompletedTask);
        await using var server = await BotServer.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, BotHttp.MessagesPath) { Content = JsonContent.Create(EmulatorActivity.Message("hi", victim.BaseUrl + "/")) };
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await server.Client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden);
        Assert.Empty(victim.Received);
    }

    [Fact]
    public async Task A_caller_on_this_machine_is_answered_as_before()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var server = await BotServer.StartAsync("--Proxy:TrustedProxies:0=127.0.0.1", "--Proxy:TrustedProxies:1=::1");

        var activity = EmulatorActivity.Message("Does acupuncture hurt?", connector.ServiceUrl);
        using var response = await server.Client.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(connector.ReceivedFor(EmulatorActivity.ConversationIdOf(activity)));
    }

    [Fact]
    public async Task The_setting_lets_remote_callers_in()
    {
        await using var server = await BotServer.StartAsync("--Proxy:TrustedProxies:0=127.0.0.1", "--Proxy:TrustedProxies:1=::1",
            "--Channels:AllowUnauthenticatedRemoteCallers=true");

        using var response = await PostFrom(server, Patient, EmulatorActivity.ExpectReplies("Does acupuncture hurt?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_endpoint_can_be_turned_off_and_web_chat_goes_on()
    {
        await using var server = await BotServer.StartAsync("--Channels:EnableMessagesEndpoint=false");

        using var response = await server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var client = new DirectLineClient(server.Client);
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "Does acupuncture hurt?");
        var (activities, _) = await client.ReadAsync(conversation);
        Assert.Contains(activities, a => AcuBot.Tests.DirectLine.StreamReader.Text(a).Contains("slight pinch"));
    }

    [Fact]
    public async Task Conversation_updates_count_in_the_rate_limits()
    {
        await using var server = await BotServer.StartAsync("--Limits:MessagesPerMinutePerAddress=3");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var update = EmulatorActivity.ConversationUpdate(null, "bot", "user");
            update["deliveryMode"] = "expectReplies";
            using var response = await server.Client.PostActivityAsync(update);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    private static Task<HttpResponseMessage> PostFrom(BotServer server, string address, JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, BotHttp.MessagesPath) { Content = JsonContent.Create(activity) };
        request.Headers.Add("X-Forwarded-For", address);
        return server.Client.SendAsync(request);
    }
}
