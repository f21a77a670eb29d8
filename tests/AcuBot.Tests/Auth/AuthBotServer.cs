using System.Collections.Concurrent;
using AcuBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Auth;

/// <summary>
/// The real bot, built as <see cref="BotServer"/> builds it (<see cref="AcuBotHost.Build"/> on a free
/// loopback port, the repository's knowledge and appsettings.json, logs and outgoing requests
/// recorded), plus a hook onto the builder, which <see cref="BotServer"/> does not offer: the tests use it
/// to make the bot's MSAL client trust the fake token endpoint's certificate. Every HttpClient of the
/// bot also gets a guard refusing any non-loopback address, so no test can reach one, whatever the bot does.
/// </summary>
public sealed class AuthBotServer : IAsyncDisposable
{
    private readonly DirectoryInfo scratch;

    private AuthBotServer(WebApplication app, Uri baseAddress, InMemoryLogs logs, OutgoingRequests outgoing, NonLoopbackGuard guard, DirectoryInfo scratch)
    {
        this.scratch = scratch;
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Outgoing = outgoing;
        Guard = guard;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public InMemoryLogs Logs { get; }

    /// <summary>Every request the bot's HttpClients sent (metadata, keys, token endpoint, connector).</summary>
    public OutgoingRequests Outgoing { get; }

    public NonLoopbackGuard Guard { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<AuthBotServer> StartAsync(string[] extraArgs, Action<WebApplicationBuilder>? configure = null)
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-auth-tests-");
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Knowledge:Folder={RepoPaths.Knowledge}",
            $"--Unanswered:DatabasePath={Path.Combine(scratch.FullName, "unanswered.db")}",
            // The tests present many bad tokens from 127.0.0.1 on purpose: that limit is off unless a test sets it.
            "--Limits:FailedAuthenticationsPerMinutePerAddress=0",
            .. extraArgs,
        ];
        var logs = new InMemoryLogs();
        var outgoing = new OutgoingRequests();
        var guard = new NonLoopbackGuard();
        var app = AcuBotHost.Build(args, builder =>
        {
            BotServer.UseRepositorySettings(builder, args);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Services.ConfigureHttpClientDefaults(http => http
                .AddHttpMessageHandler(outgoing.CreateHandler)
                .AddHttpMessageHandler(() => new NonLoopbackGuard.Handler(guard)));
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
        var address = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new AuthBotServer(app, new Uri(address.TrimEnd('/') + "/"), logs, outgoing, guard, scratch);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
    }
}

/// <summary>Refuses, and records, any request of the bot's HttpClients to a non-loopback address.</summary>
public sealed class NonLoopbackGuard
{
    private readonly ConcurrentQueue<Uri?> refused = new();

    public IReadOnlyList<Uri?> Refused => [.. refused];

    public sealed class Handler(NonLoopbackGuard guard) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is not { IsAbsoluteUri: true, IsLoopback: true })
            {
                guard.refused.Enqueue(request.RequestUri);
                throw new HttpRequestException($"Test guard: a request to the non-loopback address {request.RequestUri} was refused.");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
