using System.Collections.Concurrent;
using System.Globalization;
using AcuBot.Bot;
using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AcuBot.Clinic;

/// <summary>
/// The insights counts in the unanswered log's SQLite file (same owner-only file, same retention). A
/// turn only adds one to a counter in memory; the counters are written every
/// <see cref="FlushInterval"/>, before every read and when the bot stops, so a busy bot writes one small
/// transaction every few seconds whatever its load. At most <see cref="MaxPendingCounters"/> counters wait
/// in memory (a day has a handful: asked, answered, one per red-flag rule and per section).
/// </summary>
public sealed class SqliteClinicInsights : IClinicInsights, IDisposable
{
    public const string CliChannel = "cli";
    private const string Asked = "asked", Answered = "answered", RedFlag = "redflag", Section = "section";
    private const int MaxPendingCounters = 10_000;
    private const int MaxKeyLength = 200;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Day, string Metric, string Key), int> _pending = new();
    private readonly string _connectionString;
    private readonly int _retentionDays;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteClinicInsights> _logger;
    private readonly ITimer _flushTimer;
    private readonly Lock _flushing = new();
    private DateOnly _expiredUpTo;

    public SqliteClinicInsights(IOptions<UnansweredOptions> options, IHostEnvironment host, TimeProvider clock, ILogger<SqliteClinicInsights> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        OwnerOnlyFile.Prepare(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _retentionDays = options.Value.RetentionDays;
        _clock = clock;
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
        _flushTimer = clock.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public void Count(string? channelId, string? text, BotReply reply)
    {
        if (channelId == CliChannel) return;
        var day = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (reply.Kind)
        {
            case ReplyKind.Answer:
                Add(day, Asked, "");
                Add(day, Answered, "");
                if (reply.SectionTitle is { } section) Add(day, Section, section);
                break;
            case ReplyKind.Fallback or ReplyKind.NoKnowledge:
                if (WorthRecording.IsQuestionInWords(text ?? "")) Add(day, Asked, "");
                break;
            case ReplyKind.Urgent:
                Add(day, RedFlag, reply.RedFlagRule ?? "red flag");
                break;
        }
    }

    public InsightTotals Read(int days)
    {
        Flush();
        var today = Today();
        var from = today.AddDays(1 - Math.Max(1, days));
        var asked = new Dictionary<DateOnly, int>();
        var answered = new Dictionary<DateOnly, int>();
        var redFlags = new Dictionary<string, int>(StringComparer.Ordinal);
        var sections = new Dictionary<string, int>(StringComparer.Ordinal);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, metric, key, count FROM daily_counts WHERE day >= $from";
        command.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var count = reader.GetInt32(3);
            switch (reader.GetString(1))
            {
                case Asked: asked[day] = asked.GetValueOrDefault(day) + count; break;
                case Answered: answered[day] = answered.GetValueOrDefault(day) + count; break;
                case RedFlag: redFlags[reader.GetString(2)] = redFlags.GetValueOrDefault(reader.GetString(2)) + count; break;
                case Section: sections[reader.GetString(2)] = sections.GetValueOrDefault(reader.GetString(2)) + count; break;
            }
        }
        var all = Enumerable.Range(0, today.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i))
            .Select(d => new DayCounts(d, asked.GetValueOrDefault(d), answered.GetValueOrDefault(d))).ToArray();
        return new InsightTotals(all, redFlags, sections);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }

    private void Add(string day, string metric, string key)
    {
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        if (_pending.Count >= MaxPendingCounters && !_pending.ContainsKey((day, metric, key))) return;
        _pending.AddOrUpdate((day, metric, key), 1, (_, n) => n + 1);
    }

    /// <summary>Writes the counters in memory to the file (added to what is there) and deletes days past the retention.</summary>
    private void Flush()
    {
        lock (_flushing)
        {
            try
            {
                using var connection = Open();
                using var transaction = connection.BeginTransaction();
                if (!_pending.IsEmpty)
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
                    foreach (var counter in _pending.Keys)
                    {
                        // Taken out as it is written: a count added meanwhile starts a new counter, never lost.
                        if (!_pending.TryRemove(counter, out var n)) continue;
                        (day.Value, metric.Value, key.Value, count.Value) = (counter.Day, counter.Metric, counter.Key, n);
                        upsert.ExecuteNonQuery();
                    }
                }
                DeleteExpired(connection, transaction);
                transaction.Commit();
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                // Also run from a timer, where an exception would end the process: the next flush tries again.
                LogWriteFailed(_logger, ex.Message, null);
            }
        }
    }

    private void DeleteExpired(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_retentionDays <= 0) return;
        var cutoff = Today().AddDays(-_retentionDays);
        if (cutoff <= _expiredUpTo) return;
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM daily_counts WHERE day < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        delete.ExecuteNonQuery();
        _expiredUpTo = cutoff;
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

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
