using AcuBot.Bot;
using AcuBot.Knowledge;
using AcuBot.Protocol.Schema;

namespace AcuBot.Cli;

/// <summary>
/// The bot without a web server, for the command-line commands: same settings, same services, same
/// turn. Logs go to standard error (warnings and up) so standard output holds only the result.
/// </summary>
public sealed class CliHost : IDisposable
{
    private readonly IHost _host;

    /// <param name="args">Settings as <c>--Section:Key=value</c>.</param>
    /// <param name="contentRoot">The folder of appsettings.json; found from the current folder when null.</param>
    /// <param name="logLevel">The least level written to standard error.</param>
    /// <param name="loadKnowledge">False for a command that needs no documents (<c>unanswered</c>).</param>
    public CliHost(string[] args, string? contentRoot = null, LogLevel logLevel = LogLevel.Warning, bool loadKnowledge = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = contentRoot ?? SettingsLocation.ContentRoot(),
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A provider-specific filter, so it wins over the "Logging" section of appsettings.json.
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, logLevel);
        builder.Services.AddAcuBot(builder.Configuration);
        _host = builder.Build();
        if (!loadKnowledge) return;
        var knowledge = Services.GetRequiredService<KnowledgeService>();
        knowledge.Load();
        // A command answers with everything the bot has: it waits for passages still being embedded.
        knowledge.VectorsReady.GetAwaiter().GetResult();
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Runs one message through the bot's turn, as a channel would, and returns the replies.</summary>
    public async Task<IReadOnlyList<Activity>> AskAsync(string text, string conversationId, CancellationToken cancellationToken = default)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "cli",
            From = new ChannelAccount { Id = "cli-user", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "acubot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = conversationId },
            Text = text,
            Locale = "en-US",
        };
        var sink = new CollectingReplySink();
        var turn = new TurnContext(activity, sink, Services.GetRequiredService<ReplyFinisher>());
        await Services.GetRequiredService<ClinicBot>().OnTurnAsync(turn, cancellationToken);
        return sink.Replies;
    }

    public void Dispose() => _host.Dispose();
}
