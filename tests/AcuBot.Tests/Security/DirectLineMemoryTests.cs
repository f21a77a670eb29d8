using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Bot.Conversation;
using AcuBot.DirectLine;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using StreamReader = AcuBot.Tests.DirectLine.StreamReader;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, High 1: what a Direct Line client posts must not make the bot keep more than it needs.
/// Each test is an attack that made memory grow without bound before the fix.
/// </summary>
public class DirectLineMemoryTests
{
    private const string Secret = "memory-tests-secret";

    [Fact]
    public async Task A_padded_activity_is_kept_as_its_text_cut_to_the_message_limit_and_nothing_else()
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(server.Client);
        var conversation = await client.StartAsync();

        // Close to the 256 KB body limit: a long text, a long name, big attachments, channel data and unknown fields.
        var padding = new string('x', 20_000);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = conversation.UserId, ["name"] = padding, ["extra"] = padding },
            ["text"] = new string('a', 100_000),
            ["channelData"] = new JsonObject { ["clientActivityID"] = "client-1", ["padding"] = padding },
            ["attachments"] = new JsonArray(Enumerable.Range(0, 3).Select(_ => (JsonNode)new JsonObject { ["contentType"] = "text/plain", ["content"] = padding }).ToArray()),
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "x", ["padding"] = padding }),
            ["unknownField"] = padding,
        };
        using var posted = await Post(server, conversation, activity);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        using var read = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation.Id}/activities?watermark=1", conversation.Token);
        var body = await read.Content.ReadAsStringAsync();
        Assert.True(body.Length < 10_000, $"the transcript after one padded message is {body.Length} characters");

        var activities = JsonDocument.Parse(body).RootElement.GetProperty("activities").EnumerateArray().ToArray();
        var echo = activities[0];
        Assert.Equal(1000, StreamReader.Text(echo).Length);
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(["clientActivityID"], echo.GetProperty("channelData").EnumerateObject().Select(p => p.Name));
        Assert.False(echo.TryGetProperty("attachments", out _));
        Assert.False(echo.TryGetProperty("entities", out _));
        Assert.False(echo.TryGetProperty("unknownField", out _));
        Assert.True(echo.GetProperty("from").GetProperty("name").GetString()!.Length <= IncomingActivity.MaxNameLength);

        // The turn still saw the whole message, and said it was too long.
        var answer = activities.Last();
        Assert.Contains("100000 characters", StreamReader.Text(answer));
        Assert.True(answer.GetProperty("recipient").GetProperty("name").GetString()!.Length <= IncomingActivity.MaxNameLength);
    }

    [Fact]
    public async Task A_conversation_keeps_its_latest_activities_within_its_byte_budget()
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}", "--DirectLine:MaxTranscriptBytes=20000");
        var client = new DirectLineClient(server.Client);
        var conversation = await client.StartAsync();

        for (var i = 0; i < 30; i++)
            await client.SayAsync(conversation, $"question {i} " + new string('q', 900));
        await client.SayAsync(conversation, "Does acupuncture hurt?");

        using var read = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
        var body = await read.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length <= 20_000 + 100, $"the transcript is {body.Length} bytes, over its budget of 20000");
        var set = JsonDocument.Parse(body).RootElement;
        var kept = set.GetProperty("activities").EnumerateArray().ToArray();
        Assert.Contains("slight pinch", StreamReader.Text(kept[^1]));
        Assert.Equal(1 + 31 * 2, int.Parse(set.GetProperty("watermark").GetString()!)); // welcome, then echo and answer each (typing is not stored)
    }

    [Fact]
    public async Task Beyond_the_store_budget_the_least_recently_active_conversations_are_forgotten()
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}", "--DirectLine:MaxStoredBytes=60000");
        var client = new DirectLineClient(server.Client);
        var store = (InMemoryDirectLineConversationStore)server.App.Services.GetRequiredService<IDirectLineConversationStore>();

        var oldest = await client.StartAsync("patient-old");
        await client.SayAsync(oldest, "Does acupuncture hurt?");
        Conversation latest = oldest;
        for (var i = 0; i < 30; i++)
        {
            latest = await client.StartAsync($"patient-{i}");
            await client.SayAsync(latest, "What are the risks of acupuncture?");
            Assert.True(store.StoredBytes <= 60_000, $"the store holds {store.StoredBytes} bytes, over its budget of 60000");
        }

        using var forgotten = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{oldest.Id}/activities", oldest.Token);
        Assert.Equal(HttpStatusCode.NotFound, forgotten.StatusCode);
        var (activities, _) = await client.ReadAsync(latest);
        Assert.Contains(activities, a => StreamReader.Text(a).Contains("bruising"));
    }

    [Fact]
    public async Task Reading_the_transcript_is_rate_limited_per_address()
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}", "--Limits:ReadsPerMinutePerAddress=5");
        var client = new DirectLineClient(server.Client);
        var conversation = await client.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation.Id}/activities", conversation.Token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(response.Headers.Contains("Retry-After"));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
    }

    [Fact]
    public async Task An_overlong_conversation_id_on_api_messages_is_refused_and_not_kept()
    {
        await using var server = await BotServer.StartAsync();
        var states = (InMemoryConversationStateStore)server.App.Services.GetRequiredService<IConversationStateStore>();
        var before = states.Count;

        using var response = await server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?", conversationId: new string('c', 100_000)));

        var (code, message) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BadArgument", code);
        Assert.Contains("conversation.id", message);
        Assert.Equal(before, states.Count);
        // A conversation id of an ordinary length is still answered.
        Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?", conversationId: new string('c', 512))));
    }

    [Fact]
    public async Task An_overlong_user_id_from_the_secret_holder_is_refused()
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}");
        var client = new DirectLineClient(server.Client);
        var generated = await client.PostJsonAsync("v3/directline/conversations", Secret);
        var conversationId = generated.GetProperty("conversationId").GetString()!;

        using var response = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", Secret,
            new { type = "message", from = new { id = new string('u', 100_000) }, text = "hi" });

        var (code, message) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BadArgument", code);
        Assert.Contains("from.id", message);
    }

    private static Task<HttpResponseMessage> Post(BotServer server, Conversation conversation, JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversation.Id}/activities")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        return server.Client.SendAsync(request);
    }
}
