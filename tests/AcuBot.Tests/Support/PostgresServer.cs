using Npgsql;

namespace AcuBot.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests: a throwaway cluster in a temporary folder, started with pg_ctl on
/// a free loopback port (no Docker), stopped and deleted at the end. PostgreSQL refuses to run as root, so
/// under root the cluster belongs to, and runs as, the system user "postgres" (which Debian's package
/// creates) or else "nobody". The programs come from PATH, /usr/local/bin or Debian's
/// /usr/lib/postgresql/&lt;version&gt;/bin. Each test takes a database of its own (<see cref="NewDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];
    private const string Superuser = "acubot";

    private readonly string _bin;
    private readonly string _data;
    private readonly string? _runAs;
    private int _databases;

    public int Port { get; private set; }

    /// <summary>The folder of initdb, pg_ctl and postgres, or null when PostgreSQL is not installed.</summary>
    public static string? BinFolder { get; } = LocalServer.FindFolder(DebianFolders(), Programs);

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they run (they always run in CI).</summary>
    public static string? SkipReason => BinFolder is null && !LocalServer.InCi
        ? "POSTGRESQL NOT INSTALLED: initdb, pg_ctl and postgres are in neither PATH, /usr/local/bin nor /usr/lib/postgresql/*/bin, " +
          "so the PostgreSQL tests are SKIPPED (apt-get install -y postgresql to run them; in CI they fail instead)"
        : null;

    private PostgresServer(string bin, string data, string? runAs) => (_bin, _data, _runAs) = (bin, data, runAs);

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database, Pooling = true }.ToString();

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinFolder ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (initdb, pg_ctl, postgres not found in PATH, /usr/local/bin or /usr/lib/postgresql/*/bin): .ci/run installs it with apt-get install -y postgresql");
        var runAs = LocalServer.RunningAsRoot ? (UserExists("postgres") ? "postgres" : "nobody") : null;
        var data = Directory.CreateTempSubdirectory("acubot-pg-").FullName;
        var server = new PostgresServer(bin, data, runAs);
        try
        {
            if (runAs is not null) await LocalServer.RunAsync("chown", [runAs, data], TimeSpan.FromSeconds(30));
            await server.RunAsync("initdb", ["-D", Path.Combine(data, "cluster"), "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], TimeSpan.FromMinutes(2));
            for (var attempt = 1; ; attempt++)
            {
                server.Port = LocalServer.FreeLoopbackPort();
                try
                {
                    await server.RunAsync("pg_ctl", ["-D", Path.Combine(data, "cluster"), "-l", Path.Combine(data, "server.log"), "-w", "-t", "60",
                        "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={data} -c fsync=off -c max_connections=200", "start"], TimeSpan.FromMinutes(2));
                    break;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // The port was taken between choosing and binding it: another one.
                }
            }
            return server;
        }
        catch (Exception ex)
        {
            var log = Path.Combine(data, "server.log");
            var tail = File.Exists(log) ? File.ReadAllText(log) : "";
            await server.DisposeAsync();
            throw new InvalidOperationException($"Could not start PostgreSQL from {bin}: {ex.Message}\n{tail}", ex);
        }
    }

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var cluster = Path.Combine(_data, "cluster");
        if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
        {
            try { await RunAsync("pg_ctl", ["-D", cluster, "-m", "immediate", "-w", "-t", "30", "stop"], TimeSpan.FromMinutes(1)); }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException) { Console.Error.WriteLine($"Could not stop the test PostgreSQL: {ex.Message}"); }
        }
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task<string> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout) => _runAs is null
        ? LocalServer.RunAsync(Path.Combine(_bin, program), args, timeout)
        : LocalServer.RunAsync("runuser", ["-u", _runAs, "--", Path.Combine(_bin, program), .. args], timeout);

    private static bool UserExists(string name) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    /// <summary>Debian's /usr/lib/postgresql/&lt;version&gt;/bin, newest version first.</summary>
    private static IEnumerable<string> DebianFolders() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
}

/// <summary>One PostgreSQL server for every test in the collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Name = "PostgreSQL";
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server did not start.");

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null) return; // every test here is skipped
        _server = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(PostgresFixture.Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;

/// <summary>A test that needs PostgreSQL: skipped, with the reason in the results, only where it is not installed outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
            Console.Error.WriteLine(reason);
        }
    }
}
