using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AcuBot.Unanswered;

/// <summary>
/// The unanswered-question log in an embedded SQLite database. Writes leave the turn at once through
/// a bounded queue that one background task drains, so a slow disk never slows an answer; when the
/// queue is full the record is dropped and counted, never waited for. What is stored is bounded in
/// content (personal details redacted, control characters removed), in age (Unanswered:RetentionDays)
/// and in number (Unanswered:MaxRecords), and the file is readable by its owner only.
/// </summary>
public sealed class SqliteUnansweredLog : IUnansweredLog, IDisposable
{
    /// <summary>
    /// Deleted questions are overwritten, not left in free pages of the file (every connection sets it).
    /// With WAL, NORMAL still survives a crash of the process (not of the machine).
    /// </summary>
    private const string ConnectionPragmas = "PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly int _maxQuestionLength;
    private readonly int _maxRecords;
    private readonly TimeProvider _clock;
    private readonly RetentionSweep _retention;
    private readonly BackgroundRecordQueue<QueuedQuestion> _queue;

    public SqliteUnansweredLog(IOptions<UnansweredOptions> options, IHostEnvironment host, TimeProvider clock, ILogger<SqliteUnansweredLog> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        OwnerOnlyFile.Prepare(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _maxQuestionLength = options.Value.MaxQuestionLength;
        _maxRecords = options.Value.MaxRecords;
        _clock = clock;
        CreateSchema();
        OwnerOnlyFile.Restrict(path); // the -wal and -shm files SQLite made, in case they predate this version
        // The retention check also runs from a timer, where a failing file must not end the process.
        _retention = new RetentionSweep(options.Value.RetentionDays, clock, DeleteAskedBefore,
            static ex => ex is SqliteException or IOException or InvalidOperationException, logger);
        _queue = new BackgroundRecordQueue<QueuedQuestion>(WriteBatch, static ex => ex is SqliteException, logger);
    }

    public void Record(string question, double? bestConfidence)
    {
        if (QueuedQuestion.Of(question, _maxQuestionLength, bestConfidence, _clock) is { } queued) _queue.Add(queued);
    }

    public int Purge()
    {
        _queue.Discard(); // not yet written: dropped too
        using var connection = Open();
        using var command = connection.CreateCommand();
        // VACUUM rewrites the file without the deleted pages; the checkpoint empties the WAL, which held them too.
        command.CommandText = "DELETE FROM unanswered;";
        var deleted = command.ExecuteNonQuery();
        command.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
        return deleted;
    }

    public IReadOnlyList<UnansweredSummary> Summarize(int max = 100, DateTimeOffset? since = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MIN(question), COUNT(*), MAX(asked_at), MAX(best_confidence), MIN(asked_at)
            FROM unanswered WHERE asked_at >= $since GROUP BY normalized
            ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT $max
            """;
        command.Parameters.AddWithValue("$max", max);
        // asked_at is one round-trip format in UTC, so text order is time order (as for the retention).
        command.Parameters.AddWithValue("$since", (since ?? DateTimeOffset.MinValue).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var summaries = new List<UnansweredSummary>();
        while (reader.Read())
        {
            summaries.Add(new UnansweredSummary(
                reader.GetString(0),
                reader.GetInt32(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetDouble(3))
            {
                FirstAsked = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            });
        }
        return summaries;
    }

    /// <summary>Waits (briefly) for queued records to reach the database.</summary>
    public void Dispose()
    {
        _retention.Dispose();
        _queue.Dispose();
    }

    /// <summary>
    /// Writes one batch of the queue in one transaction: one disk sync per batch, not per question. The
    /// connection comes from the pool, so a batch costs no new file handle.
    /// </summary>
    private Task WriteBatch(IReadOnlyList<QueuedQuestion> batch)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO unanswered (question, normalized, asked_at, best_confidence) VALUES ($q, $n, $at, $c)";
        var question = command.Parameters.Add("$q", SqliteType.Text);
        var normalized = command.Parameters.Add("$n", SqliteType.Text);
        var askedAt = command.Parameters.Add("$at", SqliteType.Text);
        var confidence = command.Parameters.Add("$c", SqliteType.Real);
        foreach (var record in batch)
        {
            question.Value = record.Question;
            normalized.Value = record.Normalized;
            askedAt.Value = record.At.ToString("O", CultureInfo.InvariantCulture);
            confidence.Value = (object?)record.Confidence ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        if (_maxRecords > 0)
        {
            // Ids grow with time and only the oldest are ever deleted, so the newest MaxRecords are the top ids.
            using var cap = connection.CreateCommand();
            cap.Transaction = transaction;
            cap.CommandText = "DELETE FROM unanswered WHERE id <= (SELECT MAX(id) FROM unanswered) - $max";
            cap.Parameters.AddWithValue("$max", _maxRecords);
            cap.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Deletes the questions asked before <paramref name="cutoff"/> (Unanswered:RetentionDays ago).</summary>
    private int DeleteAskedBefore(DateTimeOffset cutoff)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // asked_at is written in one round-trip format, always in UTC, so text order is time order.
        command.CommandText = "DELETE FROM unanswered WHERE asked_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery();
    }

    private void CreateSchema()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS unanswered (
                id INTEGER PRIMARY KEY,
                question TEXT NOT NULL,
                normalized TEXT NOT NULL,
                asked_at TEXT NOT NULL,
                best_confidence REAL);
            CREATE INDEX IF NOT EXISTS unanswered_normalized ON unanswered (normalized);
            """;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = ConnectionPragmas;
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
