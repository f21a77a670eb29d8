using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>A conversation as the store keeps it: who it is for, and whether the bot has welcomed them.</summary>
public sealed record DirectLineConversationInfo(string ConversationId, string UserId, bool Started);

/// <summary>
/// The Direct Line conversations: their activities in order, each with a watermark (its position), and
/// a way to wait for new ones. In process memory by default; in Redis with <c>ConnectionStrings:Redis</c>,
/// so that several bot instances serve one conversation. Asynchronous because a shared store is a network
/// away; a store that cannot be reached throws (the endpoints answer 503).
/// </summary>
public interface IDirectLineConversationStore
{
    /// <summary>Registers a conversation (idempotent); returns what the store holds for it.</summary>
    Task<DirectLineConversationInfo> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken = default);

    Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Marks the conversation started; true only for the call that started it (false when it is gone).</summary>
    Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an activity, giving it its id ("{conversationId}|{watermark}"); returns that id, or null
    /// when the conversation is gone. The store keeps the activity as it is now (serialized): later
    /// changes to the object are not seen. Watermarks are unique and increase in the order activities are
    /// appended, whichever instance appends them.
    /// </summary>
    Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>Counts as activity in the conversation (an open stream), so that it is not forgotten as idle.</summary>
    Task TouchAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The activities after <paramref name="watermark"/> (all when null) and the watermark after them; null when the conversation is gone.</summary>
    Task<TranscriptPage?> ReadAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the conversation has activities after <paramref name="watermark"/> (appended by any
    /// instance), when it is gone, or on cancellation.
    /// </summary>
    Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken);
}
