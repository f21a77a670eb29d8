using System.Text.Json;
using System.Text.Json.Serialization;
using AcuBot.Bot.Conversation;
using AcuBot.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>
/// The turn's conversation state (the section of the last answer, for follow-ups) in Redis, so a
/// follow-up is understood whichever instance it reaches. One key per conversation, holding the section's
/// title and file and when it was answered (never what the patient wrote), expiring after
/// Answers:ConversationTimeout of inactivity as the in-memory store's entries do: Redis bounds the memory.
/// </summary>
public sealed class RedisConversationStateStore(RedisConnection redis, IOptionsMonitor<AnswerOptions> options) : IConversationStateStore
{
    private const string Prefix = RedisConnection.KeyPrefix + "state:";

    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var value = await redis.Database.StringGetAsync(Key(conversationId)).WaitAsync(cancellationToken);
        if (value.IsNullOrEmpty) return null;
        try
        {
            return JsonSerializer.Deserialize(value.ToString(), StorageJsonContext.Default.ConversationState);
        }
        catch (JsonException)
        {
            return null; // not a value this build wrote: as good as none
        }
    }

    public async ValueTask SetAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(state, StorageJsonContext.Default.ConversationState);
        await redis.Database.StringSetAsync(Key(conversationId), json, options.CurrentValue.ConversationTimeout).WaitAsync(cancellationToken);
    }

    public static RedisKey Key(string conversationId) => Prefix + conversationId;
}

[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
