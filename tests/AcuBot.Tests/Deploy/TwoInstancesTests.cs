using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using AcuBot.Tests.Conformance;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using StreamReader = AcuBot.Tests.DirectLine.StreamReader;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// Issue 13, items 3 and 4, end to end: two published bots, separate <c>dotnet AcuBot.dll</c> processes,
/// sharing one redis-server and one DirectLine:Secret, as behind a round-robin load balancer. A Direct
/// Line client (this test's, over HTTP and a WebSocket, as botframework-directlinejs makes its calls)
/// streams from A and posts through B; A is killed (SIGKILL) and the client carries on through B with its
/// watermark; B is stopped with SIGTERM while the client is connected and started again: every activity
/// reaches the client exactly once.
/// </summary>
[Collection(PublishedFolderCollection.Name)]
public sealed class TwoInstancesTests(PublishedFolder published) : IDisposable
{
    private const string Secret = "two-instances-secret-0123456789abcdef";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("acubot-two-");

    [RedisFact]
    public async Task A_conversation_survives_one_instance_killed_and_the_other_restarted_every_activity_arriving_once()
    {
        await using var redis = await RedisServer.StartAsync();
        var (portA, portB) = (PublishedBot.FreePort(), PublishedBot.FreePort());
        using var a = Start("a", portA, redis);
        var b = Start("b", portB, redis);
        try
        {
            await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());
            // As in the test below: on a loaded CI machine a first answer competing with two background
            // embeddings outlasted the client's 15 s timeout once; what is under test is the failover.
            await Task.WhenAll(a.WaitUntilEmbeddedAsync(), b.WaitUntilEmbeddedAsync());
            var throughA = new DirectLineClient(a.Client);
            var throughB = new DirectLineClient(b.Client);

            // Started through A: its stream URL is A's.
            var conversation = await throughA.StartAsync("patient-two");
            Assert.Contains($":{portA}/", conversation.StreamUrl);
            var onA = await CollectingStream.ConnectAsync(conversation.StreamUrl);
            await onA.WaitForAsync(x => StreamReader.Text(x).Length > 0); // the welcome
            var first = await throughB.SayAsync(conversation, "Does acupuncture hurt?");
            var firstReply = await onA.WaitForAsync(x => IsReplyTo(x, first));
            Assert.Contains("pinch", StreamReader.Text(firstReply), StringComparison.OrdinalIgnoreCase);

            // A dies without a word: its stream just drops.
            a.Kill();
            await onA.Closed.WaitAsync(TimeSpan.FromSeconds(30));
            // A message sent while the client has no stream, through B.
            var second = await throughB.SayAsync(conversation, "What are the risks of acupuncture?");
            var onB = await CollectingStream.ConnectAsync(await ReconnectAsync(throughB, conversation, onA.LastWatermark!));
            Assert.Contains($":{portB}/", onB.Url);
            await onB.WaitForAsync(x => IsReplyTo(x, second));

            // B is restarted with SIGTERM (a rolling deploy) while the client is connected.
            b.Terminate();
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await onB.Closed.WaitAsync(TimeSpan.FromSeconds(30))); // 1001, a close frame
            Assert.Equal(0, await b.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            b.Dispose();
            b = Start("b2", portB, redis);
            await b.WaitUntilReadyAsync();
            await b.WaitUntilEmbeddedAsync();
            throughB = new DirectLineClient(b.Client);
            var onB2 = await CollectingStream.ConnectAsync(await ReconnectAsync(throughB, conversation, onB.LastWatermark!));
            var third = await throughB.SayAsync(conversation, "How many sessions will I need?");
            await onB2.WaitForAsync(x => IsReplyTo(x, third));

            // Every stored activity exactly once across the three streams, in order, none missing.
            var (transcript, _) = await throughB.ReadAsync(conversation);
            var received = onA.Stored.Concat(onB.Stored).Concat(onB2.Stored).Select(StreamReader.Id).ToArray();
            Assert.Equal(transcript.Select(StreamReader.Id), received);
            var watermarks = received.Select(id => DirectLineWatermark(id)).ToArray();
            Assert.Equal(Enumerable.Range(1, watermarks.Length).Select(i => (long)i), watermarks);
            Assert.All(new[] { first, second, third }, posted => Assert.Contains(received, id => id == posted.GetProperty("id").GetString()));
            await onB2.DisposeAsync();
        }
        finally
        {
            b.Dispose();
        }
    }

    /// <summary>
    /// The same with Microsoft's own client, botframework-directlinejs (tests/peer, scenario "failover"), and
    /// a round-robin balancer in front of the two (<see cref="RoundRobinProxy"/>): every new connection goes to
    /// the next instance, so the stream lands on one and the posts on the other.
    /// </summary>
    [RedisFact]
    public async Task The_official_client_behind_a_round_robin_balancer_loses_and_repeats_nothing_through_a_crash_and_a_rolling_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        int[] ports = [PublishedBot.FreePort(), PublishedBot.FreePort()];
        var bots = new PublishedBot[2];
        try
        {
            bots[0] = Start("a", ports[0], redis, LogEveryRequest);
            bots[1] = Start("b", ports[1], redis, LogEveryRequest);
            await Task.WhenAll(bots.Select(bot => bot.WaitUntilReadyAsync()));
            await Task.WhenAll(bots.Select(bot => bot.WaitUntilEmbeddedAsync()));
            await using var balancer = RoundRobinProxy.Start(ports);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{balancer.Port}/"), Timeout = TimeSpan.FromSeconds(15) };
            var throughBalancer = new DirectLineClient(http);
            // What a clinic's token server does, through the balancer.
            var generated = await throughBalancer.PostJsonAsync("v3/directline/tokens/generate", Secret, new { user = new { id = "patient-lb" } });
            var (token, conversationId) = (generated.GetProperty("token").GetString()!, generated.GetProperty("conversationId").GetString()!);

            await using var peer = await NodePeer.DirectLineAsync("failover", new
            {
                domain = $"http://127.0.0.1:{balancer.Port}/v3/directline", token, userId = "patient-lb",
                question = "Does acupuncture hurt?", secondQuestion = "What are the risks of acupuncture?", thirdQuestion = "How many sessions will I need?",
                // Bounds, not timings: a restart of a published bot on a loaded machine can take a while.
                timeoutMs = 150_000, libraryTimeoutMs = 5_000,
            });
            var streaming = await peer.WaitForAsync("streaming", TimeSpan.FromSeconds(150));
            var holder = Array.IndexOf(ports, StreamBackend(balancer, conversationId));
            Assert.True(holder >= 0, "no stream went through the balancer");
            var other = 1 - holder;
            // The question was posted to the other instance, and its answer came on the stream held by this one.
            Assert.Contains(bots[other].Output, line => line.Contains("POST", StringComparison.Ordinal) && line.Contains($"/conversations/{conversationId}/activities", StringComparison.Ordinal));
            Assert.DoesNotContain(bots[holder].Output, line => line.Contains($"/conversations/{conversationId}/activities", StringComparison.Ordinal));

            // The instance holding the stream crashes; the library reconnects, through the balancer, to the other.
            bots[holder].Kill();
            var reconnected = await peer.WaitForAsync("reconnected", TimeSpan.FromSeconds(150));
            Assert.Equal(ports[other], StreamBackend(balancer, conversationId));

            // A rolling restart of the one left, while the client is connected.
            bots[other].Terminate();
            Assert.Equal(0, await bots[other].WaitForExitAsync(TimeSpan.FromSeconds(60)));
            bots[other].Dispose();
            bots[other] = Start("b2", ports[other], redis, LogEveryRequest);
            await bots[other].WaitUntilReadyAsync();
            var result = await peer.WaitForAsync("result", TimeSpan.FromSeconds(150));

            Assert.Equal([1006, 1001], result.GetProperty("closeCodes").EnumerateArray().Select(c => c.GetInt32())); // a drop, then a close frame
            var posted = result.GetProperty("postedIds").EnumerateArray().Select(x => x.GetString()!).ToArray();
            Assert.Equal([streaming.GetProperty("postedId").GetString()!, reconnected.GetProperty("postedId").GetString()!], posted[..2]);
            Assert.All(result.GetProperty("answers").EnumerateArray(), answer => Assert.False(string.IsNullOrWhiteSpace(answer.GetString())));
            Assert.Contains("bruising", result.GetProperty("answers")[1].GetString(), StringComparison.OrdinalIgnoreCase);
            // Every activity of the bot's transcript received once, in order, and nothing else.
            var (transcript, _) = await throughBalancer.ReadAsync(new Conversation(conversationId, token, "", "patient-lb"));
            var received = result.GetProperty("ids").EnumerateArray().Select(x => x.GetString()!).ToArray();
            Assert.Equal(transcript.Select(StreamReader.Id), received);
            Assert.Equal(received.Length, received.Distinct().Count());
            Assert.Equal(Enumerable.Range(1, received.Length).Select(i => (long)i), received.Select(DirectLineWatermark));
            Assert.All(posted, id => Assert.Contains(id, received));
        }
        finally
        {
            foreach (var bot in bots) bot?.Dispose();
        }
    }

    /// <summary>The instances log each request (ASP.NET Core's own line, which names the path), for the test to see which one served it.</summary>
    private static readonly string[] LogEveryRequest = ["--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information"];

    /// <summary>Where the balancer sent the conversation's latest stream.</summary>
    private static int StreamBackend(RoundRobinProxy balancer, string conversationId) =>
        balancer.Connections.LastOrDefault(c => c.FirstLine.StartsWith("GET ", StringComparison.Ordinal) && c.FirstLine.Contains($"/conversations/{conversationId}/stream", StringComparison.Ordinal))?.Backend ?? -1;

    private PublishedBot Start(string name, int port, RedisServer redis, params string[] extra) =>
        PublishedBot.Start(published.Dll, _scratch.FullName, port, new Dictionary<string, string?>(),
            [
                "--urls", $"http://127.0.0.1:{port}",
                $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}",
                $"--Unanswered:DatabasePath={Path.Combine(_scratch.FullName, name + ".db")}",
                // Every request of the test comes from 127.0.0.1.
                "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0",
                "--Limits:TokensPerMinutePerAddress=0", "--Limits:StreamsPerAddress=0", "--Limits:ReadsPerMinutePerAddress=0",
                .. extra,
            ]);

    /// <summary>What botframework-directlinejs does after a lost stream: GET the conversation with its watermark, for a new stream URL.</summary>
    private static async Task<string> ReconnectAsync(DirectLineClient client, Conversation conversation, string watermark)
    {
        var reconnected = await client.GetJsonAsync($"v3/directline/conversations/{conversation.Id}?watermark={watermark}", conversation.Token);
        return reconnected.GetProperty("streamUrl").GetString()!;
    }

    private static bool IsReplyTo(JsonElement activity, JsonElement posted) =>
        activity.TryGetProperty("replyToId", out var to) && to.GetString() == posted.GetProperty("id").GetString() && activity.GetProperty("type").GetString() == "message";

    private static long DirectLineWatermark(string id) => long.Parse(id[(id.LastIndexOf('|') + 1)..]);

    public void Dispose()
    {
        try { _scratch.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A Direct Line stream: every activity set it receives, the last watermark, and how it closed.</summary>
    private sealed class CollectingStream : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly List<JsonElement> _activities = [];
        private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _arrived = new(0);

        public required string Url { get; init; }

        public string? LastWatermark { get; private set; }

        /// <summary>The stored activities received (typing indicators are never stored and have no watermark of their own).</summary>
        public IReadOnlyList<JsonElement> Stored { get { lock (_activities) return _activities.Where(x => x.GetProperty("type").GetString() != "typing").ToArray(); } }

        /// <summary>Completes when the stream ends: with the close frame's status, or null when the connection just dropped.</summary>
        public Task<WebSocketCloseStatus?> Closed => _closed.Task;

        public static async Task<CollectingStream> ConnectAsync(string url)
        {
            var stream = new CollectingStream { Url = url };
            await stream._socket.ConnectAsync(new Uri(url), new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
            _ = stream.ReadAsync();
            return stream;
        }

        public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // cannot hang the run; not a timing assertion
            while (true)
            {
                JsonElement[] found;
                lock (_activities) found = _activities.Where(match).ToArray();
                if (found.Length > 0) return found[0];
                if (Closed.IsCompleted) throw new InvalidOperationException($"The stream {Url} closed ({Closed.Result}) before the activity arrived.");
                await _arrived.WaitAsync(bounded.Token);
            }
        }

        private async Task ReadAsync()
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
                        result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    } while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(_socket.CloseStatus);
                        break;
                    }
                    if (message.Length == 0) continue; // keep-alive
                    using var set = JsonDocument.Parse(message.ToArray());
                    LastWatermark = set.RootElement.GetProperty("watermark").GetString();
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

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            _socket.Dispose();
        }
    }
}

/// <summary>Stopping a process as a service manager does (SIGTERM) or as a crash does (SIGKILL).</summary>
internal static class Signals
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public static void Terminate(this PublishedBot bot) => Send(bot.ProcessId, 15);

    public static void Kill(this PublishedBot bot) => Send(bot.ProcessId, 9);

    private static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastWin32Error()}");
    }
}
