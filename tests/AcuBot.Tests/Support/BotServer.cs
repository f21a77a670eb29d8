using AcuBot.Knowledge;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Support;

/// <summary>
/// The real bot, as <c>Program</c> runs it: <see cref="AcuBotHost.Build"/> on Kestrel, bound to a free
/// loopback port, with the repository's knowledge folder and appsettings.json. Only observation is
/// added: the app's logs are kept in <see cref="Logs"/> and every request its HttpClients send is kept
/// in <see cref="Outgoing"/>.
/// </summary>
public sealed class BotServer : IAsyncDisposable
{
    private readonly DirectoryInfo _scratch;

    private BotServer(WebApplication app, Uri baseAddress, InMemoryLogs logs, OutgoingRequests outgoing, string contentRoot, DirectoryInfo scratch)
    {
        _scratch = scratch;
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Outgoing = outgoing;
        ContentRoot = contentRoot;
        Client = CreateClient(TimeSpan.FromSeconds(15));
    }

    public WebApplication App { get; }

    /// <summary>Where the bot listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for the bot with a 15 s timeout: a hung request fails the test instead of the run.</summary>
    public HttpClient Client { get; }

    public InMemoryLogs Logs { get; }

    public OutgoingRequests Outgoing { get; }

    /// <summary>The content root the host chose on its own (where it looked for appsettings.json).</summary>
    public string ContentRoot { get; }

    /// <param name="extraArgs">More command-line settings, e.g. <c>--Limits:ConnectorTimeout=00:00:01</c>.</param>
    public static Task<BotServer> StartAsync(params string[] extraArgs) => StartAsync(configure: null, extraArgs);

    /// <param name="configure">Changes to the app's services (e.g. a dependency that fails), after the bot's own.</param>
    /// <param name="extraArgs">More command-line settings.</param>
    public static async Task<BotServer> StartAsync(Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        // Questions the bot could not answer are logged to SQLite; each server gets its own file, not the repository's data/.
        var scratch = Directory.CreateTempSubdirectory("acubot-tests-");
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Knowledge:Folder={RepoPaths.Knowledge}",
            $"--Unanswered:DatabasePath={Path.Combine(scratch.FullName, "unanswered.db")}",
            // Every test client comes from 127.0.0.1: per-address limits are off unless a test sets them.
            "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0",
            "--Limits:TokensPerMinutePerAddress=0", "--Limits:StreamsPerAddress=0", "--Limits:ReadsPerMinutePerAddress=0",
            // No balancer to drain from: stopped at once unless a test sets it (Deploy/ShutdownDrainTests).
            "--Shutdown:DrainSeconds=0",
            .. extraArgs,
        ];
        var logs = new InMemoryLogs();
        var outgoing = new OutgoingRequests();
        var contentRoot = "";
        var app = AcuBotHost.Build(args, builder =>
        {
            contentRoot = builder.Environment.ContentRootPath;
            UseRepositorySettings(builder, args);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(outgoing.CreateHandler));
            configure?.Invoke(builder);
        });

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            scratch.Delete(recursive: true);
            throw;
        }
        // On a fresh clone the repository's vector cache (data/) is empty, and a knowledge base with more
        // questions than Embeddings:BackgroundFrom is embedded in the background while the bot answers by
        // words alone. A test server answers by meaning from its first request, as a restarted bot does,
        // unless the test sets that threshold itself to watch the embedding (HealthTests).
        if (!extraArgs.Any(a => a.StartsWith("--Embeddings:BackgroundFrom", StringComparison.Ordinal)))
            await app.Services.GetRequiredService<KnowledgeService>().VectorsReady;
        var address = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        if (address.EndsWith(":0", StringComparison.Ordinal))
            throw new InvalidOperationException($"The bot reported its address as {address}, not the port it bound.");
        return new BotServer(app, new Uri(address.TrimEnd('/') + "/"), logs, outgoing, contentRoot, scratch);
    }

    /// <summary>
    /// SettingsLocation looks for appsettings.json above the current folder and the binaries; a build with
    /// --artifacts-path has neither inside the repository, and the host would silently run on built-in
    /// defaults. Loads the repository's file, then the command line again so it still wins.
    /// </summary>
    public static void UseRepositorySettings(WebApplicationBuilder builder, string[] args)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        if (File.Exists(Path.Combine(contentRoot, "appsettings.json")) &&
            string.Equals(Path.GetFullPath(contentRoot).TrimEnd(Path.DirectorySeparatorChar), RepoPaths.Root, StringComparison.Ordinal))
            return;
        builder.Configuration.AddJsonFile(RepoPaths.AppSettings, optional: false, reloadOnChange: false);
        builder.Configuration.AddCommandLine(args);
    }

    public HttpClient CreateClient(TimeSpan timeout) => new() { BaseAddress = BaseAddress, Timeout = timeout };

    public KnowledgeService Knowledge => App.Services.GetRequiredService<KnowledgeService>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            _scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
    }
}
