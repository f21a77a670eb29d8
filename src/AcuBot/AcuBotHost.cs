using AcuBot.Extensions;

namespace AcuBot;

/// <summary>
/// The web application's builder, as every way of running the bot's server starts it (Program, tests,
/// benchmarks): the content root found by <see cref="SettingsLocation"/>, and start-up failures reported
/// as one line each (<see cref="StartupErrors"/>). What is added to it is in Program.cs.
/// </summary>
public static class AcuBotHost
{
    /// <summary>Where the bot listens when no address is given (<see cref="ListenAddress"/>): the Bot Framework's customary port, this machine only.</summary>
    public const string DefaultUrl = "http://localhost:3978";

    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>, <c>--Clinic:Name=...</c>).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = SettingsLocation.ContentRoot(args),
        });
        builder.Logging.SilenceHostErrorsUntilStarted(builder.Services);
        return builder;
    }

    /// <summary>The bot's web server, composed as Program.cs composes it.</summary>
    /// <param name="configure">Lets tests add configuration or services before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        Program.BuildServer(args, configure);
}
