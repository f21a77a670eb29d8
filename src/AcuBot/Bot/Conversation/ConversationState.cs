namespace AcuBot.Bot.Conversation;

/// <summary>What the bot remembers of a conversation: the section of its last answer, for follow-ups.</summary>
public sealed record ConversationState(string SectionTitle, string SourceFile, DateTimeOffset UpdatedAt);

/// <summary>Per-conversation memory. In memory by default; a shared store can replace it for several instances.</summary>
public interface IConversationStateStore
{
    ConversationState? Get(string conversationId);
    void Set(string conversationId, ConversationState state);
}
