using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamReader = AcuBot.Tests.DirectLine.StreamReader;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// A rolling restart behind a load balancer (Issue 13): told to stop, the bot drains first
/// (<c>Shutdown:DrainSeconds</c>). Readiness answers 503 "draining" so the balancer looks elsewhere, requests
/// still get complete answers, each marked <c>Connection: close</c> so a kept-alive connection ends after an
/// answer instead of being cut under a request, and the Direct Line streams stay open until the drain is over,
/// then close with 1001. Before the drain, Kestrel closed idle kept-alive connections at once, and a client
/// that had just sent a request on one got no answer at all.
/// </summary>
public sealed class ShutdownDrainTests
{
    // Bounds that keep a broken build from hanging the run; none of them is a timing assertion.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_kept_alive_connection_gets_complete_answers_while_the_bot_drains_and_each_closes_its_connection()
    {
        // A long drain, ended by the test once it has seen what it looks for, so a slow machine cannot cut it short.
        await using var server = await BotServer.StartAsync("--Shutdown:DrainSeconds=300");
        var connection = await RawHttpConnection.OpenAsync(server.BaseAddress);
        try
        {
            var before = await connection.SendAsync("GET", "/health/ready");
            Assert.Equal(200, before.Status);
            Assert.False(before.ClosesConnection, "a serving bot keeps the connection alive");
            var mark = server.Logs.Count;

            using var endDrain = new CancellationTokenSource();
            var stopping = server.App.StopAsync(endDrain.Token); // what SIGTERM does
            // The same connection, used again while the bot stops, as a balancer's pool or a browser reuses it:
            // every request gets its whole answer, until readiness says "draining".
            var answered = 0;
            RawHttpResponse readiness;
            using (var bounded = new CancellationTokenSource(Bound))
                while (true)
                {
                    Assert.False(stopping.IsCompleted, $"the bot stopped without draining, after {answered} answers");
                    readiness = await connection.SendAsync("GET", "/health/ready"); // IOException: the connection was cut under a request
                    answered++;
                    if (readiness.ClosesConnection)
                    {
                        Assert.True(await connection.ClosedByServerAsync(), "Connection: close, then the server closes it");
                        connection.Dispose();
                        connection = await RawHttpConnection.OpenAsync(server.BaseAddress);
                    }
                    if (readiness.Status != 200) break;
                    await Task.Delay(20, bounded.Token);
                }

            Assert.Equal(503, readiness.Status);
            Assert.True(readiness.ClosesConnection, "the draining answer closes its connection");
            using (var report = JsonDocument.Parse(readiness.Body))
            {
                Assert.Equal("draining", report.RootElement.GetProperty("status").GetString());
                Assert.Equal("unhealthy", report.RootElement.GetProperty("checks").GetProperty("shutdown").GetProperty("status").GetString());
            }

            // Still serving while draining, each answer closing its connection: the benchmarks' probe, liveness...
            var healthz = await connection.SendAsync("GET", "/healthz");
            Assert.Equal(503, healthz.Status);
            Assert.Contains("\"status\":\"draining\"", healthz.Body);
            Assert.True(healthz.ClosesConnection);
            Assert.True(await connection.ClosedByServerAsync());
            using (var fresh = await RawHttpConnection.OpenAsync(server.BaseAddress))
            {
                var live = await fresh.SendAsync("GET", "/health/live");
                Assert.Equal(200, live.Status);
                Assert.True(live.ClosesConnection);
            }
            // ... and a patient's conversation, answered in full.
            using var http = server.CreateClient(Bound);
            using (var token = await new DirectLineClient(http).SendAsync(HttpMethod.Post, "api/webchat/token", "-", new { userId = "patient-drain" }))
            {
                Assert.Equal(HttpStatusCode.OK, token.StatusCode);
                Assert.True(token.Headers.ConnectionClose, "a Direct Line answer closes its connection while draining");
            }
            var client = new DirectLineClient(http);
            var conversation = await client.StartAsync("patient-drain");
            var posted = await client.SayAsync(conversation, "Does acupuncture hurt?");
            var reply = await ReplyByPollingAsync(client, conversation, posted);
            Assert.Contains("pinch", StreamReader.Text(reply), StringComparison.OrdinalIgnoreCase);

            Assert.False(stopping.IsCompleted, "the server kept serving until the drain ended");
            await endDrain.CancelAsync(); // a second signal, or the shutdown timeout
            await stopping.WaitAsync(Bound);

            var logged = server.Logs.Since(mark);
            Assert.Contains(logged, e => e.EventId.Id == 6001 && e.Level == LogLevel.Information && e.Message.Contains("300 s", StringComparison.Ordinal));
            Assert.Contains(logged, e => e.EventId.Id == 6002 && e.Level == LogLevel.Information);
        }
        finally
        {
            connection.Dispose();
        }
    }

