using AcuBot.DirectLine;
using AcuBot.Storage;
using AcuBot.Protocol.Schema;
using AcuBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.DirectLine;

/// <summary>
/// Issue 13, item 1, through the endpoints: two bots sharing one redis-server and one DirectLine:Secret
/// serve one conversation, whichever of them each request reaches.
/// </summary>
public class DirectLineOnRedisTests
{
    private const string Secret = "redis-tests-secret-0123456789abcdef";

    [RedisFact]
    public async Task A_reply_to_a_message_posted_through_one_instance_arrives_on_a_stream_held_by_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await BotServer.StartAsync($"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}");
        await using var b = await BotServer.StartAsync($"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}");
        Assert.IsType<RedisDirectLineConversationStore>(a.App.Services.GetRequiredService<IDirectLineConversationStore>());

        var conversation = await new DirectLineClient(a.Client).StartAsync("patient-ab");
        await using var stream = await StreamReader.ConnectAsync(conversation.StreamUrl); // held by A
        await stream.WaitForAsync(x => StreamReader.Text(x).Length > 0); // the welcome

        var posted = await new DirectLineClient(b.Client).SayAsync(conversation, "Does acupuncture hurt?");
        var postedId = posted.GetProperty("id").GetString()!;
        var reply = await stream.WaitForAsync(x => x.TryGetProperty("replyToId", out var to) && to.GetString() == postedId && x.GetProperty("type").GetString() == "message");

        Assert.Contains("pinch", StreamReader.Text(reply), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(stream.Activities, x => StreamReader.Id(x) == postedId); // the echo, from B, on A's stream
        var ids = stream.Activities.Where(x => x.GetProperty("type").GetString() != "typing").Select(StreamReader.Id).ToArray();
        Assert.Equal(ids.Distinct(), ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // in watermark order
        // A's transcript is B's: the same activities, read through either instance.
        var (throughA, _) = await new DirectLineClient(a.Client).ReadAsync(conversation);
        var (throughB, _) = await new DirectLineClient(b.Client).ReadAsync(conversation);
        Assert.Equal(throughA.Select(StreamReader.Id), throughB.Select(StreamReader.Id));
        Assert.Equal(throughA.Select(StreamReader.Id), ids); // the stream had each stored activity once
    }

    /// <summary>
    /// Typing indicators are relayed between instances. Checked on the streams' registry, not on a chat: a
    /// stream drops an indicator once the answer is stored, and whether the answer is quicker than the
    /// relay is a race the test must not depend on.
    /// </summary>
    [RedisFact]
    public async Task A_typing_indicator_published_on_one_instance_reaches_the_streams_of_another_and_not_twice_its_own()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connectionA = new RedisConnection(redis.ConnectionString, NullLogger<RedisConnection>.Instance);
        using var connectionB = new RedisConnection(redis.ConnectionString, NullLogger<RedisConnection>.Instance);
        var a = new DirectLineStreams(new RedisEphemeralRelay(connectionA));
        var b = new DirectLineStreams(new RedisEphemeralRelay(connectionB));
        using var onA = a.Subscribe("c-typing");
        using var onB = b.Subscribe("c-typing");
        await using var watcher = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        for (var i = 0; i < 200 && await SubscribersAsync(watcher) < 2; i++) await Task.Delay(50); // both listening (a bounded wait)

        b.Publish("c-typing", 3, new Activity { Type = ActivityTypes.Typing, Id = "c-typing|typing-3" });

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var relayed = await onA.Reader.ReadAsync(bounded.Token);
        Assert.Equal(3, relayed.After);
        Assert.Contains("\"typing\"", System.Text.Encoding.UTF8.GetString(relayed.Utf8Json));
        Assert.EndsWith("],\"watermark\":\"3\"}", System.Text.Encoding.UTF8.GetString(relayed.Utf8Json));
        Assert.True(onB.Reader.TryRead(out _)); // B's own stream, at once
        // B skips its own message when it comes back from Redis: a marker published after it, from A, is the next B gets.
        a.Publish("c-typing", 4, new Activity { Type = ActivityTypes.Typing, Id = "c-typing|typing-4" });
        Assert.Equal(4, (await onB.Reader.ReadAsync(bounded.Token)).After);
    }

    private static async Task<long> SubscribersAsync(StackExchange.Redis.ConnectionMultiplexer redis)
    {
        var counts = (StackExchange.Redis.RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", RedisEphemeralRelay.Channel.ToString()))!;
        return (long)counts[1];
    }
}
