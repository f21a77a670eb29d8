using System.Collections.Concurrent;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>
/// Direct Line conversations in process memory. Each keeps its latest activities (bounded) and a
/// completion that is replaced at every append, which wakes the streams waiting on it. Conversations idle
/// for longer than the timeout are dropped as new ones are created.
/// </summary>
public sealed class InMemoryDirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock) : IDirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private long _lastSweepTicks;

    public DirectLineConversationInfo Create(string conversationId, string userId)
    {
        SweepIfDue();
        var conversation = _conversations.GetOrAdd(conversationId, id => new Conversation(id, userId, clock.GetUtcNow()));
        return conversation.Info;
    }

    public DirectLineConversationInfo? Find(string conversationId) => Get(conversationId)?.Info;

    public bool TryStart(string conversationId)
    {
        var conversation = Get(conversationId) ?? throw new KeyNotFoundException(conversationId);
        lock (conversation)
        {
            if (conversation.Started) return false;
            conversation.Started = true;
            return true;
        }
    }

    public string Append(string conversationId, Activity activity)
    {
        var conversation = Get(conversationId) ?? throw new KeyNotFoundException(conversationId);
        TaskCompletionSource woken;
        string id;
        lock (conversation)
        {
            var watermark = ++conversation.LastWatermark;
            id = $"{conversationId}|{watermark:D7}";
            activity.Id = id;
            conversation.Activities.Add((watermark, activity));
            var excess = conversation.Activities.Count - options.Value.MaxActivitiesPerConversation;
            if (excess > 0) conversation.Activities.RemoveRange(0, excess);
            conversation.LastActive = clock.GetUtcNow();
            woken = conversation.NewActivities;
            conversation.NewActivities = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
        return id;
    }

    public ActivitySet Read(string conversationId, long? watermark)
    {
        var conversation = Get(conversationId) ?? throw new KeyNotFoundException(conversationId);
        lock (conversation)
        {
            var after = conversation.Activities.Where(a => watermark is null || a.Watermark > watermark).Select(a => a.Activity).ToArray();
            return new ActivitySet(after, conversation.LastWatermark.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var conversation = Get(conversationId) ?? throw new KeyNotFoundException(conversationId);
        Task next;
        lock (conversation)
        {
            if (conversation.LastWatermark > watermark) return;
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
        foreach (var (id, conversation) in _conversations)
            if (now - conversation.LastActive > options.Value.ConversationTimeout)
                _conversations.TryRemove(KeyValuePair.Create(id, conversation));
    }

    private sealed class Conversation(string id, string userId, DateTimeOffset created)
    {
        public List<(long Watermark, Activity Activity)> Activities { get; } = [];
        public long LastWatermark { get; set; }
        public bool Started { get; set; }
        public DateTimeOffset LastActive { get; set; } = created;
        public TaskCompletionSource NewActivities { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DirectLineConversationInfo Info => new(id, userId, Started);
    }
}
