using System.Text.Json.Serialization;
using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>The Direct Line 3.0 Conversation object: what starting, reconnecting and token calls return.</summary>
public sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl);

/// <summary>The body of <c>tokens/generate</c> and of starting a conversation with the secret: optionally, the user it is for.</summary>
public sealed record TokenRequest([property: JsonPropertyName("user")] ChannelAccount? User);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DirectLineGrant))]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(EchoChannelData))]
[JsonSerializable(typeof(ResourceResponse))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
