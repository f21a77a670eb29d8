using System.Net;
using AcuBot.Protocol.Auth;
using AcuBot.Protocol.Connector;
using AcuBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Auth;

public class ConnectorAuthenticationHandlerTests
{
    /// <summary>Gives a fixed token and counts how often it was asked.</summary>
    private sealed class CountingTokens(Func<string>? token = null) : IBotAccessTokenProvider
    {
        public int Calls;

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult((token ?? (() => "the-token"))());
        }
    }

    /// <summary>The end of the handler chain: records the request instead of sending it anywhere.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static BotAuthenticationOptions Enabled => new() { MicrosoftAppId = TokenDefaults.AppId, MicrosoftAppPassword = "pw" };

    private static (HttpMessageInvoker Client, RecordingHandler Sink) Chain(IBotAccessTokenProvider tokens, BotAuthenticationOptions options)
    {
        var sink = new RecordingHandler();
        return (new HttpMessageInvoker(new ConnectorAuthenticationHandler(tokens, options) { InnerHandler = sink }), sink);
    }

    private static Task<HttpResponseMessage> Post(HttpMessageInvoker client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url), CancellationToken.None);

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/c1/activities/a1")]
    [InlineData("http://127.0.0.1:5000/v3/conversations/c1/activities/a1")]
    [InlineData("http://[::1]:5000/v3/conversations/c1/activities/a1")]
    [InlineData("http://localhost:5000/v3/conversations/c1/activities/a1")]
    public async Task With_an_app_id_requests_carry_the_bots_bearer_token(string url)
    {
        var (client, sink) = Chain(new CountingTokens(), Enabled);

        await Post(client, url);

        var sent = Assert.Single(sink.Sent);
        Assert.Equal("Bearer", sent.Headers.Authorization?.Scheme);
        Assert.Equal("the-token", sent.Headers.Authorization?.Parameter);
    }

    [Fact]
    public async Task Without_an_app_id_requests_pass_unchanged_and_no_token_is_asked_for()
    {
        var tokens = new CountingTokens();
        var (client, sink) = Chain(tokens, new BotAuthenticationOptions());

        await Post(client, "http://127.0.0.1:5000/v3/conversations/c1/activities");

        Assert.Null(Assert.Single(sink.Sent).Headers.Authorization);
        Assert.Equal(0, tokens.Calls);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/emea/v3/conversations/c1/activities")]
    [InlineData("http://192.0.2.10/v3/conversations/c1/activities")]
    public async Task The_token_is_never_sent_over_plain_http_beyond_loopback(string url)
    {
        var tokens = new CountingTokens();
        var (client, sink) = Chain(tokens, Enabled);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Post(client, url));

        Assert.Equal("The bot's access token is sent only over HTTPS or to loopback; the request was not sent.", error.Message);
        Assert.Empty(sink.Sent);
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public async Task A_failure_to_get_a_token_is_reported_as_a_failed_request()
    {
        var tokens = new CountingTokens(() => throw new InvalidOperationException("authority down"));
        var (client, sink) = Chain(tokens, Enabled);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Post(client, "https://smba.trafficmanager.net/emea/v3/conversations/c1/activities"));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        // It names the failure, never the credentials (nor the inner message, which could hold them).
        Assert.Equal("No access token for the Bot Connector could be obtained: InvalidOperationException.", error.Message);
        Assert.Empty(sink.Sent);
    }

    [Fact]
    public async Task The_connector_client_posts_replies_with_a_token_from_the_authority_and_reuses_it()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        await using var connector = await LoopbackServer.StartAsync(http =>
        {
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync("""{"id":"reply-1"}""");
        });
        var options = Enabled;
        options.TokenAuthority = authority.Authority;
        var tokens = new MsalBotAccessTokenProvider(options, authority);
        using var http = new HttpClient(new ConnectorAuthenticationHandler(tokens, options) { InnerHandler = new SocketsHttpHandler() });
        var client = new ConnectorClient(http, new ServiceUrlPolicy([ServiceUrlPolicy.Loopback]));

        for (var i = 0; i < 2; i++)
        {
            await client.SendAsync(new Activity
            {
                Type = "message",
                Text = "hello",
                ServiceUrl = connector.BaseUrl,
                Conversation = new ConversationAccount { Id = "c1" },
                ReplyToId = $"a{i}",
            }, vouchedServiceUrl: null, CancellationToken.None);
        }

        Assert.Equal(2, connector.Received.Count);
        var token = Assert.Single(authority.Issued);
        Assert.All(connector.Received, r => Assert.Equal("Bearer " + token, r.Authorization));
        Assert.Equal(1, authority.TokenRequests);
    }

    [Fact]
    public async Task A_refused_token_request_becomes_a_ConnectorException_and_nothing_is_posted()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        authority.Status = StatusCodes.Status401Unauthorized;
        await using var connector = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var options = Enabled;
        options.TokenAuthority = authority.Authority;
        using var http = new HttpClient(new ConnectorAuthenticationHandler(new MsalBotAccessTokenProvider(options, authority), options) { InnerHandler = new SocketsHttpHandler() });
        var client = new ConnectorClient(http, new ServiceUrlPolicy([ServiceUrlPolicy.Loopback]));

        await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(new Activity
        {
            Type = "message",
            ServiceUrl = connector.BaseUrl,
            Conversation = new ConversationAccount { Id = "c1" },
        }, vouchedServiceUrl: null, CancellationToken.None));

        Assert.Empty(connector.Received);
    }
}
