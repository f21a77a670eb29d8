using System.Collections.Concurrent;
using System.Text.Json;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>
/// Direct Line conversations in process memory. Each keeps its latest activities, serialized, within a
/// count and a byte budget; all of them together stay within DirectLine:MaxStoredBytes, the least
/// recently active conversations being forgotten first when they would not. A completion replaced at
/// every append wakes the streams waiting on it. Conversations idle for longer than the timeout are
/// dropped as new ones are created.
/// </summary>
public sealed class InMemoryDirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock) : IDirectLineConversationStore
{
    /// <summary>What a conversation costs before any activity: its entry, ids, lock and completion source (an estimate).</summary>
    internal const int ConversationOverheadBytes = 1024;

    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _storedBytes;
    private long _lastSweepTicks;

    /// <summary>Bytes held by all conversations (activities and overheads), as counted against DirectLine:MaxStoredBytes.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public int Count => _conversations.Count;

    public Task<DirectLineConversationInfo> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Create(conversationId, userId));

    private DirectLineConversationInfo Create(string conversationId, string userId)
    {
        SweepIfDue();
        // The factory may run and lose a race to another thread's value: only the one stored is counted.
        Conversation? created = null;
        var conversation = _conversations.GetOrAdd(conversationId, id => created = new Conversation(id, userId, clock.GetUtcNow()));
        if (ReferenceEquals(conversation, created))
        {
            Interlocked.Add(ref _storedBytes, ConversationOverheadBytes);
            EvictIfOverBudget();
        }
        return conversation.Info;
    }

    public Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Get(conversationId)?.Info);

    public Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult(TryStart(conversationId));

    private bool TryStart(string conversationId)
    {
        if (Get(conversationId) is not { } conversation) return false;
        lock (conversation)
        {
            if (conversation.Started) return false;
            conversation.Started = true;
            return true;
        }
    }

    public Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(conversationId, activity));

    private string? Append(string conversationId, Activity activity)
    {
        if (Get(conversationId) is not { } conversation) return null;
        var limits = options.Value;
        TaskCompletionSource woken;
        string id;
        lock (conversation)
        {
            var watermark = ++conversation.LastWatermark;
            id = $"{conversationId}|{watermark:D7}";
            activity.Id = id;
            // A turn may still be replying to a conversation forgotten meanwhile: its replies have nowhere to go.
            if (conversation.Forgotten) return null;

            var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
            conversation.Activities.Add((watermark, json));
            var change = (long)json.Length;
            // The newest activity is always kept, even alone over the budget: a reply is never lost before it is read.
            while (conversation.Activities.Count > 1 &&
                   (conversation.Activities.Count > limits.MaxActivitiesPerConversation || conversation.Bytes + change > limits.MaxTranscriptBytes))
            {
                change -= conversation.Activities[0].Json.Length;
                conversation.Activities.RemoveAt(0);
            }
            conversation.Bytes += change;
            Interlocked.Add(ref _storedBytes, change);
            conversation.LastActive = clock.GetUtcNow();
            woken = conversation.NewActivities;
            conversation.NewActivities = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
        EvictIfOverBudget();
        return id;
    }

    public Task TouchAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        if (Get(conversationId) is { } conversation)
            lock (conversation) conversation.LastActive = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task<TranscriptPage?> ReadAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(conversationId, watermark));

    private TranscriptPage? Read(string conversationId, long? watermark)
    {
        if (Get(conversationId) is not { } conversation) return null;
        lock (conversation)
        {
            var after = conversation.Activities.Where(a => watermark is null || a.Watermark > watermark).Select(a => a.Json).ToArray();
            return new TranscriptPage(after, conversation.LastWatermark);
        }
    }

    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        if (Get(conversationId) is not { } conversation) return;
        Task next;
        lock (conversation)
        {
            if (conversation.LastWatermark > watermark || conversation.Forgotten) return;
            next = conversation.NewActivities.Task;
        }
        await next.WaitAsync(cancellationToken);
    }

    private Conversation? Get(string conversationId) => _conversations.GetValueOrDefault(conversationId);

    private void SweepIfDue()
    {
        var now = clock.GetUtcNow();
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.FromMinutes(1).Ticks) return;
        if (Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last) return;
        foreach (var (_, conversation) in _conversations)
            if (now - conversation.LastActive > options.Value.ConversationTimeout)
                Forget(conversation);
    }

    /// <summary>Over the budget, forgets the least recently active conversations until a tenth of it is free again.</summary>
    private void EvictIfOverBudget()
    {
        var budget = options.Value.MaxStoredBytes;
        if (budget <= 0 || StoredBytes <= budget) return;
        if (!_evicting.TryEnter()) return; // another thread is already making room
        try
        {
            var target = budget - budget / 10;
            foreach (var conversation in _conversations.Values.OrderBy(c => c.LastActive).ToArray())
            {
                if (StoredBytes <= target) break;
                Forget(conversation);
            }
        }
        finally
        {
            _evicting.Exit();
        }
    }

    private void Forget(Conversation conversation)
    {
        if (!_conversations.TryRemove(KeyValuePair.Create(conversation.Id, conversation))) return;
        TaskCompletionSource woken;
        long freed;
        lock (conversation)
        {
            conversation.Forgotten = true;
            freed = conversation.Bytes + ConversationOverheadBytes;
            conversation.Activities.Clear();
            conversation.Bytes = 0;
            woken = conversation.NewActivities;
        }
        Interlocked.Add(ref _storedBytes, -freed);
        woken.TrySetResult(); // its streams see it is gone
    }

    private sealed class Conversation(string id, string userId, DateTimeOffset created)
    {
        public string Id => id;
        public List<(long Watermark, byte[] Json)> Activities { get; } = [];
        public long Bytes { get; set; }
        public long LastWatermark { get; set; }
        public bool Started { get; set; }
        public bool Forgotten { get; set; }
        public DateTimeOffset LastActive { get; set; } = created;
        public TaskCompletionSource NewActivities { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DirectLineConversationInfo Info => new(id, userId, Started);
    }
}
