using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
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

    private PublishedBot Start(string name, int port, RedisServer redis) =>
        PublishedBot.Start(published.Dll, _scratch.FullName, port, new Dictionary<string, string?>(),
            "--urls", $"http://127.0.0.1:{port}",
            $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}",
            $"--Unanswered:DatabasePath={Path.Combine(_scratch.FullName, name + ".db")}",
            // Every request of the test comes from 127.0.0.1.
            "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0",
            "--Limits:TokensPerMinutePerAddress=0", "--Limits:StreamsPerAddress=0", "--Limits:ReadsPerMinutePerAddress=0");

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
