using System.Net;
using System.Net.WebSockets;
using AcuBot.Tests.Auth;
using AcuBot.Tests.DirectLine;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Low 8: a Web Chat left open but idle died after an hour (keep-alives did not count as use),
/// and a stream whose conversation had been forgotten threw KeyNotFoundException and closed with 1006.
/// </summary>
public class IdleConversationTests
{
    private static readonly string[] NoLimits =
    [
        "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0", "--Limits:TokensPerMinutePerAddress=0",
        "--Limits:StreamsPerAddress=0", "--Limits:ReadsPerMinutePerAddress=0",
    ];

    [Fact]
    public async Task An_open_idle_stream_keeps_its_conversation_past_the_timeout()
    {
        var clock = new ShiftedClock();
        await using var server = await AuthBotServer.StartAsync(
            [.. NoLimits, "--DirectLine:ConversationTimeout=00:10:00", "--DirectLine:KeepAliveInterval=00:00:00.200"],
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var client = new DirectLineClient(server.Client);
        var watched = await client.StartAsync("patient-watching");
        var abandoned = await client.StartAsync("patient-gone");
        await using var stream = await DirectLine.StreamReader.ConnectAsync(watched.StreamUrl);
        await stream.WaitForAsync(a => DirectLine.StreamReader.Text(a).Contains("virtual assistant"));

        clock.Advance(TimeSpan.FromMinutes(11));
        var keepAlives = stream.KeepAlives;
        while (stream.KeepAlives < keepAlives + 2) await Task.Delay(50); // the stream is open, the patient silent
        await client.StartAsync("patient-new"); // creating a conversation sweeps the idle ones

        using var gone = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{abandoned.Id}/activities", abandoned.Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await client.SayAsync(watched, "Does acupuncture hurt?");
        await stream.WaitForAsync(a => DirectLine.StreamReader.Text(a).Contains("slight pinch"));
    }

    [Fact]
    public async Task A_stream_whose_conversation_is_forgotten_closes_normally()
    {
        await using var server = await AuthBotServer.StartAsync([.. NoLimits, "--DirectLine:MaxStoredBytes=30000"]);
        var client = new DirectLineClient(server.Client);
        var first = await client.StartAsync("patient-first");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(first.StreamUrl), CancellationToken.None);
        var closed = ReadUntilClosedAsync(socket);

        // Newer conversations push the first one out of the store's budget.
        for (var i = 0; i < 20 && !closed.IsCompleted; i++)
            await client.SayAsync(await client.StartAsync($"patient-{i}"), "What are the risks of acupuncture?");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Exception is KeyNotFoundException);
    }

    private static async Task<WebSocketCloseStatus?> ReadUntilClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return result.CloseStatus;
            }
        }
        catch (WebSocketException)
        {
            return WebSocketCloseStatus.Empty; // closed without a close frame: 1006
        }
    }

    /// <summary>The system clock, moved on by the test: what an hour of idleness looks like without waiting an hour.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
    }
}
