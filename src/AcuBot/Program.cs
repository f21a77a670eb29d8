using AcuBot;
using AcuBot.Cli;
using AcuBot.Extensions;

// One executable: the bot's web server by default, or a command-line command (ask, eval, unanswered, check).
if (CliCommands.Handles(args)) return await CliCommands.RunAsync(args);
// A setting out of range or a port in use: one line naming what to change, and a non-zero exit code.
return await StartupErrors.RunAsync(() => Program.BuildServer(args), Console.Error);

internal partial class Program
{
    /// <summary>The bot's web server: the whole pipeline, in the order a request meets it.</summary>
    /// <param name="configure">Lets tests add configuration or services before the app is built.</param>
    internal static WebApplication BuildServer(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = AcuBotHost.CreateBuilder(args);
        builder.AddServiceDefaults();   // health checks, OpenTelemetry, JSON console logs (Extensions/ServiceDefaults.cs)
        builder.AddAcuBot();            // settings, knowledge, the turn, channels, Kestrel, the drain on shutdown (Extensions/AcuBotExtensions.cs)
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAcuBot();                // the drain on shutdown, forwarded headers, security headers, WebSockets, CORS, compressed site files
        app.MapDefaultEndpoints();      // /health/live, /health/ready, /metrics (when on)
        app.MapAcuBot();                // /api/messages, /healthz, Direct Line, Web Chat
        return app;
    }
}
