using System.CommandLine;

namespace AcuBot.Cli;

/// <summary>
/// The command-line commands of the one executable (System.CommandLine): <c>ask</c>, <c>eval</c>,
/// <c>unanswered</c> and <c>check</c>, each with <c>--help</c>. Without a command the program runs the
/// bot's web server. Any command also takes the bot's settings as <c>--Section:Key=value</c>.
/// </summary>
public static class CliCommands
{
    public const string SettingsHelp = "Any setting of appsettings.json can be given as --Section:Key=value (e.g. --Knowledge:Folder=other).";

    private static readonly string[] Names = [AskCommand.Name, EvalCommand.Name, UnansweredCommand.Name, CheckCommand.Name];

    /// <summary>Whether the arguments name a command (or ask for help) rather than start the server.</summary>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (Names.Contains(args[0], StringComparer.Ordinal) || args[0] is "help" or "--help" or "-h" or "-?");

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null)
    {
        error ??= Console.Error;
        if (args is ["help", .. var rest]) args = [.. rest, "--help"];
        var (settings, commandLine) = CliSettings.Split(args);
        var root = Build(settings, output);
        var parsed = root.Parse(commandLine);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Build(string[] settings, TextWriter output)
    {
        var root = new RootCommand(
            "AcuBot, the clinic FAQ bot. Without a command it runs the bot on http://localhost:3978 (--urls to change).\n" + SettingsHelp)
        {
            AskCommand.Create(settings, output),
            EvalCommand.Create(settings, output),
            UnansweredCommand.Create(settings, output),
            CheckCommand.Create(settings, output),
        };
        return root;
    }
}
