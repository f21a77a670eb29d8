using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AcuBot.Health;

/// <summary>
/// Can the bot reach where it keeps things? The Direct Line conversations and the turn's conversation state
/// are in memory (always reachable) or in Redis (<c>ConnectionStrings:Redis</c>), which must be connected;
/// the unanswered-questions log is a SQLite file, opened read-only and queried, or PostgreSQL
/// (<c>ConnectionStrings:Postgres</c>), queried. A store that cannot be reached is degraded: patients are
/// still answered (a turn whose state Redis cannot hold gets the turn-failure apology), but what that
/// store keeps is lost until it is back (with Redis away, Web Chat's requests answer 503).
/// </summary>
public sealed class StoresHealthCheck(IUnansweredLog unanswered, IOptions<UnansweredOptions> options, IHostEnvironment host, IServiceProvider services) : IHealthCheck
{
    public const string Name = "stores";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Storage.RedisConnection.Describe(services.GetService<Storage.RedisConnection>()) is { Connected: false, Text: var problem })
            return HealthCheckResult.Degraded("Redis " + problem + ".");
        var conversations = services.GetService<Storage.RedisConnection>() is null ? "Conversations in memory" : "Conversations in Redis";
        if (services.GetService<Storage.PostgresDatabase>() is { } postgres)
        {
            try
            {
                await using var query = postgres.DataSource.CreateCommand("SELECT 1");
                await query.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{conversations}; the unanswered-questions log on PostgreSQL answers.");
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Degraded($"The unanswered-questions log on PostgreSQL (ConnectionStrings:Postgres) cannot be reached: {ex.Message}");
            }
        }
        if (unanswered is not SqliteUnansweredLog) return HealthCheckResult.Healthy($"{conversations}; the unanswered-questions log is off.");
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        var data = new Dictionary<string, object> { ["unansweredDatabase"] = path };
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT count(*) FROM sqlite_master";
            await query.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{conversations}; the unanswered-questions log is readable.", data);
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Degraded($"The unanswered-questions log {path} cannot be read: {ex.Message}", data: data);
        }
    }
}
