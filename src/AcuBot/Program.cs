using AcuBot;
using AcuBot.Cli;
using AcuBot.Extensions;

// One executable: the bot's web server by default, or a command-line command.
return args.FirstOrDefault() switch
{
    "ask" => await AskCommand.RunAsync(args[1..], Console.Out),
    "eval" => await EvalCommand.RunAsync(args[1..], Console.Out),
    "unanswered" => await UnansweredCommand.RunAsync(args[1..], Console.Out),
    "help" or "--help" or "-h" => Usage(),
    // A setting out of range or a port in use: one line naming what to change, and a non-zero exit code.
    _ => await StartupErrors.RunAsync(() => Program.BuildServer(args), Console.Error),
};

static int Usage()
{
    Console.WriteLine("""
        AcuBot, the clinic FAQ bot.
          (no command)          run the bot on http://localhost:3978 (--urls or ASPNETCORE_HTTP_PORTS to change)
          ask "question"        print the reply the bot would send
          eval FILE [--json]    run a labelled question set and print the report
          unanswered            list the questions the bot could not answer, most asked first
          unanswered --purge    delete every recorded unanswered question
        Settings come from appsettings.json; any of them can be given as --Section:Key=value.
        """);
    return 0;
}

internal partial class Program
{
    /// <summary>The bot's web server: the whole pipeline, in the order a request meets it.</summary>
    /// <param name="configure">Lets tests add configuration or services before the app is built.</param>
    internal static WebApplication BuildServer(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = AcuBotHost.CreateBuilder(args);
        builder.AddServiceDefaults();   // health checks, OpenTelemetry, JSON console logs (Extensions/ServiceDefaults.cs)
        builder.AddAcuBot();            // settings, knowledge, the turn, channels, Kestrel (Extensions/AcuBotExtensions.cs)
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAcuBot();                // forwarded headers, security headers, WebSockets, CORS, compressed site files
        app.MapDefaultEndpoints();      // /health/live, /health/ready, /metrics (when on)
        app.MapAcuBot();                // /api/messages, /healthz, Direct Line, Web Chat
        return app;
    }
}
