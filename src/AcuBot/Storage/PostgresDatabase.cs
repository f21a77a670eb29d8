using Npgsql;

namespace AcuBot.Storage;

/// <summary>
/// The PostgreSQL database named by <c>ConnectionStrings:Postgres</c>, shared by every store kept there
/// (the unanswered log, the insight counts). Its schema is brought up to date once, when the bot starts:
/// the migrations it has not had run in order, in one transaction (all or none), under a lock that keeps
/// two instances starting together from running the same one twice.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>An arbitrary number every AcuBot instance takes the same advisory lock on while it migrates.</summary>
    private const long MigrationLock = 0x41637542_6f740001;

    /// <summary>
    /// The schema's history, oldest first: never edit one that has shipped, add the next. The tables are
    /// those of the SQLite file (the same columns), with PostgreSQL's types.
    /// </summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE unanswered (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            question text NOT NULL,
            normalized text NOT NULL,
            asked_at timestamptz NOT NULL,
            best_confidence double precision);
        CREATE INDEX unanswered_normalized ON unanswered (normalized);
        CREATE INDEX unanswered_asked_at ON unanswered (asked_at);
        CREATE TABLE daily_counts (
            day date NOT NULL, metric text NOT NULL, key text NOT NULL, count bigint NOT NULL,
            PRIMARY KEY (day, metric, key));
        """,
    ];

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema version this build brings a database to.</summary>
    public static int SchemaVersion => Migrations.Length;

    public PostgresDatabase(string connectionString, ILogger<PostgresDatabase> logger)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        DataSource = NpgsqlDataSource.Create(parsed);
        try
        {
            var applied = Migrate();
            if (applied > 0) Unanswered.UnansweredLogMessages.SchemaMigrated(logger, SchemaVersion, applied, null);
        }
        catch (NpgsqlException ex)
        {
            DataSource.Dispose();
            // The host and database only: a connection string may hold a password.
            throw new InvalidOperationException($"Could not prepare the PostgreSQL database {parsed.Database} on {parsed.Host}:{parsed.Port} (ConnectionStrings:{ConnectionStringName}): {ex.Message}", ex);
        }
    }

    /// <summary>Runs the migrations the database has not had yet; returns how many.</summary>
    private int Migrate()
    {
        using var connection = DataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS acubot_schema (version integer NOT NULL)");
        int current;
        using (var read = new NpgsqlCommand("SELECT max(version) FROM acubot_schema", connection, transaction))
            current = read.ExecuteScalar() is int v ? v : 0;
        if (current > Migrations.Length)
            throw new InvalidOperationException($"The PostgreSQL database has schema version {current}, newer than this build's {Migrations.Length}: run a newer AcuBot.");
        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            Execute(connection, transaction, Migrations[version - 1]);
            Execute(connection, transaction, $"INSERT INTO acubot_schema (version) VALUES ({version})");
        }
        transaction.Commit();
        return Migrations.Length - current;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    public void Dispose() => DataSource.Dispose();
}
