namespace AcuBot.Bot.Conversation;

/// <summary>What the bot remembers of a conversation: the section of its last answer, for follow-ups.</summary>
public sealed record ConversationState(string SectionTitle, string SourceFile, DateTimeOffset UpdatedAt);

/// <summary>
/// Per-conversation memory. In memory by default; a shared store (Redis) replaces it for several
/// instances, so its calls are asynchronous: a network store is waited for without holding a thread.
/// </summary>
public interface IConversationStateStore
{
    ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken = default);
    ValueTask SetAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default);
}
