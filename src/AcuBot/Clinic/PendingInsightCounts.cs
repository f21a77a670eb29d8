using System.Collections.Concurrent;
using AcuBot.Bot;
using AcuBot.Unanswered;

namespace AcuBot.Clinic;

/// <summary>One counter of the insight counts: a day, what is counted, and of what (a rule, a section; empty for none).</summary>
internal readonly record struct InsightCounter(DateOnly Day, string Metric, string Key);

/// <summary>
/// What each reply adds to the clinic's counts, and the counts waiting in memory until an insights store
/// (SQLite or PostgreSQL) adds them to its table: a turn only adds one to a counter here, so a busy bot writes
/// one small transaction every few seconds whatever its load. Both stores count through this one class, so
/// the page means the same whichever store is configured.
/// </summary>
internal sealed class PendingInsightCounts
{
    /// <summary>The metrics, as stored in the table's <c>metric</c> column.</summary>
    public const string Asked = "asked", Answered = "answered", RedFlag = "redflag", Section = "section";

    /// <summary>The channel of the command line (<c>ask</c>, <c>eval</c>, <c>check</c>): its questions are not patients'.</summary>
    public const string CliChannel = "cli";

    /// <summary>
    /// Counters waiting at most: a day has a handful (asked, answered, one per red-flag rule and per section),
    /// so the cap only matters when keys run wild; a new counter past it is not counted.
    /// </summary>
    public const int MaxPendingCounters = 10_000;

    /// <summary>A rule or section title longer than this is cut, so no key is unbounded.</summary>
    public const int MaxKeyLength = 200;

    private readonly ConcurrentDictionary<InsightCounter, int> _pending = new();

    /// <summary>
    /// Counts one reply: an answer is a question asked and answered (and one for its section); a fallback is a
    /// question asked only if it is one in words (<see cref="WorthRecording"/>); a red flag counts by its rule.
    /// Small talk, welcomes and the rest count nothing. <paramref name="text"/> is only looked at, never kept.
    /// </summary>
    public void Count(DateOnly day, string? channelId, string? text, BotReply reply)
    {
        if (channelId == CliChannel) return;
        switch (reply.Kind)
        {
            case ReplyKind.Answer:
                Add(day, Asked, "");
                Add(day, Answered, "");
                if (reply.SectionTitle is { } section) Add(day, Section, section);
                break;
            case ReplyKind.Fallback or ReplyKind.NoKnowledge:
                if (WorthRecording.IsQuestionInWords(text ?? "")) Add(day, Asked, "");
                break;
            case ReplyKind.Urgent:
                Add(day, RedFlag, reply.RedFlagRule ?? "red flag");
                break;
        }
    }

    /// <summary>
    /// Takes out every counter to write. Each is removed as it is taken, so a count added meanwhile starts a
    /// new counter (written next time), never lost.
    /// </summary>
    public IReadOnlyList<(InsightCounter Counter, int Count)> TakeAll()
    {
        var taken = new List<(InsightCounter, int)>();
        foreach (var counter in _pending.Keys)
            if (_pending.TryRemove(counter, out var n)) taken.Add((counter, n));
        return taken;
    }

    /// <summary>Puts back what could not be written, added to what was counted meanwhile, for the next write.</summary>
    public void PutBack(IEnumerable<(InsightCounter Counter, int Count)> taken)
    {
        foreach (var (counter, n) in taken) _pending.AddOrUpdate(counter, n, (_, m) => m + n);
    }

    private void Add(DateOnly day, string metric, string key)
    {
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        var counter = new InsightCounter(day, metric, key);
        if (_pending.Count >= MaxPendingCounters && !_pending.ContainsKey(counter)) return;
        _pending.AddOrUpdate(counter, 1, (_, n) => n + 1);
    }
}
