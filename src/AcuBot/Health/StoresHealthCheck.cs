using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AcuBot.Health;

/// <summary>
/// Can the bot reach where it keeps things? The conversation and Direct Line stores are in memory (always
/// reachable); the unanswered-questions log is a SQLite file, opened read-only and queried. A log that
/// cannot be read is degraded: patients are still answered, only their unanswered questions are lost.
/// A store kept outside the process registers its own check with the <see cref="HealthSetup.ReadyTag"/> tag.
/// </summary>
public sealed class StoresHealthCheck(IUnansweredLog unanswered, IOptions<UnansweredOptions> options, IHostEnvironment host) : IHealthCheck
{
    public const string Name = "stores";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (unanswered is not SqliteUnansweredLog) return HealthCheckResult.Healthy("In memory; the unanswered-questions log is off.");
        var path = Path.GetFullPath(options.Value.DatabasePath, host.ContentRootPath);
        var data = new Dictionary<string, object> { ["unansweredDatabase"] = path };
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT count(*) FROM sqlite_master";
            await query.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("Conversations in memory; the unanswered-questions log is readable.", data);
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Degraded($"The unanswered-questions log {path} cannot be read: {ex.Message}", data: data);
        }
    }
}
