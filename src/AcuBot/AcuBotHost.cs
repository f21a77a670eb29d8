using AcuBot.Channels;
using AcuBot.Clinic;
using AcuBot.DirectLine;
using AcuBot.WebChat;
using Microsoft.Extensions.Options;
using AcuBot.Knowledge;
using AcuBot.Options;

namespace AcuBot;

/// <summary>Builds the web application: Kestrel, the bot's endpoints, the knowledge index loaded before it listens.</summary>
public static class AcuBotHost
{
    public const string DefaultUrl = "http://localhost:3978";

    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>, <c>--Clinic:Name=...</c>).</param>
    /// <param name="configure">Lets tests add configuration or services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = SettingsLocation.ContentRoot(),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddAcuBot(builder.Configuration);
        builder.Services.AddHostedService<KnowledgeWatcher>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            // Above the Activity limit, so the endpoint itself can answer 413 with a clear body (reading and
            // discarding the excess up to this cap); beyond it, Kestrel refuses the body itself.
            var limits = context.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes * 8;
            kestrel.AddServerHeader = false;
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<KnowledgeService>().Load();

        // First, so that everything after it (rate limits, logs) sees the patient's address, not the proxy's.
        app.UseTrustedProxies(app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions());
        app.UseSecurityHeaders();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseCors();
        app.UseSiteFiles();

        if (app.Services.GetRequiredService<IOptions<ChannelOptions>>().Value.EnableMessagesEndpoint) app.MapBotMessages();
        app.MapHealth();
        app.MapClinicInsights();
        if (app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.Enabled)
        {
            app.MapDirectLine();
            app.MapWebChat();
        }
        return app;
    }
}
