using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Conformance;

/// <summary>
/// Replies POSTed to a connector built from the Bot Framework JS SDK's own ChannelServiceRoutes
/// (botbuilder 4.23.3, tests/peer/connector.js), standing in for the Emulator's: the SDK accepts and
/// parses every one, and the requests look like an SDK bot's.
/// </summary>
public sealed class ChannelServiceRoutesTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private NodePeer _connector = null!;
    private string _serviceUrl = "";

    public async Task InitializeAsync()
    {
        _connector = await NodePeer.StartAsync("connector.js");
        var listening = await _connector.WaitForAsync("listening");
        _serviceUrl = $"http://127.0.0.1:{listening.GetProperty("port").GetInt32()}";
        _server = await BotServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task The_SDK_connector_accepts_and_parses_the_welcome_and_the_answer()
    {
        var conversationId = "conformance-" + Guid.NewGuid().ToString("N");

        var joined = Activity("conversationUpdate", conversationId, "update-1");
        joined["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1", ["name"] = "Patient" });
        using (var response = await _server.Client.PostActivityAsync(joined)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = await _connector.WaitForAsync("reply");

        var question = Activity("message", conversationId, "message-1");
        question["text"] = "Does acupuncture hurt?";
        using (var response = await _server.Client.PostActivityAsync(question)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await _connector.WaitForAsync("reply");

        foreach (var (reply, inReplyTo) in new[] { (welcome, "update-1"), (answer, "message-1") })
        {
            Assert.Equal("replyToActivity", reply.GetProperty("operation").GetString());
            Assert.Equal(conversationId, reply.GetProperty("conversationId").GetString());
            Assert.Equal(inReplyTo, reply.GetProperty("activityId").GetString());

            var activity = reply.GetProperty("activity");
            Assert.Equal("message", activity.GetProperty("type").GetString());
            Assert.Equal(inReplyTo, activity.GetProperty("replyToId").GetString());
            Assert.Equal("bot-1", activity.GetProperty("from").GetProperty("id").GetString());
            Assert.Equal("user-1", activity.GetProperty("recipient").GetProperty("id").GetString());
            Assert.Equal(conversationId, activity.GetProperty("conversation").GetProperty("id").GetString());
            Assert.Equal("emulator", activity.GetProperty("channelId").GetString());
            Assert.False(string.IsNullOrEmpty(activity.GetProperty("channelData").GetProperty("kind").GetString()));
            activity.AssertCarriesDisclaimer();

            // As an SDK bot sends it: a Content-Length (not chunked), a User-Agent naming the bot, the conversation header.
            var headers = reply.GetProperty("headers");
            Assert.Equal(reply.GetProperty("bodyBytes").GetInt32().ToString(), headers.GetProperty("content-length").GetString());
            Assert.False(headers.TryGetProperty("transfer-encoding", out _), "the reply was sent chunked");
            Assert.Matches(@"AcuBot/\d+\.\d+", headers.GetProperty("user-agent").GetString());
            Assert.Equal(conversationId, headers.GetProperty("x-ms-conversation-id").GetString());
            Assert.StartsWith("application/json", headers.GetProperty("content-type").GetString());
        }

        var suggested = welcome.GetProperty("activity").GetProperty("suggestedActions");
        Assert.Equal(["user-1"], suggested.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(RepoPaths.ExampleQuestions.Count, suggested.GetProperty("actions").GetArrayLength());
        Assert.All(suggested.GetProperty("actions").EnumerateArray(), action => Assert.Equal("imBack", action.GetProperty("type").GetString()));
        Assert.Equal("welcome", welcome.GetProperty("activity").GetProperty("channelData").GetProperty("kind").GetString());
        Assert.Contains("slight pinch", answer.GetProperty("activity").GetProperty("text").GetString());
    }

    private JsonObject Activity(string type, string conversationId, string id) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["channelId"] = "emulator",
        ["serviceUrl"] = _serviceUrl,
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Patient", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
    };
}
