using System.Globalization;
using System.Threading.Channels;
using AcuBot.Bot;
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
    /// <summary>Records written in one transaction at most.</summary>
    private const int MaxBatch = 500;

    /// <summary>
    /// How long the writer lets records gather after the first one arrives: under load one wake-up and one
    /// transaction take a few hundred questions instead of a handful (docs/benchmarks.md).
    /// </summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>How often questions past their retention are deleted while the bot runs.</summary>
    private static readonly TimeSpan RetentionCheckInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Deleted questions are overwritten, not left in free pages of the file (every connection sets it).
    /// With WAL, NORMAL still survives a crash of the process (not of the machine).
    /// </summary>
    private const string ConnectionPragmas = "PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly int _maxQuestionLength;
    private readonly int _retentionDays;
    private readonly int _maxRecords;
    private readonly ITimer? _retentionTimer;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteUnansweredLog> _logger;
    private readonly Channel<(string Question, string Normalized, DateTimeOffset At, double? Confidence)> _queue =
        Channel.CreateBounded<(string, string, DateTimeOffset, double?)>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;

    private long _dropped;

    public SqliteUnansweredLog(IOptions<UnansweredOptions> options, IHostEnvironment host, TimeProvider clock, ILogger<SqliteUnansweredLog> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        OwnerOnlyFile.Prepare(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _maxQuestionLength = options.Value.MaxQuestionLength;
        _retentionDays = options.Value.RetentionDays;
        _maxRecords = options.Value.MaxRecords;
        _clock = clock;
        _logger = logger;
        CreateSchema();
        OwnerOnlyFile.Restrict(path); // the -wal and -shm files SQLite made, in case they predate this version
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

    public int Purge()
    {
        while (_queue.Reader.TryRead(out _)) { } // not yet written: dropped too
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
        _retentionTimer?.Dispose();
        _closing.Cancel();
        _queue.Writer.TryComplete();
        if (!_writer.Wait(TimeSpan.FromSeconds(5)))
            UnansweredLogMessages.ClosedBeforeWritten(_logger, null);
        if (_dropped > 0)
            UnansweredLogMessages.Dropped(_logger, _dropped, null);
    }

    /// <summary>
    /// Drains the queue with one connection, writing what has queued up in one transaction: one disk
    /// sync per batch, not per question (docs/benchmarks.md measured the per-question sync under load).
    /// </summary>
    private async Task WriteLoopAsync()
    {
        using var connection = Open();
        var drained = true;
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (drained) await GatherAsync();
            drained = WriteBatch(connection) < MaxBatch;
        }
    }

    /// <summary>Waits the gathering window, or less when the log is closing.</summary>
    private async Task GatherAsync()
    {
        try
        {
            await Task.Delay(GatherWindow, _closing.Token);
        }
        catch (OperationCanceledException)
        {
            // Closing: write what is queued now.
        }
    }

    /// <summary>Writes up to <see cref="MaxBatch"/> queued records in one transaction; returns how many it took.</summary>
    private int WriteBatch(SqliteConnection connection)
    {
        var written = 0;
        try
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO unanswered (question, normalized, asked_at, best_confidence) VALUES ($q, $n, $at, $c)";
            var question = command.Parameters.Add("$q", SqliteType.Text);
            var normalized = command.Parameters.Add("$n", SqliteType.Text);
            var askedAt = command.Parameters.Add("$at", SqliteType.Text);
            var confidence = command.Parameters.Add("$c", SqliteType.Real);
            for (; written < MaxBatch && _queue.Reader.TryRead(out var record); written++)
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
        }
        catch (SqliteException ex)
        {
            UnansweredLogMessages.CouldNotRecord(_logger, ex.Message, null);
        }
        return written;
    }

    /// <summary>Deletes the questions older than Unanswered:RetentionDays.</summary>
    private void DeleteExpired()
    {
        if (_retentionDays <= 0) return;
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            // asked_at is written in one round-trip format, always in UTC, so text order is time order.
            command.CommandText = "DELETE FROM unanswered WHERE asked_at < $cutoff";
            command.Parameters.AddWithValue("$cutoff", _clock.GetUtcNow().AddDays(-_retentionDays).ToString("O", CultureInfo.InvariantCulture));
            var deleted = command.ExecuteNonQuery();
            if (deleted > 0) UnansweredLogMessages.DeletedExpired(_logger, deleted, _retentionDays, null);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            // Also run from a timer, where an exception would end the process: the next check tries again.
            UnansweredLogMessages.CouldNotDeleteExpired(_logger, ex.Message, null);
        }
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
