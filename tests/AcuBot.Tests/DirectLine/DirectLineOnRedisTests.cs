using AcuBot.DirectLine;
using AcuBot.Storage;
using AcuBot.Tests.Support;
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
        await using var watcher = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        for (var i = 0; i < 100 && await SubscribersAsync(watcher) == 0; i++) await Task.Delay(50); // A listens for typing (a bounded wait)

        var posted = await new DirectLineClient(b.Client).SayAsync(conversation, "Does acupuncture hurt?");
        var postedId = posted.GetProperty("id").GetString()!;
        var reply = await stream.WaitForAsync(x => x.TryGetProperty("replyToId", out var to) && to.GetString() == postedId && x.GetProperty("type").GetString() == "message");

        Assert.Contains("pinch", StreamReader.Text(reply), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(stream.Activities, x => StreamReader.Id(x) == postedId); // the echo, from B, on A's stream
        // B's typing indicator, relayed: on A's stream, at the echo's watermark, before the answer.
        var activities = stream.Activities.ToList();
        var typing = activities.FindIndex(x => x.GetProperty("type").GetString() == "typing");
        Assert.True(typing >= 0, "the typing indicator of B's turn did not reach A's stream");
        Assert.True(typing < activities.FindIndex(x => StreamReader.Id(x) == StreamReader.Id(reply)));
        var ids = stream.Activities.Where(x => x.GetProperty("type").GetString() != "typing").Select(StreamReader.Id).ToArray();
        Assert.Equal(ids.Distinct(), ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // in watermark order
        // A's transcript is B's: the same activities, read through either instance.
        var (throughA, _) = await new DirectLineClient(a.Client).ReadAsync(conversation);
        var (throughB, _) = await new DirectLineClient(b.Client).ReadAsync(conversation);
        Assert.Equal(throughA.Select(StreamReader.Id), throughB.Select(StreamReader.Id));
        Assert.Equal(throughA.Select(StreamReader.Id), ids); // the stream had each stored activity once
    }

    private static async Task<long> SubscribersAsync(StackExchange.Redis.ConnectionMultiplexer redis)
    {
        var counts = (StackExchange.Redis.RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", RedisEphemeralRelay.Channel.ToString()))!;
        return (long)counts[1];
    }
}
