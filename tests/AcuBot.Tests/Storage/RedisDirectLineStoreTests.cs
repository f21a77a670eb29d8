using System.Text.Json;
using AcuBot.DirectLine;
using AcuBot.Protocol.Schema;
using AcuBot.Storage;
using AcuBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AcuBot.Tests.Storage;

/// <summary>
/// Issue 13, item 1 (Direct Line): the conversations in Redis (a real redis-server the test starts), each
/// store with its own connection as two bot instances would have: what one appends the other reads and is
/// woken by, watermarks unique and in order under appends from both, the trimming and the expiry of the
/// in-memory store.
/// </summary>
public sealed class RedisDirectLineStoreTests : RedisPerTest
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(15); // a wait that cannot hang the run, not a timing assertion

    [RedisFact]
    public async Task What_one_instance_appends_wakes_a_stream_waiting_on_another_and_is_read_there()
    {
        var a = NewStore();
        var b = NewStore();
        await a.CreateAsync("c1", "patient-1");
        Assert.Equal(new DirectLineConversationInfo("c1", "patient-1", false), await b.FindAsync("c1"));
        Assert.True(await b.TryStartAsync("c1"));
        Assert.False(await a.TryStartAsync("c1")); // started once, whichever instance asks
        Assert.True((await a.FindAsync("c1"))!.Started);

        var waiting = b.WaitForActivitiesAsync("c1", 0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        var id = await a.AppendAsync("c1", Message("Does acupuncture hurt?"));
        await waiting.WaitAsync(Bounded);

        Assert.Equal("c1|0000001", id);
        var page = await b.ReadAsync("c1", 0);
        Assert.NotNull(page);
        Assert.Equal(1, page.Watermark);
        var activity = Parse(page).Single();
        Assert.Equal("c1|0000001", activity.GetProperty("id").GetString());
        Assert.Equal("Does acupuncture hurt?", activity.GetProperty("text").GetString());
        Assert.Empty(Parse((await b.ReadAsync("c1", 1))!));
    }

    [RedisFact]
    public async Task Every_append_is_published_for_the_other_instances_streams()
    {
        var store = NewStore();
        await store.CreateAsync("c2", "patient-2");
        await using var listener = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await listener.GetSubscriber().SubscribeAsync(RedisDirectLineConversationStore.AppendedChannel, (_, message) => heard.TrySetResult(message!));

        await store.AppendAsync("c2", Message("hello"));

        Assert.Equal("c2", await heard.Task.WaitAsync(Bounded));
    }

    [RedisFact]
    public async Task Watermarks_stay_unique_and_in_order_under_appends_from_two_instances_at_once()
    {
        var a = NewStore();
        var b = NewStore();
        await a.CreateAsync("busy", "patient-3");

        var appends = Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).AppendAsync("busy", Message($"message {i}")))).ToArray();
        var ids = await Task.WhenAll(appends);

        Assert.Equal(200, ids.Distinct().Count());
        var watermarks = ids.Select(id => DirectLineStreams.WatermarkOf(id)!.Value).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), watermarks);
        var page = (await b.ReadAsync("busy", null))!;
        Assert.Equal(200, page.Watermark);
        var stored = Parse(page).Select(x => DirectLineStreams.WatermarkOf(x.GetProperty("id").GetString())!.Value).ToArray();
        Assert.Equal(watermarks, stored); // read back in watermark order, each once
        // Each id is the one its append returned, for the text that append sent.
        var texts = Parse(page).ToDictionary(x => x.GetProperty("id").GetString()!, x => x.GetProperty("text").GetString());
        for (var i = 0; i < ids.Length; i++) Assert.Equal($"message {i}", texts[ids[i]!]);
    }

    [RedisFact]
    public async Task Only_the_latest_activities_are_kept_within_the_count_and_byte_budgets()
    {
        var store = NewStore(o => { o.MaxActivitiesPerConversation = 3; o.MaxTranscriptBytes = 1_000_000; });
        var small = NewStore(o => { o.MaxActivitiesPerConversation = 500; o.MaxTranscriptBytes = 1024; });
        await store.CreateAsync("trim", "p");
        await small.CreateAsync("bytes", "p");

        for (var i = 1; i <= 5; i++) await store.AppendAsync("trim", Message($"m{i}"));
        for (var i = 1; i <= 5; i++) await small.AppendAsync("bytes", Message(new string('x', 400) + i));
        await small.AppendAsync("bytes", Message(new string('y', 3000))); // alone over the budget: still kept

        var kept = (await store.ReadAsync("trim", null))!;
        Assert.Equal(5, kept.Watermark);
        Assert.Equal(["m3", "m4", "m5"], Parse(kept).Select(x => x.GetProperty("text").GetString()));
        var newest = Parse((await small.ReadAsync("bytes", null))!);
        Assert.Equal(new string('y', 3000), Assert.Single(newest).GetProperty("text").GetString());
    }

    [RedisFact]
    public async Task A_conversation_expires_after_the_idle_timeout_and_appends_and_streams_refresh_it()
    {
        var store = NewStore(o => o.ConversationTimeout = TimeSpan.FromMinutes(20));
        await store.CreateAsync("idle", "p");
        await store.AppendAsync("idle", Message("hi"));
        await using var client = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var db = client.GetDatabase();
        foreach (var key in new[] { RedisDirectLineConversationStore.MetaKey("idle"), RedisDirectLineConversationStore.ActivitiesKey("idle") })
        {
            var ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        }
        await db.KeyExpireAsync(RedisDirectLineConversationStore.MetaKey("idle"), TimeSpan.FromMinutes(1));
        await store.TouchAsync("idle"); // an open stream's keep-alive
        Assert.InRange((await db.KeyTimeToLiveAsync(RedisDirectLineConversationStore.MetaKey("idle")))!.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));

        var quick = NewStore(o => o.ConversationTimeout = TimeSpan.FromMilliseconds(200));
        await quick.CreateAsync("gone", "p");
        var waiting = quick.WaitForActivitiesAsync("gone", 0, CancellationToken.None);
        // Redis expires it by itself: a bounded wait for that, then every operation sees it gone.
        for (var i = 0; i < 150 && await quick.FindAsync("gone") is not null; i++) await Task.Delay(100);

        Assert.Null(await quick.FindAsync("gone"));
        Assert.Null(await quick.ReadAsync("gone", null));
        Assert.Null(await quick.AppendAsync("gone", Message("too late")));
        Assert.False(await quick.TryStartAsync("gone"));
        await waiting.WaitAsync(Bounded); // its stream ends instead of waiting forever
    }

    [RedisFact]
    public async Task The_store_keeps_no_patient_text_outside_the_conversations_own_keys()
    {
        var store = NewStore();
        await store.CreateAsync("own", "p");
        await store.AppendAsync("own", Message("My name is Jane Doe"));
        await using var client = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        var keys = client.GetServer(client.GetEndPoints()[0]).Keys(pattern: "*").Select(k => (string)k!).Order().ToArray();

        Assert.Equal([(string)RedisDirectLineConversationStore.ActivitiesKey("own")!, (string)RedisDirectLineConversationStore.MetaKey("own")!], keys);
    }

    private RedisDirectLineConversationStore NewStore(Action<DirectLineOptions>? configure = null)
    {
        var options = new DirectLineOptions();
        configure?.Invoke(options);
        var connection = new RedisConnection(Redis.ConnectionString, NullLogger<RedisConnection>.Instance);
        var store = new RedisDirectLineConversationStore(connection, Microsoft.Extensions.Options.Options.Create(options));
        Own(connection);
        Own(store);
        return store;
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "p" } };

    private static JsonElement[] Parse(TranscriptPage page)
    {
        using var set = JsonDocument.Parse(page.ToUtf8Json());
        return set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()).ToArray();
    }
}
