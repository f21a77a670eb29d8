using System.Globalization;
using AcuBot.Bot;
using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AcuBot.Clinic;

/// <summary>
/// The insights counts in the unanswered log's SQLite file (same owner-only file, same retention). A
/// turn only adds one to a counter in memory (<see cref="PendingInsightCounts"/>: what a reply counts, and
/// how many counters may wait); <see cref="InsightFlushSchedule"/> writes them every few seconds, before every
/// read and when the bot stops, so a busy bot writes one small transaction every few seconds whatever its
/// load. Both are shared with the PostgreSQL store; this class only says how the file holds the counts.
/// </summary>
public sealed class SqliteClinicInsights : IClinicInsights, IDisposable
{
    /// <summary>The command line's channel, whose questions are not counted.</summary>
    public const string CliChannel = PendingInsightCounts.CliChannel;

    /// <summary>Days are stored as ISO text, so text order is day order (the retention and the reads compare them).</summary>
    private const string DayFormat = "yyyy-MM-dd";

    private readonly PendingInsightCounts _pending = new();
    private readonly string _connectionString;
    private readonly ILogger<SqliteClinicInsights> _logger;
    private readonly InsightFlushSchedule _flushes;

    public SqliteClinicInsights(IOptions<UnansweredOptions> options, IHostEnvironment host, TimeProvider clock, ILogger<SqliteClinicInsights> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        OwnerOnlyFile.Prepare(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _logger = logger;
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS daily_counts (
                    day TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
                    PRIMARY KEY (day, metric, key));
                """;
            command.ExecuteNonQuery();
        }
        OwnerOnlyFile.Restrict(path);
        // The file may be locked or full for a while: the counts wait for the next flush.
        _flushes = new InsightFlushSchedule(_pending, options.Value.RetentionDays, clock, Write,
            static ex => ex is SqliteException or IOException or InvalidOperationException, ex => LogWriteFailed(_logger, ex.Message, null)).Start();
    }

    public void Count(string? channelId, string? text, BotReply reply) => _pending.Count(_flushes.Today(), channelId, text, reply);

    public InsightTotals Read(int days)
    {
        _flushes.Flush();
        var tally = new InsightTally(_flushes.Today(), days);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, metric, key, count FROM daily_counts WHERE day >= $from";
        command.Parameters.AddWithValue("$from", DayText(tally.From));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            tally.Add(DateOnly.ParseExact(reader.GetString(0), DayFormat, CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
        return tally.Totals();
    }

    public void Dispose() => _flushes.Dispose();

    /// <summary>Adds the counts to what the file holds and deletes the days before <paramref name="deleteBefore"/>, in one transaction.</summary>
    private void Write(IReadOnlyList<(InsightCounter Counter, int Count)> counts, DateOnly? deleteBefore)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        if (counts.Count > 0)
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO daily_counts (day, metric, key, count) VALUES ($day, $metric, $key, $count)
                ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count
                """;
            var day = upsert.Parameters.Add("$day", SqliteType.Text);
            var metric = upsert.Parameters.Add("$metric", SqliteType.Text);
            var key = upsert.Parameters.Add("$key", SqliteType.Text);
            var count = upsert.Parameters.Add("$count", SqliteType.Integer);
            foreach (var (counter, n) in counts)
            {
                (day.Value, metric.Value, key.Value, count.Value) = (DayText(counter.Day), counter.Metric, counter.Key, n);
                upsert.ExecuteNonQuery();
            }
        }
        if (deleteBefore is { } cutoff)
        {
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM daily_counts WHERE day < $cutoff";
            delete.Parameters.AddWithValue("$cutoff", DayText(cutoff));
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static string DayText(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private static readonly Action<ILogger, string, Exception?> LogWriteFailed = LoggerMessage.Define<string>(LogLevel.Error,
        new EventId(1503, "ClinicInsightsNotWritten"), "Could not write the clinic's insight counts: {Reason}");
}
