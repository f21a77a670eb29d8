using System.Text.Json;
using System.Text.Json.Serialization;
using AcuBot.Endpoints;
using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>
/// What the bot keeps of an activity a Direct Line client posts: the fields a turn and Web Chat read,
/// each bounded. A body may hold up to Limits:MaxRequestBodyBytes of attachments, entities, channel data
/// and names; the transcript keeps an activity for an hour, so it must not keep those.
/// </summary>
public static class IncomingActivity
{
    public const int MaxTypeLength = 64;
    public const int MaxNameLength = 64;
    public const int MaxLocaleLength = 32;
    public const int MaxClientActivityIdLength = 128;

    /// <summary>A copy holding only type, user, text, format, locale and Web Chat's clientActivityID.</summary>
    /// <param name="maxTextLength">Where to cut the text (the stored echo); null keeps it whole (the turn, which says when it is too long).</param>
    public static Activity Compact(Activity posted, string userId, string conversationId, DateTimeOffset at, int? maxTextLength) => new()
    {
        Type = posted.Type,
        From = new ChannelAccount { Id = userId, Name = Cut(posted.From?.Name, MaxNameLength), Role = RoleTypes.User },
        Recipient = DirectLineEndpoints.BotAccount,
        Conversation = new ConversationAccount { Id = conversationId },
        ChannelId = DirectLineEndpoints.ChannelId,
        Timestamp = at,
        Text = maxTextLength is { } max ? Cut(posted.Text, max) : posted.Text,
        TextFormat = posted.TextFormat is { Length: <= 16 } format ? format : null,
        Locale = Cut(posted.Locale, MaxLocaleLength),
        // Web Chat matches the echo to the message it sent by this id; nothing else in channelData is read.
        ChannelData = ClientActivityId(posted.ChannelData) is { } clientId
            ? JsonSerializer.SerializeToElement(new EchoChannelData(clientId), DirectLineJsonContext.Default.EchoChannelData)
            : null,
    };

    private static string? ClientActivityId(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } data &&
        data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String &&
        id.GetString() is { Length: > 0 and <= MaxClientActivityIdLength } value ? value : null;

    /// <summary>At most <paramref name="max"/> UTF-16 units, never half a surrogate pair (which could not be written back as JSON).</summary>
    internal static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var end = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }
}

/// <summary>The part of a posted activity's channelData that its echo carries back.</summary>
public sealed record EchoChannelData([property: JsonPropertyName("clientActivityID")] string ClientActivityId);
