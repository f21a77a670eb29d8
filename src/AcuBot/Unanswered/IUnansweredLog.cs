namespace AcuBot.Unanswered;

/// <summary>A question the bot could not answer, grouped with the others asked the same way.</summary>
public sealed record UnansweredSummary(string Question, int Count, DateTimeOffset LastAsked, double? BestConfidence)
{
    /// <summary>When it was first asked this way (within the log's retention).</summary>
    public DateTimeOffset FirstAsked { get; init; } = LastAsked;
}

/// <summary>
/// Keeps the questions the bot fell back on, so the clinic learns what to add to its documents.
/// Only the question (its personal details taken out), the time and the best score are kept: nothing
/// that identifies who asked.
/// </summary>
public interface IUnansweredLog
{
    /// <summary>Keeps a question for the clinic, unless it is no question in words (<see cref="WorthRecording"/>).</summary>
    void Record(string question, double? bestConfidence);

    /// <summary>The questions asked the same way (same words), most asked first; only those asked since <paramref name="since"/> when given.</summary>
    IReadOnlyList<UnansweredSummary> Summarize(int max = 100, DateTimeOffset? since = null);

    /// <summary>Deletes every recorded question, leaving no copy in the file; returns how many there were.</summary>
    int Purge();
}

/// <summary>Used where recording is switched off (and by <c>eval</c>, whose questions are not the clinic's patients').</summary>
public sealed class NoUnansweredLog : IUnansweredLog
{
    public void Record(string question, double? bestConfidence) { }
    public IReadOnlyList<UnansweredSummary> Summarize(int max = 100, DateTimeOffset? since = null) => [];
    public int Purge() => 0;
}
