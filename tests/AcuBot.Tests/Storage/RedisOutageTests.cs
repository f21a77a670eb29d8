using System.Net;
using System.Text.Json;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using StreamReader = AcuBot.Tests.DirectLine.StreamReader;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Storage;

/// <summary>
/// Issue 13, item 1 (Redis going away): while redis-server is down, the requests that need it answer a clear
/// 503 problem and log a Warning without the patient's words, the health endpoints say what is wrong, and
/// when it is back on the same port the bot goes on by itself, the same conversation included (Redis kept
/// it: persistence on, as in production).
/// </summary>
public class RedisOutageTests
{
    private const string Secret = "redis-outage-secret-0123456789abcdef";

    [RedisFact]
    public async Task Redis_down_mid_chat_answers_503_and_the_chat_goes_on_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync(persistent: true);
        await using var bot = await BotServer.StartAsync(
            $"--ConnectionStrings:Redis={redis.ConnectionString},syncTimeout=1000,asyncTimeout=1000", $"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(bot.Client);
        // The bot starts while it still connects to Redis (a request then gets a 503 to retry): the chat begins once it is connected.
        await WaitForHealthzAsync(bot, h => h.GetProperty("redis").GetString() == "connected");
        var conversation = await client.StartAsync("patient-outage");
        await client.SayAsync(conversation, "Does acupuncture hurt?");
        Assert.Equal("connected", (await HealthzAsync(bot)).GetProperty("redis").GetString());
        using var stream = new System.Net.WebSockets.ClientWebSocket();
        await stream.ConnectAsync(new Uri(conversation.StreamUrl), new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        await redis.StopAsync();
        var mark = bot.Logs.Count;
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 30 && refused?.StatusCode != HttpStatusCode.ServiceUnavailable; attempt++)
            refused = await SayAsync(client, conversation, "My name is Jane Doe, can I have needles while pregnant?");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused!.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null, "a 503 says when to try again");
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("StoreUnavailable", problem.RootElement.GetProperty("code").GetString());
        }
        var warning = Assert.Single(bot.Logs.Since(mark), e => e.EventId.Id == 5105);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("/conversations/{conversationId}/activities", warning.Message);
        Assert.DoesNotContain(bot.Logs.Since(mark), e => e.Message.Contains("Jane") || e.Message.Contains("pregnant"));
        // The open stream is closed with a close frame (1011), so that its client reconnects once Redis is back.
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, await CloseStatusAsync(stream));
        var health = await WaitForHealthzAsync(bot, h => h.GetProperty("status").GetString() == "degraded");
        Assert.Contains("not connected", health.GetProperty("redis").GetString());
        Assert.Contains("ConnectionStrings:Redis", health.GetProperty("redis").GetString());

        await redis.RestartAsync();
        HttpResponseMessage? answered = null;
        for (var attempt = 0; attempt < 100 && answered?.StatusCode != HttpStatusCode.OK; attempt++)
        {
            // A bounded wait for the bot to reconnect by itself (no restart of its own), not a timing assertion.
            if (attempt > 0) await Task.Delay(200);
            answered = await SayAsync(client, conversation, "What are the risks of acupuncture?");
        }

        Assert.Equal(HttpStatusCode.OK, answered!.StatusCode);
        var (activities, _) = await client.ReadAsync(conversation); // the same conversation, kept by Redis
        var texts = activities.Select(StreamReader.Text).ToArray();
        Assert.Contains("Does acupuncture hurt?", texts);
        Assert.Contains(texts, t => t.Contains("bruising", StringComparison.OrdinalIgnoreCase));
        var ids = activities.Select(StreamReader.Id).ToArray();
        Assert.Equal(ids.Distinct(), ids);
        Assert.Equal("connected", (await WaitForHealthzAsync(bot, h => h.GetProperty("redis").GetString() == "connected")).GetProperty("redis").GetString());
    }

    private static async Task<System.Net.WebSockets.WebSocketCloseStatus?> CloseStatusAsync(System.Net.WebSockets.ClientWebSocket socket)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        while ((await socket.ReceiveAsync(buffer, bounded.Token)).MessageType != System.Net.WebSockets.WebSocketMessageType.Close) { }
        return socket.CloseStatus;
    }

    private static Task<HttpResponseMessage> SayAsync(DirectLineClient client, Conversation conversation, string text) =>
        client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversation.Id}/activities", conversation.Token,
            new { type = "message", from = new { id = conversation.UserId }, text });

    private static async Task<JsonElement> HealthzAsync(BotServer bot)
    {
        using var response = await bot.Client.GetAsync("healthz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    /// <summary>The client notices a lost connection within its keep-alive, not at once: a bounded wait.</summary>
    private static async Task<JsonElement> WaitForHealthzAsync(BotServer bot, Func<JsonElement, bool> done)
    {
        var health = await HealthzAsync(bot);
        for (var i = 0; i < 100 && !done(health); i++)
        {
            await Task.Delay(100);
            health = await HealthzAsync(bot);
        }
        return health;
    }
}
