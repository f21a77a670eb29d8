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
    private readonly NpgsqlDataSource _database;
    private readonly int _maxQuestionLength;
    private readonly int _maxRecords;
    private readonly TimeProvider _clock;
    private readonly RetentionSweep _retention;
    private readonly BackgroundRecordQueue<QueuedQuestion> _queue;

    public PostgresUnansweredLog(PostgresDatabase database, IOptions<UnansweredOptions> options, TimeProvider clock, ILogger<PostgresUnansweredLog> logger)
    {
        _database = database.DataSource;
        _maxQuestionLength = options.Value.MaxQuestionLength;
        _maxRecords = options.Value.MaxRecords;
        _clock = clock;
        // A server gone away is logged, never thrown from the timer or the writer: the retention tries again at
        // the next check, and the writer goes on with the next batch (the failed one is lost).
        _retention = new RetentionSweep(options.Value.RetentionDays, clock, DeleteAskedBefore, IsServerFailure, logger);
        _queue = new BackgroundRecordQueue<QueuedQuestion>(WriteBatchAsync, IsServerFailure, logger);
    }

    public void Record(string question, double? bestConfidence)
    {
        if (QueuedQuestion.Of(question, _maxQuestionLength, bestConfidence, _clock) is { } queued) _queue.Add(queued);
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
        _queue.Discard(); // not yet written: dropped too
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
        _retention.Dispose();
        _queue.Dispose();
    }

    private static bool IsServerFailure(Exception ex) => ex is NpgsqlException or InvalidOperationException;

    /// <summary>Writes one batch of the queue in one round trip and one transaction.</summary>
    private async Task WriteBatchAsync(IReadOnlyList<QueuedQuestion> batch)
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

    /// <summary>Deletes the questions asked before <paramref name="cutoff"/> (Unanswered:RetentionDays ago).</summary>
    private int DeleteAskedBefore(DateTimeOffset cutoff)
    {
        using var command = _database.CreateCommand("DELETE FROM unanswered WHERE asked_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = cutoff.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return command.ExecuteNonQuery();
    }
}
