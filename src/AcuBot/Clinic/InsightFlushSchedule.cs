namespace AcuBot.Clinic;

/// <summary>
/// When the insight counts waiting in memory reach the store, the same for SQLite and PostgreSQL: every
/// <see cref="FlushInterval"/>, before every read (so the page shows what was just counted) and when the store
/// closes. Each flush also deletes the days past Unanswered:RetentionDays, once per day that passes. A store
/// that fails keeps the counts for the next flush: nothing is thrown, since the timer would end the process.
/// </summary>
internal sealed class InsightFlushSchedule : IDisposable
{
    /// <summary>Often enough for a page read a little later; rare enough that a busy bot writes little.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly PendingInsightCounts _pending;
    private readonly int _retentionDays;
    private readonly TimeProvider _clock;
    private readonly Action<IReadOnlyList<(InsightCounter Counter, int Count)>, DateOnly?> _write;
    private readonly Func<Exception, bool> _isStoreFailure;
    private readonly Action<Exception> _logFailure;
    private readonly ITimer _timer;
    private readonly Lock _flushing = new();
    private DateOnly _expiredUpTo;

    /// <param name="write">
    /// Adds the counts to the table and, when a day is given, deletes the days before it, in one transaction.
    /// </param>
    /// <param name="isStoreFailure">The store's own failures: the counts are put back and <paramref name="logFailure"/> says why.</param>
    public InsightFlushSchedule(PendingInsightCounts pending, int retentionDays, TimeProvider clock,
        Action<IReadOnlyList<(InsightCounter Counter, int Count)>, DateOnly?> write, Func<Exception, bool> isStoreFailure, Action<Exception> logFailure)
    {
        _pending = pending;
        _retentionDays = retentionDays;
        _clock = clock;
        _write = write;
        _isStoreFailure = isStoreFailure;
        _logFailure = logFailure;
        _timer = clock.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    /// <summary>Today in UTC: the day a count goes to, and the day the retention counts back from.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    /// <summary>Writes what is waiting now (one flush at a time: the timer, a read and closing may meet).</summary>
    public void Flush()
    {
        lock (_flushing)
        {
            var taken = _pending.TakeAll();
            // The retention delete runs once per day that passes, not every few seconds.
            DateOnly? deleteBefore = _retentionDays > 0 && Today().AddDays(-_retentionDays) is var cutoff && cutoff > _expiredUpTo ? cutoff : null;
            if (taken.Count == 0 && deleteBefore is null) return; // nothing to write: no connection, no transaction
            try
            {
                _write(taken, deleteBefore);
                if (deleteBefore is { } done) _expiredUpTo = done;
            }
            catch (Exception ex) when (_isStoreFailure(ex))
            {
                _pending.PutBack(taken);
                _logFailure(ex);
            }
        }
    }

    /// <summary>Stops the timer and writes what is left.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
