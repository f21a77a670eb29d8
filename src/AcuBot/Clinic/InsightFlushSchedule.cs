namespace AcuBot.Clinic;

/// <summary>
/// When the insight counts waiting in memory reach the store, the same for SQLite and PostgreSQL: every
/// <see cref="FlushInterval"/>, before every read (so the page shows what was just counted) and when the store
/// closes. Each flush also deletes the days past Unanswered:RetentionDays, once per day that passes. A store
/// that fails keeps the counts for the next flush: nothing is thrown, since the timer would end the process.
/// </summary>
/// <param name="write">
/// Adds the counts to the table and, when a day is given, deletes the days before it, in one transaction.
/// </param>
/// <param name="isStoreFailure">The store's own failures: the counts are put back and <paramref name="logFailure"/> says why.</param>
internal sealed class InsightFlushSchedule(PendingInsightCounts pending, int retentionDays, TimeProvider clock,
    Action<IReadOnlyList<(InsightCounter Counter, int Count)>, DateOnly?> write, Func<Exception, bool> isStoreFailure, Action<Exception> logFailure)
    : IDisposable
{
    /// <summary>Often enough for a page read a little later; rare enough that a busy bot writes little.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _flushing = new();
    private DateOnly _expiredUpTo;
    private ITimer? _timer;

    /// <summary>Starts the timer; the store calls it once it can be written to.</summary>
    public InsightFlushSchedule Start()
    {
        _timer = clock.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
        return this;
    }

    /// <summary>Today in UTC: the day a count goes to, and the day the retention counts back from.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Writes what is waiting now (one flush at a time: the timer, a read and closing may meet).</summary>
    public void Flush()
    {
        lock (_flushing)
        {
            var taken = pending.TakeAll();
            // The retention delete runs once per day that passes, not every few seconds.
            DateOnly? deleteBefore = retentionDays > 0 && Today().AddDays(-retentionDays) is var cutoff && cutoff > _expiredUpTo ? cutoff : null;
            if (taken.Count == 0 && deleteBefore is null) return; // nothing to write: no connection, no transaction
            try
            {
                write(taken, deleteBefore);
                if (deleteBefore is { } done) _expiredUpTo = done;
            }
            catch (Exception ex) when (isStoreFailure(ex))
            {
                pending.PutBack(taken);
                logFailure(ex);
            }
        }
    }

    /// <summary>Stops the timer and writes what is left.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        Flush();
    }
}
