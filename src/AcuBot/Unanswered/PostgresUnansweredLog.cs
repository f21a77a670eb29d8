using System.Threading.Channels;
using AcuBot.Bot;
using AcuBot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AcuBot.Unanswered;

/// <summary>
/// The unanswered-question log in PostgreSQL (<c>ConnectionStrings:Postgres</c>), for several instances
/// sharing one log. The same rules as <see cref="SqliteUnansweredLog"/>: the question is cut, redacted
/// and stripped of control characters before it leaves the process; it is kept at most
/// Unanswered:RetentionDays and Unanswered:MaxRecords; writes leave the turn at once through a bounded
/// queue one background task drains (a full queue drops and counts, never waits), a batch per transaction.
/// </summary>
public sealed class PostgresUnansweredLog : IUnansweredLog, IDisposable
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RetentionCheckInterval = TimeSpan.FromHours(1);

    private readonly NpgsqlDataSource _database;
    private readonly int _maxQuestionLength;
    private readonly int _retentionDays;
    private readonly int _maxRecords;
    private readonly ITimer? _retentionTimer;
    private readonly TimeProvider _clock;
    private readonly ILogger<PostgresUnansweredLog> _logger;
    private readonly Channel<(string Question, string Normalized, DateTimeOffset At, double? Confidence)> _queue =
        Channel.CreateBounded<(string, string, DateTimeOffset, double?)>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;
    private long _dropped;

    public PostgresUnansweredLog(PostgresDatabase database, IOptions<UnansweredOptions> options, TimeProvider clock, ILogger<PostgresUnansweredLog> logger)
    {
        _database = database.DataSource;
        _maxQuestionLength = options.Value.MaxQuestionLength;
        _retentionDays = options.Value.RetentionDays;
        _maxRecords = options.Value.MaxRecords;
        _clock = clock;
        _logger = logger;
        DeleteExpired();
        if (_retentionDays > 0) _retentionTimer = clock.CreateTimer(_ => DeleteExpired(), null, RetentionCheckInterval, RetentionCheckInterval);
        _writer = Task.Run(WriteLoopAsync);
    }

    public void Record(string question, double? bestConfidence)
    {
        if (StoredQuestion.Of(question, _maxQuestionLength) is not { } text) return;
        if (!_queue.Writer.TryWrite((text, new MessageText(text).Joined, _clock.GetUtcNow(), bestConfidence)))
            Interlocked.Increment(ref _dropped);
    }

    public IReadOnlyList<UnansweredSummary> Summarize(int max = 100, DateTimeOffset? since = null)
    {
        using var command = _database.CreateCommand("""
            SELECT min(question), count(*), max(asked_at), max(best_confidence), min(asked_at)
            FROM unanswered WHERE asked_at >= $1 GROUP BY normalized
            ORDER BY count(*) DESC, max(asked_at) DESC LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (since ?? DateTimeOffset.UnixEpoch).ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, max) });
        using var reader = command.ExecuteReader();
        var summaries = new List<UnansweredSummary>();
        while (reader.Read())
        {
            summaries.Add(new UnansweredSummary(
                reader.GetString(0),
                checked((int)reader.GetInt64(1)),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3))
            {
                FirstAsked = reader.GetFieldValue<DateTimeOffset>(4),
            });
        }
        return summaries;
    }

    /// <summary>
    /// TRUNCATE gives the table new, empty files and empties the old ones at commit (the server removes
    /// them at its next checkpoint), so no deleted question stays in the table's pages (what VACUUM does
    /// for the SQLite file). The server's write-ahead log and backups are the database administrator's.
    /// </summary>
    public int Purge()
    {
        while (_queue.Reader.TryRead(out _)) { }
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var lockTable = new NpgsqlCommand("LOCK TABLE unanswered IN ACCESS EXCLUSIVE MODE", connection, transaction);
        lockTable.ExecuteNonQuery();
        using var count = new NpgsqlCommand("SELECT count(*) FROM unanswered", connection, transaction);
        var deleted = checked((int)(long)count.ExecuteScalar()!);
        using var truncate = new NpgsqlCommand("TRUNCATE unanswered", connection, transaction);
        truncate.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }

    public void Dispose()
    {
        _retentionTimer?.Dispose();
        _closing.Cancel();
        _queue.Writer.TryComplete();
        if (!_writer.Wait(TimeSpan.FromSeconds(5)))
            UnansweredLogMessages.ClosedBeforeWritten(_logger, null);
        if (_dropped > 0)
            UnansweredLogMessages.Dropped(_logger, _dropped, null);
    }

    private async Task WriteLoopAsync()
    {
        var drained = true;
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (drained)
            {
                try { await Task.Delay(GatherWindow, _closing.Token); }
                catch (OperationCanceledException) { /* closing: write what is queued now */ }
            }
            drained = await WriteBatchAsync() < MaxBatch;
        }
    }

    /// <summary>Writes up to <see cref="MaxBatch"/> queued records in one round trip and one transaction.</summary>
    private async Task<int> WriteBatchAsync()
    {
        var batch = new List<(string Question, string Normalized, DateTimeOffset At, double? Confidence)>();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var record)) batch.Add(record);
        if (batch.Count == 0) return 0;
        try
        {
            await using var connection = await _database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO unanswered (question, normalized, asked_at, best_confidence)
                SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[])
                """, connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Question).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Normalized).ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.At.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter { Value = batch.Select(r => r.Confidence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
                await insert.ExecuteNonQueryAsync();
            }
            if (_maxRecords > 0)
            {
                // Ids grow with every insert and only the oldest are deleted, so the newest MaxRecords are the top ids.
                await using var cap = new NpgsqlCommand("DELETE FROM unanswered WHERE id <= (SELECT max(id) FROM unanswered) - $1", connection, transaction);
                cap.Parameters.Add(new NpgsqlParameter { Value = (long)_maxRecords });
                await cap.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            UnansweredLogMessages.CouldNotRecord(_logger, ex.Message, null);
        }
        return batch.Count;
    }

    private void DeleteExpired()
    {
        if (_retentionDays <= 0) return;
        try
        {
            using var command = _database.CreateCommand("DELETE FROM unanswered WHERE asked_at < $1");
            command.Parameters.Add(new NpgsqlParameter { Value = _clock.GetUtcNow().AddDays(-_retentionDays), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            var deleted = command.ExecuteNonQuery();
            if (deleted > 0) UnansweredLogMessages.DeletedExpired(_logger, deleted, _retentionDays, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Also run from a timer, where an exception would end the process: the next check tries again.
            UnansweredLogMessages.CouldNotDeleteExpired(_logger, ex.Message, null);
        }
    }
}
