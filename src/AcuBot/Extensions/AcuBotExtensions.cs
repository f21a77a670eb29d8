using AcuBot.Channels;
using AcuBot.DirectLine;
using AcuBot.Endpoints;
using AcuBot.Knowledge;
using AcuBot.Options;
using AcuBot.WebChat;
using Microsoft.Extensions.Options;

namespace AcuBot.Extensions;

/// <summary>
/// The bot on the web host: its services and Kestrel's limits (<see cref="AddAcuBot"/>), the middleware
/// every request passes (<see cref="UseAcuBot"/>) and its endpoints (<see cref="MapAcuBot"/>).
/// </summary>
public static class AcuBotExtensions
{
    public static WebApplicationBuilder AddAcuBot(this WebApplicationBuilder builder)
    {
        builder.UseDefaultUnlessConfigured();
        builder.Services.AddAcuBot(builder.Configuration);
        // Before the server listens: the first patient is answered from the clinic's documents.
        builder.Services.AddHostedService<KnowledgeLoading>();
        builder.Services.AddHostedService<KnowledgeWatcher>();
        builder.Services.AddSiteCompression();
        // On SIGTERM: readiness "draining", HTTP/1.1 connections closed after their response, then the streams, then Kestrel.
        builder.Services.AddShutdownDrain(builder.Configuration);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Above the Activity limit, so the endpoint itself can answer 413 with a clear body (reading and
            // discarding the excess up to this cap); beyond it, Kestrel refuses the body itself.
            var limits = context.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes * 8;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    public static WebApplication UseAcuBot(this WebApplication app)
    {
        // Before anything can answer: while the instance drains, every response closes its HTTP/1.1 connection.
        app.UseShutdownDrain();
        // First, so that everything after it (rate limits, logs) sees the patient's address, not the proxy's.
        app.UseTrustedProxies(app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value);
        app.UseSecurityHeaders();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseCors();
        app.UseSiteCompression();
        app.UseSiteFiles();
        return app;
    }

    public static WebApplication MapAcuBot(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ChannelOptions>>().Value.EnableMessagesEndpoint) app.MapBotMessages();
        app.MapHealth();
        app.MapClinicInsights();      // /clinic, off unless Clinic:InsightsKey is set
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.Enabled)
        {
            app.MapDirectLine();
            app.MapWebChat();
        }
        return app;
    }

    /// <summary>Loads the knowledge when the host starts, before Kestrel binds (the starting phase precedes every start).</summary>
    private sealed class KnowledgeLoading(KnowledgeService knowledge) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            if (!knowledge.IsLoaded) knowledge.Load();
            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
