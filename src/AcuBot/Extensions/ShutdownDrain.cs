using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Extensions;

/// <summary>
/// Drains the instance before it stops, as a load-balanced service does (a Kubernetes readiness probe, an
/// nginx or HAProxy health check): when the host starts stopping, readiness turns to "draining" (503), the
/// bot keeps serving for <see cref="ShutdownOptions.DrainSeconds"/> while every HTTP/1.1 response carries
/// <c>Connection: close</c>, then the Direct Line streams are closed with 1001 (<see cref="StreamsClosing"/>)
/// and Kestrel stops. Without the drain, Kestrel closes idle kept-alive connections as it stops, and a
/// client that has just sent a request on one sees the connection drop with no answer; during the drain a
/// connection used once more gets its answer and then ends, and one left idle is closed by the client itself.
/// </summary>
/// <remarks>
/// The host stops in phases: <c>ApplicationStopping</c>, then every <see cref="IHostedLifecycleService.StoppingAsync"/>,
/// then every <see cref="IHostedService.StopAsync"/> (Kestrel's among them). The drain is a StoppingAsync,
/// so Kestrel serves throughout it; the host's ShutdownTimeout is lengthened by the drain (see
/// <see cref="ShutdownDrainSetup"/>) so that the drain does not eat the time the rest of the stop is given.
/// </remarks>
public sealed class ShutdownDrain(IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService, IDisposable
{
    // EventIds 6001-6099: the host (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, int, Exception?> LogDraining = LoggerMessage.Define<int>(LogLevel.Information,
        new EventId(6001, "ShutdownDraining"), "Stopping: draining for {DrainSeconds} s (readiness answers 503, HTTP/1.1 connections close after their response)");

    private static readonly Action<ILogger, string, Exception?> LogDrained = LoggerMessage.Define<string>(LogLevel.Information,
        new EventId(6002, "ShutdownDrained"), "Drain {Outcome}: closing the Direct Line streams and stopping the server");

    private readonly CancellationTokenSource _streamsClosing = new();
    private volatile bool _draining;

    /// <summary>True from the moment the host starts stopping: readiness answers 503, responses close their connection.</summary>
    public bool IsDraining => _draining;

    /// <summary>Cancelled when the drain is over: open Direct Line streams close with 1001, new ones are refused with 503.</summary>
    public CancellationToken StreamsClosing => _streamsClosing.Token;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_streamsClosing.IsCancellationRequested) return; // stopped before: a second stop does not drain again
        _draining = true;
        var seconds = options.Value.DrainSeconds;
        var outcome = "over";
        if (seconds > 0)
        {
            LogDraining(logger, seconds, null);
            try
            {
                await Task.Delay(options.Value.DrainPeriod, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                outcome = "cut short (the stop was cancelled or timed out)";
            }
            LogDrained(logger, outcome, null);
        }
        await _streamsClosing.CancelAsync();
    }

    /// <summary>
    /// Marks each HTTP/1.x response written while draining <c>Connection: close</c> (checked when the response
    /// starts, so a request that began before the drain counts too). Not an upgrade (101, the WebSocket
    /// handshake): that connection becomes the stream, closed with its own close frame. HTTP/2 and HTTP/3
    /// need nothing: Kestrel ends them with GOAWAY, which tells the client which requests were served.
    /// </summary>
    public Task MarkResponse(HttpContext http, RequestDelegate next)
    {
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
            http.Response.OnStarting(static state =>
            {
                var (drain, response) = ((ShutdownDrain, HttpResponse))state;
                if (drain.IsDraining && response.StatusCode != StatusCodes.Status101SwitchingProtocols) response.Headers.Connection = "close";
                return Task.CompletedTask;
            }, (this, http.Response));
        return next(http);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _streamsClosing.Dispose();
}

/// <summary>The drain on the web host: its setting, the service, the host's longer ShutdownTimeout, the response marking.</summary>
public static class ShutdownDrainSetup
{
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ShutdownOptions>(configuration, ShutdownOptions.Section, (check, o) =>
            check.Between(nameof(o.DrainSeconds), o.DrainSeconds, 0, ShutdownOptions.MaxDrainSeconds));
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        // The host's ShutdownTimeout (30 s by default) bounds the whole stop, drain included: the drain comes on top of it.
        services.AddOptions<HostOptions>().PostConfigure<IOptions<ShutdownOptions>>((host, shutdown) =>
        {
            if (host.ShutdownTimeout != Timeout.InfiniteTimeSpan) host.ShutdownTimeout += shutdown.Value.DrainPeriod;
        });
        return services;
    }

    /// <summary>First in the pipeline, so that every response, an error or a refusal included, is marked while draining.</summary>
    public static WebApplication UseShutdownDrain(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<ShutdownDrain>();
        app.Use(drain.MarkResponse);
        return app;
    }
}
