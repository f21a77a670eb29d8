using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>A conversation as the store keeps it: who it is for, and whether the bot has welcomed them.</summary>
public sealed record DirectLineConversationInfo(string ConversationId, string UserId, bool Started);

/// <summary>
/// The Direct Line conversations: their activities in order, each with a watermark (its position), and
/// a way to wait for new ones. In memory by default; behind this interface so that a shared store can let
/// several bot instances serve one conversation.
/// </summary>
public interface IDirectLineConversationStore
{
    /// <summary>Registers a conversation (idempotent); returns what the store holds for it.</summary>
    DirectLineConversationInfo Create(string conversationId, string userId);

    DirectLineConversationInfo? Find(string conversationId);

    /// <summary>Marks the conversation started; true only for the call that started it (false when it is gone).</summary>
    bool TryStart(string conversationId);

    /// <summary>
    /// Appends an activity, giving it its id ("{conversationId}|{watermark}"); returns that id, or null
    /// when the conversation is gone. The store keeps the activity as it is now (serialized): later
    /// changes to the object are not seen.
    /// </summary>
    string? Append(string conversationId, Activity activity);

    /// <summary>Counts as activity in the conversation (an open stream), so that it is not forgotten as idle.</summary>
    void Touch(string conversationId);

    /// <summary>The activities after <paramref name="watermark"/> (all when null) and the watermark after them; null when the conversation is gone.</summary>
    TranscriptPage? Read(string conversationId, long? watermark);

    /// <summary>
    /// Completes when the conversation has activities after <paramref name="watermark"/>, when it is gone,
    /// or on cancellation.
    /// </summary>
    Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken);
}
