using System.Diagnostics;
using System.Net.Sockets;

namespace AcuBot.Tests.Support;

/// <summary>
/// A real redis-server for the tests, on a free loopback port with a throwaway folder, persistence off,
/// in the foreground as a child of the test process (no Docker); killed and its folder deleted at the end.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=2000";

    /// <summary>The folder of redis-server, or null when it is not installed.</summary>
    public static string? BinFolder { get; } = LocalServer.FindFolder(["/usr/bin", "/usr/local/bin"], "redis-server");

    /// <summary>Why the Redis tests are skipped here, or null when they run (they always run in CI).</summary>
    public static string? SkipReason => BinFolder is null && !LocalServer.InCi
        ? "REDIS NOT INSTALLED: redis-server is not in PATH, /usr/bin or /usr/local/bin, so the Redis tests are SKIPPED " +
          "(apt-get install -y redis-server to run them; in CI they fail instead)"
        : null;

    private readonly bool _persistent;

    private RedisServer(string folder, bool persistent) => (_folder, _persistent) = (folder, persistent);

    /// <param name="persistent">Keep the data across <see cref="StopAsync"/> and <see cref="RestartAsync"/> (an append-only file, synced at every write), as a production Redis would.</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        if (BinFolder is null)
            throw new InvalidOperationException("redis-server is not installed (not in PATH, /usr/bin or /usr/local/bin): .ci/run installs it with apt-get install -y redis-server");
        var server = new RedisServer(Directory.CreateTempSubdirectory("acubot-redis-").FullName, persistent);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await server.StartOnAsync(LocalServer.FreeLoopbackPort());
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: another one.
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops the server (as a crash would: SIGKILL), keeping its port for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port (empty unless it is persistent).</summary>
    public Task RestartAsync() => StartOnAsync(Port);

    private async Task StartOnAsync(int port)
    {
        Port = port;
        var start = new ProcessStartInfo(Path.Combine(BinFolder!, "redis-server"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", _folder, "--save", "", "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always", "--daemonize", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Ready when it answers PING (a bounded wait for its start, not a timing assertion).
        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited)
            {
                string log;
                lock (output) log = output.ToString();
                _process.Dispose();
                _process = null;
                throw new InvalidOperationException($"redis-server exited at start: {log}");
            }
            if (await PingsAsync(port)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("redis-server did not answer PING within 10 s");
    }

    private static async Task<bool> PingsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A test that needs Redis: skipped, with the reason in the results, only where it is not installed outside CI.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.SkipReason is { } reason)
        {
            Skip = reason;
            Console.Error.WriteLine(reason);
        }
    }
}
