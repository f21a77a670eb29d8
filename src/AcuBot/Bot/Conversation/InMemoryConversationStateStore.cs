using System.Collections.Concurrent;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Conversation;

/// <summary>
/// Conversation state in process memory. Entries expire after the configured timeout of inactivity;
/// expired entries are swept as new ones are written, so memory stays bounded by recent conversations.
/// </summary>
public sealed class InMemoryConversationStateStore(IOptionsMonitor<AnswerOptions> options, TimeProvider clock) : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    public int Count => _states.Count;

    public ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Get(conversationId));

    public ValueTask SetAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default)
    {
        _states[conversationId] = state;
        SweepIfDue(state.UpdatedAt);
        return ValueTask.CompletedTask;
    }

    private ConversationState? Get(string conversationId)
    {
        if (!_states.TryGetValue(conversationId, out var state)) return null;
        if (!IsExpired(state, clock.GetUtcNow())) return state;
        _states.TryRemove(KeyValuePair.Create(conversationId, state));
        return null;
    }

    private bool IsExpired(ConversationState state, DateTimeOffset now) => now - state.UpdatedAt > options.CurrentValue.ConversationTimeout;

    private void SweepIfDue(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.FromMinutes(1).Ticks) return;
        if (Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last) return;
        foreach (var (id, state) in _states)
            if (IsExpired(state, now)) _states.TryRemove(KeyValuePair.Create(id, state));
    }
}
