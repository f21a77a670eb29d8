using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>When the channel's connector fails, the endpoint says so (502) promptly, and the next turn works.</summary>
[Collection(BotServerCollection.Name)]
public sealed class ConnectorFaultTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Connector_answering_500_is_retried_then_the_endpoint_answers_502_and_the_next_request_works()
    {
        var failing = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        var failingConversation = EmulatorActivity.ConversationIdOf(failing);
        fixture.Connector.Behave(failingConversation, new ConnectorBehavior(StatusCode: 500));
        using var client = fixture.Server.CreateClient(TimeSpan.FromSeconds(8));

        var clock = Stopwatch.StartNew();
        using var response = await client.PostActivityAsync(failing);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.BadGateway);
        Assert.Equal("ServiceError", code);
        // Backoff of about 0.2 + 0.4 + 0.8 s with jitter, well under the 10 s connector timeout.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // One attempt and three retries with backoff, all within the connector timeout.
        var attempts = fixture.Connector.ReceivedFor(failingConversation);
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(EmulatorActivity.IdOf(failing), attempt.ActivityId));

        // The next turn, in another conversation, is delivered as usual.
        var next = EmulatorActivity.Message("What are the risks of acupuncture?", fixture.Connector.ServiceUrl);
        using var nextResponse = await client.PostActivityAsync(next);
        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
        var delivered = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(next))).Json);
        Assert.Equal("answer", delivered.Kind());

        // And the failing conversation itself recovers once its connector does.
        fixture.Connector.Behave(failingConversation, new ConnectorBehavior());
        using var retry = await client.PostActivityAsync(EmulatorActivity.Message("What are the risks of acupuncture?", fixture.Connector.ServiceUrl, failingConversation));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(5, fixture.Connector.ReceivedFor(failingConversation).Count);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(503)]
    public async Task Any_connector_refusal_is_502(int status)
    {
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        fixture.Connector.Behave(EmulatorActivity.ConversationIdOf(incoming), new ConnectorBehavior(StatusCode: status));
        using var client = fixture.Server.CreateClient(TimeSpan.FromSeconds(5));

        using var response = await client.PostActivityAsync(incoming);

        await response.AssertErrorAsync(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Unreachable_connector_is_502()
    {
        var mark = fixture.Server.Logs.Count;
        var closedPort = ClosedLoopbackPort();
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", $"http://127.0.0.1:{closedPort}");
        using var client = fixture.Server.CreateClient(TimeSpan.FromSeconds(5));

        using var response = await client.PostActivityAsync(incoming);

        await response.AssertErrorAsync(HttpStatusCode.BadGateway);
        Assert.Empty(fixture.Server.Logs.ServerFailuresSince(mark));
    }

    [Fact]
    public async Task A_slow_connector_within_the_timeout_still_gets_the_reply()
    {
        var incoming = EmulatorActivity.Message("What are the risks of acupuncture?", fixture.Connector.ServiceUrl);
        fixture.Connector.Behave(EmulatorActivity.ConversationIdOf(incoming), new ConnectorBehavior(Delay: TimeSpan.FromMilliseconds(500)));

        var clock = Stopwatch.StartNew();
        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"answered after {clock.Elapsed}, before the connector did");
        Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming)));
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// A connector slower than Limits:ConnectorTimeout, on a bot of its own started with a 3 s timeout.
/// Each attempt gets a third of it: at 1 s in total, a loaded CI machine once took longer than 333 ms
/// for an ordinary loopback reply and failed the "next request works" half.
/// </summary>
public sealed class ConnectorTimeoutTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotServer _server = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _server = await BotServer.StartAsync("--Limits:ConnectorTimeout=00:00:03");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_connector_slower_than_the_timeout_is_502_promptly_and_the_next_request_works()
    {
        var slow = EmulatorActivity.Message("Does acupuncture hurt?", _connector.ServiceUrl);
        _connector.Behave(EmulatorActivity.ConversationIdOf(slow), new ConnectorBehavior(Delay: TimeSpan.FromSeconds(30)));
        using var client = _server.CreateClient(TimeSpan.FromSeconds(20));
        var mark = _server.Logs.Count;

        var clock = Stopwatch.StartNew();
        using var response = await client.PostActivityAsync(slow);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.9), $"gave up after {clock.Elapsed}, before the 3 s timeout");
        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.BadGateway);
        Assert.Equal("ServiceError", code);
        Assert.Empty(_server.Logs.ServerFailuresSince(mark));

        var next = EmulatorActivity.Message("What are the risks of acupuncture?", _connector.ServiceUrl);
        using var nextResponse = await client.PostActivityAsync(next);
        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
        Assert.Single(_connector.ReceivedFor(EmulatorActivity.ConversationIdOf(next)));
    }

    [Fact]
    public async Task A_connector_slower_than_the_timeout_does_not_hang_the_endpoint_and_the_next_request_works()
    {
        var slow = EmulatorActivity.Message("Does acupuncture hurt?", _connector.ServiceUrl);
        _connector.Behave(EmulatorActivity.ConversationIdOf(slow), new ConnectorBehavior(Delay: TimeSpan.FromSeconds(30)));
        using var client = _server.CreateClient(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        using var response = await client.PostActivityAsync(slow);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
        Assert.True((int)response.StatusCode >= 500, $"a reply that was never delivered was answered {(int)response.StatusCode}");

        var next = EmulatorActivity.Message("What are the risks of acupuncture?", _connector.ServiceUrl);
        using var nextResponse = await client.PostActivityAsync(next);
        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
        Assert.Single(_connector.ReceivedFor(EmulatorActivity.ConversationIdOf(next)));
    }
}
