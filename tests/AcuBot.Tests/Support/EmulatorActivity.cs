using System.Text.Json.Nodes;

namespace AcuBot.Tests.Support;

/// <summary>
/// Activities shaped as the Bot Framework Emulator (v4) sends them to <c>/api/messages</c>, each in a
/// fresh conversation with fresh ids. Emulator conversation ids end in <c>|livechat</c>, which the
/// reply URL has to escape.
/// </summary>
public static class EmulatorActivity
{
    public const string UserName = "User";
    public const string BotName = "Bot";

    public static string NewConversationId() => $"{Guid.NewGuid()}|livechat";

    public static JsonObject Message(string? text, string? serviceUrl, string? conversationId = null, string userId = "9b0cd3f2-5b1e-4a8e-8f43-7f0e8c2d1a11",
        string botId = "4f8b2c6a-1d3e-4b5a-9c7d-2e1f0a3b4c5d")
    {
        var clientActivityId = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{Random.Shared.Next(1_000_000, 9_999_999):x}";
        var activity = new JsonObject
        {
            ["channelData"] = new JsonObject
            {
                ["clientActivityID"] = clientActivityId,
                ["clientTimestamp"] = "2025-03-14T09:26:53.589Z",
            },
            ["textFormat"] = "plain",
            ["type"] = "message",
            ["channelId"] = "emulator",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = UserName, ["role"] = "user" },
            ["locale"] = "en-US",
            ["localTimestamp"] = "2025-03-14T10:26:53+01:00",
            ["localTimezone"] = "Europe/Paris",
            ["attachments"] = new JsonArray(),
            ["entities"] = new JsonArray(new JsonObject
            {
                ["requiresBotState"] = true,
                ["supportsListening"] = true,
                ["supportsTts"] = true,
                ["type"] = "ClientCapabilities",
            }),
            ["conversation"] = new JsonObject { ["id"] = conversationId ?? NewConversationId() },
            ["id"] = Guid.NewGuid().ToString(),
            ["recipient"] = new JsonObject { ["id"] = botId, ["name"] = BotName, ["role"] = "bot" },
            ["timestamp"] = "2025-03-14T09:26:53.601Z",
        };
        if (text is not null) activity["text"] = text;
        if (serviceUrl is not null) activity["serviceUrl"] = serviceUrl;
        return activity;
    }

    /// <summary>The same message asking for its replies in the response body.</summary>
    public static JsonObject ExpectReplies(string? text, string? serviceUrl = null, string? conversationId = null)
    {
        var activity = Message(text, serviceUrl, conversationId);
        activity["deliveryMode"] = "expectReplies";
        return activity;
    }

    /// <summary>A conversationUpdate; <paramref name="added"/> picks who joined ("user", "bot").</summary>
    public static JsonObject ConversationUpdate(string? serviceUrl, params string[] added)
    {
        var activity = Message(null, serviceUrl);
        activity.Remove("textFormat");
        activity.Remove("attachments");
        activity.Remove("entities");
        activity["type"] = "conversationUpdate";
        var members = new JsonArray();
        foreach (var who in added)
        {
            var account = who switch
            {
                "user" => activity["from"]!,
                "bot" => activity["recipient"]!,
                _ => throw new ArgumentException($"unknown member {who}", nameof(added)),
            };
            members.Add(new JsonObject { ["id"] = account["id"]!.GetValue<string>(), ["name"] = account["name"]!.GetValue<string>() });
        }
        activity["membersAdded"] = members;
        return activity;
    }

    public static string ConversationIdOf(JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    public static string IdOf(JsonObject activity) => activity["id"]!.GetValue<string>();
}
