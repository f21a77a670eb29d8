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
/// <see cref="SqliteClinicInsights"/>, a turn only adds one to a counter in memory (<see cref="PendingInsightCounts"/>);
/// <see cref="InsightFlushSchedule"/> adds them to the table every few seconds, before every read and when
/// the bot stops, and deletes the days past Unanswered:RetentionDays.
/// </summary>
public sealed class PostgresClinicInsights : IClinicInsights, IDisposable
{
    private readonly PendingInsightCounts _pending = new();
    private readonly NpgsqlDataSource _database;
    private readonly InsightFlushSchedule _flushes;

    public PostgresClinicInsights(PostgresDatabase database, IOptions<UnansweredOptions> options, TimeProvider clock, ILogger<PostgresClinicInsights> logger)
    {
        _database = database.DataSource;
        // A server gone away keeps the counts for the next flush.
        _flushes = new InsightFlushSchedule(_pending, options.Value.RetentionDays, clock, Write,
            static ex => ex is NpgsqlException or InvalidOperationException, ex => UnansweredLogMessages.CouldNotWriteInsights(logger, ex.Message, null)).Start();
    }

    public void Count(string? channelId, string? text, BotReply reply) => _pending.Count(_flushes.Today(), channelId, text, reply);

    public InsightTotals Read(int days)
    {
        _flushes.Flush();
        var tally = new InsightTally(_flushes.Today(), days);
        using var command = _database.CreateCommand("SELECT day, metric, key, count FROM daily_counts WHERE day >= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = tally.From, NpgsqlDbType = NpgsqlDbType.Date });
        using var reader = command.ExecuteReader();
        while (reader.Read())
            tally.Add(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), (int)Math.Min(int.MaxValue, reader.GetInt64(3)));
        return tally.Totals();
    }

    public void Dispose() => _flushes.Dispose();

    /// <summary>Adds the counts to the table, in one statement, and deletes the days before <paramref name="deleteBefore"/>, in one transaction.</summary>
    private void Write(IReadOnlyList<(InsightCounter Counter, int Count)> counts, DateOnly? deleteBefore)
    {
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        if (counts.Count > 0)
        {
            using var upsert = new NpgsqlCommand("""
                INSERT INTO daily_counts (day, metric, key, count)
                SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[])
                ON CONFLICT (day, metric, key) DO UPDATE SET count = daily_counts.count + excluded.count
                """, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(t => t.Counter.Day).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(t => t.Counter.Metric).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(t => t.Counter.Key).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = counts.Select(t => (long)t.Count).ToArray() });
            upsert.ExecuteNonQuery();
        }
        if (deleteBefore is { } cutoff)
        {
            using var delete = new NpgsqlCommand("DELETE FROM daily_counts WHERE day < $1", connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter { Value = cutoff, NpgsqlDbType = NpgsqlDbType.Date });
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
