using AcuBot.Bot.Conversation;
using AcuBot.Knowledge.Documents;

namespace AcuBot.Bot.Turn;

/// <summary>The section of a conversation's last answer: remembered after an answer, found again for a follow-up.</summary>
public sealed class ConversationMemory(IConversationStateStore conversations, TimeProvider clock)
{
    public ConversationState? Recall(string? conversationId) => conversationId is null ? null : conversations.Get(conversationId);

    /// <summary>The remembered section in the turn's index (the index may have been reloaded since the answer).</summary>
    public Section? SectionOf(TurnSignals turn) => turn.Context is { } state
        ? turn.Knowledge.Index.Knowledge.Sections.FirstOrDefault(s => s.Title == state.SectionTitle && s.SourceFile == state.SourceFile)
        : null;

    public BotReply Remember(TurnSignals turn, BotReply reply)
    {
        if (turn.ConversationId is { } id && reply.SectionTitle is not null && reply.SourceFile is not null)
            conversations.Set(id, new ConversationState(reply.SectionTitle, reply.SourceFile, clock.GetUtcNow()));
        return reply;
    }
}
