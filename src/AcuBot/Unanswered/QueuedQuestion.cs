using AcuBot.Bot;

namespace AcuBot.Unanswered;

/// <summary>
/// A question on its way to an unanswered-question store: already what the store may keep of it
/// (<see cref="StoredQuestion"/>: cut, redacted, no control characters), with the form it is grouped by.
/// </summary>
internal readonly record struct QueuedQuestion(string Question, string Normalized, DateTimeOffset At, double? Confidence)
{
    /// <summary>The question as queued, or null when it is not worth keeping (not a question in words).</summary>
    public static QueuedQuestion? Of(string question, int maxLength, double? confidence, TimeProvider clock) =>
        StoredQuestion.Of(question, maxLength) is { } text
            ? new QueuedQuestion(text, new MessageText(text).Joined, clock.GetUtcNow(), confidence)
            : null;
}
