using System.Diagnostics;

namespace AcuBot.Soak;

/// <summary>The bot under soak, in a process of its own (so its memory is its own), on a loopback port.</summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;

    private BotProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static async Task<BotProcess> StartAsync(string repositoryRoot, int port, HttpClient http)
    {
        var bot = Path.Combine(AppContext.BaseDirectory, "AcuBot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot, // appsettings.json and knowledge/ of the clone
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     bot, "--urls", $"http://127.0.0.1:{port}",
                     // One load generator on one address: the per-address limits would throttle it, which is not what is measured.
                     "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0",
                     "--Limits:TokensPerMinutePerAddress=0", "--Limits:StreamsPerAddress=0",
                     "--Unanswered:Enabled=false", "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bot: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                if (health.IsSuccessStatusCode) return new BotProcess(process);
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The bot did not become ready within 30 s.");
    }

    /// <summary>Resident memory in MB, from /proc (Linux).</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
