using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// <c>dotnet publish src/AcuBot</c> into a scratch folder, once for the tests that share it (a build of
/// the host: tens of seconds), and the published bot run from there as an operator runs it:
/// <c>dotnet OUT/AcuBot.dll</c>, in another working folder, as a separate process.
/// </summary>
public sealed class PublishedFolder : IDisposable
{
    public PublishedFolder()
    {
        Output = Directory.CreateTempSubdirectory("acubot-published-").FullName;
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // The configuration the tests were built with: the host is then mostly built already.
        var publish = PublishedBot.Run(PublishedBot.Dotnet, Path.Combine(RepoPaths.Root, "src", "AcuBot"),
            ["publish", "-c", configuration, "-o", Output, "-nologo", "-v", "q", "--disable-build-servers"], TimeSpan.FromMinutes(8));
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{publish.Output}");
    }

    /// <summary>The published folder (OUT).</summary>
    public string Output { get; }

    public string Dll => Path.Combine(Output, "AcuBot.dll");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Output, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a bot that is stopping; the temp folder is cleaned by the OS
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedFolderCollection : ICollectionFixture<PublishedFolder>
{
    public const string Name = "AcuBot published with dotnet publish";
}

/// <summary>One run of the published bot: its output kept line by line, stopped (killed) when disposed.</summary>
public sealed class PublishedBot : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    /// <summary>The dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH), else the one on the PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private PublishedBot(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(15) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>What the bot wrote to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>dotnet DLL args</c> in <paramref name="workingFolder"/> with <paramref name="environment"/> added (null removes a variable).</summary>
    public static PublishedBot Start(string dll, string workingFolder, int port, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = StartInfo(Dotnet, workingFolder, [dll, .. args]);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return new PublishedBot(Process.Start(start)!, port);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200, or fails with the bot's output.</summary>
    public Task WaitUntilReadyAsync() => PollAsync(TimeSpan.FromSeconds(90), async () =>
    {
        try
        {
            using var response = await Client.GetAsync("health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }, () => $"The published bot was not ready in 90 s:\n{string.Join("\n", Output)}");

    /// <summary>
    /// Waits until the bot has embedded every passage in the background (<c>/healthz</c>'s sentenceModel no
    /// longer "embedding"): a test of something else then does not time its first turns against that work
    /// on a loaded machine (a first answer once took longer than the official client's 5 s POST timeout).
    /// </summary>
    public Task WaitUntilEmbeddedAsync()
    {
        var last = "";
        return PollAsync(TimeSpan.FromSeconds(120), async () =>
        {
            using var health = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("healthz"));
            last = health.RootElement.TryGetProperty("sentenceModel", out var model) ? model.GetString() ?? "" : "";
            return !last.Contains("embedding", StringComparison.Ordinal);
        }, () => $"The published bot was still embedding after 120 s: {last}");
    }

    /// <summary>Checks <paramref name="done"/> every 200 ms until it holds; fails with the bot's output if the bot exits, or when <paramref name="limit"/> runs out.</summary>
    private async Task PollAsync(TimeSpan limit, Func<Task<bool>> done, Func<string> timedOut)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The published bot exited ({_process.ExitCode}):\n{string.Join("\n", Output)}");
            if (await done()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException(timedOut());
    }

    /// <summary>Waits for the bot to exit by itself (it should: a start-up failure).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The bot did not exit in {timeout}:\n{string.Join("\n", Output)}");
        }
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to its end, its output merged; killed after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output) Run(string file, string workingFolder, string[] args, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(file, workingFolder, args))!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}:\n" + string.Join("\n", output));
        }
        process.WaitForExit();
        return (process.ExitCode, string.Join("\n", output));
    }

    private static ProcessStartInfo StartInfo(string file, string workingFolder, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // What `dotnet test` set for its own MSBuild must not steer this one, nor the bot's address.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
                     "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT" })
            start.Environment.Remove(name);
        return start;
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
