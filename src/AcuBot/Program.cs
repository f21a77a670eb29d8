using AcuBot;
using AcuBot.Cli;

// One executable: the bot's web server by default, or a command-line command.
return args.FirstOrDefault() switch
{
    "ask" => await AskCommand.RunAsync(args[1..], Console.Out),
    "eval" => await EvalCommand.RunAsync(args[1..], Console.Out),
    "unanswered" => await UnansweredCommand.RunAsync(args[1..], Console.Out),
    "help" or "--help" or "-h" => Usage(),
    _ => await RunServerAsync(args),
};

static async Task<int> RunServerAsync(string[] args)
{
    var app = AcuBotHost.Build(args);
    await app.RunAsync();
    return 0;
}

static int Usage()
{
    Console.WriteLine("""
        AcuBot, the clinic FAQ bot.
          (no command)          run the bot on http://localhost:3978 (--urls to change)
          ask "question"        print the reply the bot would send
          eval FILE [--json]    run a labelled question set and print the report
          unanswered            list the questions the bot could not answer, most asked first
          unanswered --purge    delete every recorded unanswered question
        Settings come from appsettings.json; any of them can be given as --Section:Key=value.
        """);
    return 0;
}
