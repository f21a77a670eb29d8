using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Conformance;

/// <summary>
/// A script in tests/peer run with Node: Microsoft's own Bot Framework clients (botframework-directlinejs,
/// botbuilder's ChannelServiceRoutes) pinned in tests/peer/package-lock.json. The packages are installed
/// with <c>npm ci</c> the first time (.ci/run does it beforehand); the script reports what it observes as
/// JSON lines, each with an "event", which the tests read and judge.
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Installing = new(1, 1);
    private static bool s_installed;

    private readonly Process _process;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private readonly StringBuilder _stderr = new();

    private NodePeer(Process process) => _process = process;

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "peer");

    /// <summary>Every event the script has reported so far, in order.</summary>
    public IReadOnlyList<JsonElement> Events { get { lock (_seen) return _seen.ToArray(); } }

    /// <summary>Starts <c>node {script} {args}</c> in tests/peer.</summary>
    public static async Task<NodePeer> StartAsync(string script, params string[] args)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start };
        var peer = new NodePeer(process);
        // The end of its output, not its exit, ends the events: the last lines may still be on their way when it exits.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) peer._events.Writer.TryComplete();
            else peer.OnLine(line.Data);
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (peer._stderr) peer._stderr.AppendLine(line.Data); };
        if (!process.Start()) throw new InvalidOperationException("node did not start (Node.js is needed for these tests).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Starts a Direct Line scenario of directline.js with its configuration.</summary>
    public static Task<NodePeer> DirectLineAsync(string scenario, object config) =>
        StartAsync("directline.js", scenario, JsonSerializer.Serialize(config));

    /// <summary>The next event named <paramref name="name"/>; fails on the script's "fail" event, its exit, or the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(string name, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(45));
        try
        {
            while (await _events.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_events.Reader.TryRead(out var record))
                {
                    var type = record.GetProperty("event").GetString();
                    if (type == "fail") throw new Xunit.Sdk.XunitException($"The peer failed: {record.GetProperty("message").GetString()}{Diagnostics()}");
                    if (type == name) return record;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The peer reported no '{name}' in time.{Diagnostics()}");
        }
        throw new Xunit.Sdk.XunitException($"The peer exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before reporting '{name}'.{Diagnostics()}");
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        JsonElement record;
        try
        {
            using var document = JsonDocument.Parse(line);
            record = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            lock (_stderr) _stderr.AppendLine("stdout: " + line);
            return;
        }
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("event", out _)) return;
        lock (_seen) _seen.Add(record);
        _events.Writer.TryWrite(record);
    }

    private string Diagnostics()
    {
        string errors;
        lock (_stderr) errors = _stderr.ToString();
        var events = string.Join("\n", Events.TakeLast(15).Select(e => BotHttp.Shorten(e.GetRawText())));
        return $"\nLast events:\n{events}\nstderr:\n{BotHttp.Shorten(errors)}";
    }

    /// <summary><c>npm ci</c> in tests/peer when its packages are missing (a fresh clone; .ci/run installs them first).</summary>
    private static async Task EnsureInstalledAsync()
    {
        if (s_installed) return;
        await Installing.WaitAsync();
        try
        {
            if (s_installed) return;
            string[] needed = ["botframework-directlinejs", "botbuilder", "ws", "xhr2"];
            if (!needed.All(name => File.Exists(Path.Combine(Folder, "node_modules", name, "package.json"))))
            {
                var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
                using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start (Node.js with npm is needed for these tests).");
                var output = npm.StandardOutput.ReadToEndAsync();
                var errors = npm.StandardError.ReadToEndAsync();
                using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(8));
                await npm.WaitForExitAsync(limit.Token);
                if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}): {await output}{await errors}");
            }
            s_installed = true;
        }
        finally
        {
            Installing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException) { }
        _process.Dispose();
    }
}
