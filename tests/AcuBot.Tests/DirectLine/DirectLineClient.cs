using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AcuBot.Tests.DirectLine;

/// <summary>The Direct Line 3.0 calls a client makes, over plain HTTP and WebSocket, as botframework-directlinejs makes them.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public async Task<JsonElement> PostJsonAsync(string path, string credential, object? body = null)
    {
        using var response = await SendAsync(HttpMethod.Post, path, credential, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetJsonAsync(string path, string credential)
    {
        using var response = await SendAsync(HttpMethod.Get, path, credential);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (credential is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        if (body is not null) request.Content = JsonContent.Create(body);
        return http.SendAsync(request);
    }

    /// <summary>Starts a conversation with a widget token, as the embedded widget does.</summary>
    public async Task<Conversation> StartAsync(string userId = "patient-1")
    {
        var session = await PostJsonAsync("api/webchat/token", credential: "-", new { userId });
        var token = session.GetProperty("token").GetString()!;
        var started = await PostJsonAsync("v3/directline/conversations", token);
        return new Conversation(started.GetProperty("conversationId").GetString()!, token, started.GetProperty("streamUrl").GetString()!, userId);
    }

    public Task<JsonElement> SayAsync(Conversation conversation, string text) =>
        PostJsonAsync($"v3/directline/conversations/{conversation.Id}/activities", conversation.Token,
            new { type = "message", from = new { id = conversation.UserId }, text, channelData = new { clientActivityID = Guid.NewGuid().ToString() } });

    public async Task<(IReadOnlyList<JsonElement> Activities, string Watermark)> ReadAsync(Conversation conversation, string? watermark = null)
    {
        var set = await GetJsonAsync($"v3/directline/conversations/{conversation.Id}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), conversation.Token);
        return (set.GetProperty("activities").EnumerateArray().ToArray(), set.GetProperty("watermark").GetString()!);
    }
}

public sealed record Conversation(string Id, string Token, string StreamUrl, string UserId);

/// <summary>A WebSocket stream, collecting every activity set it receives (empty messages are keep-alives).</summary>
public sealed class StreamReader : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonElement> _activities = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private Task? _loop;

    public int KeepAlives { get; private set; }
    public string? LastWatermark { get; private set; }

    public IReadOnlyList<JsonElement> Activities { get { lock (_activities) return _activities.ToArray(); } }

    public static async Task<StreamReader> ConnectAsync(string streamUrl, string? origin = null)
    {
        var reader = new StreamReader();
        if (origin is not null) reader._socket.Options.SetRequestHeader("Origin", origin);
        await reader._socket.ConnectAsync(new Uri(streamUrl), new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        reader._loop = reader.ReadLoopAsync();
        return reader;
    }

    /// <summary>Waits until an activity matching <paramref name="match"/> has arrived.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Activities.Where(match).ToArray();
            if (found.Length > 0) return found[0];
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("The stream did not deliver the expected activity.");
            await _arrived.WaitAsync(left);
        }
    }

    public async Task WaitForKeepAliveAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (KeepAlives == 0 && DateTime.UtcNow < deadline) await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100));
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (message.Length == 0) KeepAlives++;
                else
                {
                    using var set = JsonDocument.Parse(message.ToArray());
                    LastWatermark = set.RootElement.GetProperty("watermark").GetString();
                    lock (_activities) _activities.AddRange(set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
                }
                _arrived.Release();
            }
        }
        catch (WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        if (_loop is not null) await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        _socket.Dispose();
    }

    public static string Text(JsonElement activity) => activity.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";

    public static string Id(JsonElement activity) => activity.GetProperty("id").GetString()!;
}
