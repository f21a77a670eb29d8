using AcuBot;
using AcuBot.Cli;

// One executable: the bot's web server by default, or a command-line command (ask, eval, unanswered, check).
if (CliCommands.Handles(args)) return await CliCommands.RunAsync(args);
return await RunServerAsync(args);

static async Task<int> RunServerAsync(string[] args)
{
    var app = AcuBotHost.Build(args);
    await app.RunAsync();
    return 0;
}
