using System.Text.Json.Serialization;

namespace AcuBot.Bot;

/// <summary>
/// Machine-readable facts about a reply, sent as the Activity's <c>channelData</c> so that clients,
/// tests and the <c>eval</c> command can tell an answer from a fallback without parsing prose.
/// </summary>
public sealed record ReplyMetadata(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("section")] string? Section,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("confidence")] double? Confidence);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplyMetadata))]
public sealed partial class BotJsonContext : JsonSerializerContext;
