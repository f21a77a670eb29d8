namespace AcuBot;

/// <summary>
/// Where appsettings.json (the file a clinic edits) is read from: the nearest folder holding one, looking
/// up from the current folder, then up from the program's own folder. From a clone that is the
/// repository root, whether the bot was started there, in src/AcuBot, or from its build output.
/// Relative paths in the settings, such as the knowledge folder, are taken from the same place.
/// </summary>
public static class SettingsLocation
{
    public const string FileName = "appsettings.json";

    public static string ContentRoot() =>
        FindUpwards(Directory.GetCurrentDirectory()) ?? FindUpwards(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    private static string? FindUpwards(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, FileName))) return folder.FullName;
        return null;
    }
}