    [Fact]
    public async Task A_stream_stays_open_through_the_drain_delivering_replies_then_closes_with_1001()
    {
        // Long enough for a post and its reply on a loaded machine (a bound, not a measurement).
        await using var server = await BotServer.StartAsync("--Shutdown:DrainSeconds=15");
        using var http = server.CreateClient(Bound);
        var client = new DirectLineClient(http);
        var conversation = await client.StartAsync("patient-stream");
        using var socket = new ClientWebSocket();
        using (var connecting = new CancellationTokenSource(Bound))
            await socket.ConnectAsync(new Uri(conversation.StreamUrl), connecting.Token);
        var stream = new StreamListener(socket);
        await stream.WaitForAsync(x => StreamReader.Text(x).Length > 0); // the welcome

        var stopping = server.App.StopAsync();
        await WaitUntilDrainingAsync(http);
        // Draining: the stream is still the patient's, and a question asked now is answered on it.
        Assert.False(stream.Closed.IsCompleted, "the stream closed as soon as the bot was told to stop");
        var posted = await client.SayAsync(conversation, "What are the risks of acupuncture?");
        var reply = await stream.WaitForAsync(x => IsReplyTo(x, posted));
        Assert.Contains("bruising", StreamReader.Text(reply), StringComparison.OrdinalIgnoreCase);

        // The drain over, the stream closes with a close frame: going away, reconnect elsewhere.
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await stream.Closed.WaitAsync(Bound));
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6002); // after the drain, not before
        await stopping.WaitAsync(Bound);
    }

    [Fact]
    public async Task The_host_gives_the_stop_its_usual_time_on_top_of_the_drain()
    {
        await using var server = await BotServer.StartAsync("--Shutdown:DrainSeconds=7");

        var host = server.App.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(new HostOptions().ShutdownTimeout + TimeSpan.FromSeconds(7), host.ShutdownTimeout);
    }

    [Fact]
    public async Task Without_a_drain_readiness_serves_and_the_stop_closes_streams_at_once()
    {
        await using var server = await BotServer.StartAsync("--Shutdown:DrainSeconds=0");
        using var http = server.CreateClient(Bound);
        var conversation = await new DirectLineClient(http).StartAsync("patient-nodrain");
        using var socket = new ClientWebSocket();
        using (var connecting = new CancellationTokenSource(Bound))
            await socket.ConnectAsync(new Uri(conversation.StreamUrl), connecting.Token);
        var stream = new StreamListener(socket);
        using (var ready = await http.GetAsync("health/ready"))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        await server.App.StopAsync().WaitAsync(Bound);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await stream.Closed.WaitAsync(Bound));
        Assert.DoesNotContain(server.Logs.Entries, e => e.EventId.Id == 6001); // nothing to say about a drain that did not happen
    }

    private static async Task WaitUntilDrainingAsync(HttpClient http)
    {
        using var bounded = new CancellationTokenSource(Bound);
        while (true)
        {
            using var ready = await http.GetAsync("health/ready", bounded.Token);
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Contains("\"status\":\"draining\"", await ready.Content.ReadAsStringAsync(bounded.Token));
                return;
            }
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            await Task.Delay(20, bounded.Token);
        }
    }

    private static async Task<JsonElement> ReplyByPollingAsync(DirectLineClient client, Conversation conversation, JsonElement posted)
    {
        using var bounded = new CancellationTokenSource(Bound);
        while (true)
        {
            var (activities, _) = await client.ReadAsync(conversation);
            if (activities.FirstOrDefault(x => IsReplyTo(x, posted)) is { ValueKind: JsonValueKind.Object } reply) return reply;
            await Task.Delay(50, bounded.Token);
        }
    }

    private static bool IsReplyTo(JsonElement activity, JsonElement posted) =>
        activity.GetProperty("type").GetString() == "message" && activity.TryGetProperty("replyToId", out var to) && to.GetString() == posted.GetProperty("id").GetString();

    /// <summary>A Direct Line stream's activities, and how it ended: with the close frame's status, or null when it just dropped.</summary>
    private sealed class StreamListener
    {
        private readonly List<JsonElement> _activities = [];
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StreamListener(ClientWebSocket socket) => _ = ReadAsync(socket);

        public Task<WebSocketCloseStatus?> Closed => _closed.Task;

        public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
        {
            using var bounded = new CancellationTokenSource(Bound);
            while (true)
            {
                lock (_activities)
                    if (_activities.FirstOrDefault(match) is { ValueKind: not JsonValueKind.Undefined } found) return found;
                if (Closed.IsCompleted) throw new InvalidOperationException($"The stream closed ({Closed.Result}) before the activity arrived.");
                await _arrived.WaitAsync(bounded.Token);
            }
        }

        private async Task ReadAsync(ClientWebSocket socket)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    } while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(socket.CloseStatus);
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        break;
                    }
                    if (message.Length == 0) continue; // keep-alive
                    using var set = JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray()));
                    lock (_activities) _activities.AddRange(set.RootElement.GetProperty("activities").EnumerateArray().Select(x => x.Clone()));
                    _arrived.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                _closed.TrySetResult(null);
            }
            _arrived.Release();
        }
    }
}
