using AcuBot.Bot.Conversation;
using AcuBot.Options;
using AcuBot.Storage;
using AcuBot.Tests.Bot;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AcuBot.Tests.Storage;

/// <summary>
/// Issue 13, item 1 (the turn's part): with <c>ConnectionStrings:Redis</c> the follow-up context lives in
/// Redis (a real redis-server the test starts), with its expiry, so any instance serves any conversation.
/// </summary>
public class RedisConversationStateTests
{
    [RedisFact]
    public async Task A_follow_up_is_understood_by_another_instance()
    {
        await using var redis = await RedisServer.StartAsync();
        using var first = new BotUnderTest(null, $"--ConnectionStrings:Redis={redis.ConnectionString}");
        using var second = new BotUnderTest(null, $"--ConnectionStrings:Redis={redis.ConnectionString}");
        Assert.IsType<RedisConversationStateStore>(first.Host.Services.GetRequiredService<IConversationStateStore>());

        var answer = await first.AskAsync("Does acupuncture hurt?", "shared");
        var more = await second.AskAsync("tell me more", "shared");
        var alone = await second.AskAsync("tell me more", "never-answered");

        Assert.Equal("answer", answer.Kind);
        Assert.Equal(answer.Section, more.Section);
        Assert.NotEqual(answer.Section, alone.Section);
    }

    [RedisFact]
    public async Task The_state_expires_after_the_conversation_timeout_and_holds_no_patient_text()
    {
        await using var redis = await RedisServer.StartAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Answers:ConversationTimeout=00:20:00");

        await bot.AskAsync("Does acupuncture hurt? My name is Jane Doe", "expiring");

        await using var client = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = RedisConversationStateStore.Key("expiring");
        var ttl = await client.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        var stored = (string)(await client.GetDatabase().StringGetAsync(key))!;
        Assert.DoesNotContain("Jane", stored);
        Assert.DoesNotContain("hurt?", stored);
    }

    [RedisFact]
    public async Task The_store_recovers_by_itself_when_Redis_comes_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var options = new FixedAnswerOptions(new AnswerOptions());
        using var connection = new RedisConnection(redis.ConnectionString + ",syncTimeout=1000,asyncTimeout=1000", NullLogger<RedisConnection>.Instance);
        var store = new RedisConversationStateStore(connection, options);
        var state = new ConversationState("Does it hurt?", "faq.md", DateTimeOffset.UtcNow);
        await store.SetAsync("c", state);

        await redis.StopAsync();
        var failed = await Assert.ThrowsAnyAsync<Exception>(async () => await store.GetAsync("c"));
        Assert.True(IsRedisDown(failed), failed.ToString());

        await redis.RestartAsync(); // empty: persistence is off
        ConversationState? recovered = null;
        for (var attempt = 0; attempt < 100 && recovered is null; attempt++)
        {
            // A bounded wait for the reconnection, not a timing assertion.
            try
            {
                await store.SetAsync("c", state);
                recovered = await store.GetAsync("c");
            }
            catch (Exception ex) when (IsRedisDown(ex))
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(state, recovered);
    }

    [Fact]
    public void A_malformed_Redis_setting_is_named()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new RedisConnection("127.0.0.1:6379,notAnOption=1", NullLogger<RedisConnection>.Instance));
        Assert.Contains("ConnectionStrings:Redis", refused.Message);
    }

    /// <summary>What StackExchange.Redis throws while the server is away: a connection error, or a timeout in its backlog.</summary>
    private static bool IsRedisDown(Exception ex) => ex is RedisException or TimeoutException;

    private sealed class FixedAnswerOptions(AnswerOptions value) : IOptionsMonitor<AnswerOptions>
    {
        public AnswerOptions CurrentValue => value;
        public AnswerOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AnswerOptions, string?> listener) => null;
    }
}
