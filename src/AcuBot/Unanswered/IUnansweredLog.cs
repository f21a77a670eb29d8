namespace AcuBot.Unanswered;

/// <summary>A question the bot could not answer, grouped with the others asked the same way.</summary>
public sealed record UnansweredSummary(string Question, int Count, DateTimeOffset LastAsked, double? BestConfidence);

/// <summary>
/// Keeps the questions the bot fell back on, so the clinic learns what to add to its documents.
/// Only the question (its personal details taken out), the time and the best score are kept: nothing
/// that identifies who asked.
/// </summary>
public interface IUnansweredLog
{
    void Record(string question, double? bestConfidence);
    IReadOnlyList<UnansweredSummary> Summarize(int max = 100);

    /// <summary>Deletes every recorded question, leaving no copy in the file; returns how many there were.</summary>
    int Purge();
}

/// <summary>Used where recording is switched off (and by <c>eval</c>, whose questions are not the clinic's patients').</summary>
public sealed class NoUnansweredLog : IUnansweredLog
{
    public void Record(string question, double? bestConfidence) { }
    public IReadOnlyList<UnansweredSummary> Summarize(int max = 100) => [];
    public int Purge() => 0;
}
