using System.Runtime.CompilerServices;
using AcuBot.Bot.Conversation;
using AcuBot.Knowledge.Documents;

namespace AcuBot.Bot.Turn;

/// <summary>
/// The section of a conversation's last answer: remembered after an answer, found again for a follow-up.
/// The store may be across the network (Redis), so it is read before the turn's steps run
/// (<see cref="RecallAsync"/>) and written once they are done (<see cref="SaveAsync"/>); a step only marks
/// its answer as the one to remember (<see cref="Remember"/>), and stays synchronous.
/// </summary>
public sealed class ConversationMemory(IConversationStateStore conversations, TimeProvider clock)
{
    /// <summary>What a turn's step asked to remember, until the turn saves it; nothing outlives its turn.</summary>
    private readonly ConditionalWeakTable<TurnSignals, ConversationState> _toSave = new();

    public ValueTask<ConversationState?> RecallAsync(string? conversationId, CancellationToken cancellationToken = default) =>
        conversationId is null ? ValueTask.FromResult<ConversationState?>(null) : conversations.GetAsync(conversationId, cancellationToken);

    /// <summary>The remembered section in the turn's index (the index may have been reloaded since the answer).</summary>
    public Section? SectionOf(TurnSignals turn) => turn.Context is { } state
        ? turn.Knowledge.Index.Knowledge.Sections.FirstOrDefault(s => s.Title == state.SectionTitle && s.SourceFile == state.SourceFile)
        : null;

    /// <summary>Marks <paramref name="reply"/>'s section as the one to remember when the turn ends.</summary>
    public BotReply Remember(TurnSignals turn, BotReply reply)
    {
        if (turn.ConversationId is not null && reply.SectionTitle is not null && reply.SourceFile is not null)
            _toSave.AddOrUpdate(turn, new ConversationState(reply.SectionTitle, reply.SourceFile, clock.GetUtcNow()));
        return reply;
    }

    /// <summary>Writes what the turn's answer asked to remember, if anything.</summary>
    public ValueTask SaveAsync(TurnSignals turn, CancellationToken cancellationToken = default)
    {
        if (turn.ConversationId is not { } id || !_toSave.TryGetValue(turn, out var state)) return ValueTask.CompletedTask;
        _toSave.Remove(turn);
        return conversations.SetAsync(id, state, cancellationToken);
    }
}
