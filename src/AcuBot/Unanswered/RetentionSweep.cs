namespace AcuBot.Unanswered;

/// <summary>
/// Keeps an unanswered-question store within Unanswered:RetentionDays (SQLite and PostgreSQL alike): it deletes
/// the questions past it when the store opens and then every <see cref="CheckInterval"/> while the bot runs,
/// so a bot that never restarts still forgets them on time. 0 days keeps them: no deletion, no timer.
/// </summary>
internal sealed class RetentionSweep : IDisposable
{
    /// <summary>How often questions past their retention are deleted while the bot runs.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    private readonly int _retentionDays;
    private readonly TimeProvider _clock;
    private readonly Func<DateTimeOffset, int> _deleteAskedBefore;
    private readonly Func<Exception, bool> _isStoreFailure;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;

    /// <param name="deleteAskedBefore">Deletes the questions asked before the cutoff; returns how many.</param>
    /// <param name="isStoreFailure">The store's own failures: logged, and the next check tries again.</param>
    public RetentionSweep(int retentionDays, TimeProvider clock, Func<DateTimeOffset, int> deleteAskedBefore, Func<Exception, bool> isStoreFailure, ILogger logger)
    {
        _retentionDays = retentionDays;
        _clock = clock;
        _deleteAskedBefore = deleteAskedBefore;
        _isStoreFailure = isStoreFailure;
        _logger = logger;
        if (retentionDays <= 0) return;
        DeleteExpired();
        _timer = clock.CreateTimer(_ => DeleteExpired(), null, CheckInterval, CheckInterval);
    }

    /// <summary>Stops the hourly check (the store is closing).</summary>
    public void Dispose() => _timer?.Dispose();

    private void DeleteExpired()
    {
        try
        {
            var deleted = _deleteAskedBefore(_clock.GetUtcNow().AddDays(-_retentionDays));
            if (deleted > 0) UnansweredLogMessages.DeletedExpired(_logger, deleted, _retentionDays, null);
        }
        catch (Exception ex) when (_isStoreFailure(ex))
        {
            // Also run from a timer, where an exception would end the process: the next check tries again.
            UnansweredLogMessages.CouldNotDeleteExpired(_logger, ex.Message, null);
        }
    }
}
