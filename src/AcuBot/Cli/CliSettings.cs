namespace AcuBot.Cli;

/// <summary>
/// A command's arguments split in two: the bot's settings (<c>--Section:Key=value</c>, as the server
/// takes them, passed to the host's configuration) and the command's own arguments and options (parsed
/// by System.CommandLine). A setting is told by the colon in its name, which no option of a command has.
/// </summary>
public static class CliSettings
{
    public static (string[] Settings, string[] CommandLine) Split(IEnumerable<string> args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        foreach (var arg in args)
            (IsSetting(arg) ? settings : rest).Add(arg);
        return (settings.ToArray(), rest.ToArray());
    }

    /// <summary>"--Clinic:Name=Harbourside" is a setting; "--json" and "what is qi?" are not.</summary>
    public static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var equals &&
        (equals < 0 ? arg : arg[..equals]).Contains(':') && arg.Length > 2 && char.IsLetter(arg[2]);
}
