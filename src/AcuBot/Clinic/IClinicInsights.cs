using AcuBot.Bot;

namespace AcuBot.Clinic;

/// <summary>One day's counts: questions asked (answered or not; not small talk, red flags or empty messages) and answered.</summary>
public sealed record DayCounts(DateOnly Day, int Asked, int Answered);

/// <summary>What the insights page shows, summed over its days: counts only, never what a patient wrote.</summary>
public sealed record InsightTotals(IReadOnlyList<DayCounts> Days, IReadOnlyDictionary<string, int> RedFlagsByRule, IReadOnlyDictionary<string, int> AnswersBySection)
{
    public int Asked => Days.Sum(d => d.Asked);
    public int Answered => Days.Sum(d => d.Answered);

    /// <summary>Answered out of asked, 0-1; null with nothing asked.</summary>
    public double? AnswerRate => Asked == 0 ? null : (double)Answered / Asked;
}

/// <summary>
/// Counts of what the bot did, per day, for the clinic's insights page: questions asked and answered,
/// red flags by rule, answers by section. Aggregates only: no message text, no conversation, no
/// address. Kept as long as the unanswered log keeps questions (Unanswered:RetentionDays).
/// </summary>
public interface IClinicInsights
{
    /// <summary>
    /// Counts one reply of a turn; the CLI's (<c>ask</c>, <c>eval</c>, <c>check</c>) are not patients' and are
    /// left out, and so is a fallback to a message that is no question in words (<see cref="Unanswered.WorthRecording"/>).
    /// <paramref name="text"/> is only looked at, never kept.
    /// </summary>
    void Count(string? channelId, string? text, BotReply reply);

    /// <summary>The counts of the <paramref name="days"/> days up to today (UTC), every day present.</summary>
    InsightTotals Read(int days);
}

public sealed class NoClinicInsights : IClinicInsights
{
    public void Count(string? channelId, string? text, BotReply reply) { }

    public InsightTotals Read(int days) => new([], new Dictionary<string, int>(), new Dictionary<string, int>());
}
