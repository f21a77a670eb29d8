using System.Collections.Concurrent;
using AcuBot.Bot;
using AcuBot.Clinic;
using AcuBot.Unanswered;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AcuBot.Storage;

/// <summary>
/// The insight counts in PostgreSQL, beside the unanswered log (<c>ConnectionStrings:Postgres</c>): every
/// instance adds its counts to the same rows, so the page shows the whole clinic. As with
/// <see cref="SqliteClinicInsights"/>, a turn only adds one to a counter in memory; the counters are
/// added to the table every <see cref="FlushInterval"/>, before every read and when the bot stops, and
/// days past Unanswered:RetentionDays are deleted.
/// </summary>
public sealed class PostgresClinicInsights : IClinicInsights, IDisposable
{
    private const string Asked = "asked", Answered = "answered", RedFlag = "redflag", Section = "section";
    private const int MaxPendingCounters = 10_000;
    private const int MaxKeyLength = 200;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(DateOnly Day, string Metric, string Key), int> _pending = new();
    private readonly NpgsqlDataSource _database;
    private readonly int _retentionDays;
    private readonly TimeProvider _clock;
    private readonly ILogger<PostgresClinicInsights> _logger;
    private readonly ITimer _flushTimer;
    private readonly Lock _flushing = new();
    private DateOnly _expiredUpTo;

    public PostgresClinicInsights(PostgresDatabase database, IOptions<UnansweredOptions> options, TimeProvider clock, ILogger<PostgresClinicInsights> logger)
    {
        _database = database.DataSource;
        _retentionDays = options.Value.RetentionDays;
        _clock = clock;
        _logger = logger;
        _flushTimer = clock.CreateTimer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public void Count(string? channelId, string? text, BotReply reply)
    {
        if (channelId == SqliteClinicInsights.CliChannel) return;
        var day = Today();
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
        using var command = _database.CreateCommand("SELECT day, metric, key, count FROM daily_counts WHERE day >= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var day = reader.GetFieldValue<DateOnly>(0);
            var count = (int)Math.Min(int.MaxValue, reader.GetInt64(3));
            var key = reader.GetString(2);
            switch (reader.GetString(1))
            {
                case Asked: asked[day] = asked.GetValueOrDefault(day) + count; break;
                case Answered: answered[day] = answered.GetValueOrDefault(day) + count; break;
                case RedFlag: redFlags[key] = redFlags.GetValueOrDefault(key) + count; break;
                case Section: sections[key] = sections.GetValueOrDefault(key) + count; break;
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

    private void Add(DateOnly day, string metric, string key)
    {
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        if (_pending.Count >= MaxPendingCounters && !_pending.ContainsKey((day, metric, key))) return;
        _pending.AddOrUpdate((day, metric, key), 1, (_, n) => n + 1);
    }

    /// <summary>Adds the counters in memory to the table, in one statement, and deletes days past the retention.</summary>
    private void Flush()
    {
        lock (_flushing)
        {
            var taken = new List<((DateOnly Day, string Metric, string Key) Counter, int Count)>();
            // Taken out as they are written: a count added meanwhile starts a new counter, never lost.
            foreach (var counter in _pending.Keys)
                if (_pending.TryRemove(counter, out var n)) taken.Add((counter, n));
            try
            {
                using var connection = _database.OpenConnection();
                using var transaction = connection.BeginTransaction();
                if (taken.Count > 0)
                {
                    using var upsert = new NpgsqlCommand("""
                        INSERT INTO daily_counts (day, metric, key, count)
                        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[])
                        ON CONFLICT (day, metric, key) DO UPDATE SET count = daily_counts.count + excluded.count
                        """, connection, transaction);
                    upsert.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Counter.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Counter.Metric).ToArray() });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => t.Counter.Key).ToArray() });
                    upsert.Parameters.Add(new NpgsqlParameter { Value = taken.Select(t => (long)t.Count).ToArray() });
                    upsert.ExecuteNonQuery();
                }
                DeleteExpired(connection, transaction);
                transaction.Commit();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // Put back for the next flush (also run from a timer, where an exception would end the process).
                foreach (var (counter, n) in taken) _pending.AddOrUpdate(counter, n, (_, m) => m + n);
                Unanswered.UnansweredLogMessages.CouldNotWriteInsights(_logger, ex.Message, null);
            }
        }
    }

    private void DeleteExpired(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        if (_retentionDays <= 0) return;
        var cutoff = Today().AddDays(-_retentionDays);
        if (cutoff <= _expiredUpTo) return;
        using var delete = new NpgsqlCommand("DELETE FROM daily_counts WHERE day < $1", connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter { Value = cutoff, NpgsqlDbType = NpgsqlDbType.Date });
        delete.ExecuteNonQuery();
        _expiredUpTo = cutoff;
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
}
