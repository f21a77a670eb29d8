namespace AcuBot;

/// <summary>
/// Where appsettings.json (the file a clinic edits) is read from: the nearest folder holding one, looking
/// up from the program's own folder, then up from the current folder. A published bot
/// (<c>dotnet publish</c> puts appsettings.json and knowledge/ beside the program) thus runs with its own
/// settings whatever folder it is started from; from a clone, the build output holds no copy and the
/// search reaches the repository root. Relative paths in the settings, such as the knowledge folder, are
/// taken from the same place. <c>--contentRoot</c> (or <c>ASPNETCORE_CONTENTROOT</c>) names the folder outright.
/// </summary>
public static class SettingsLocation
{
    public const string FileName = "appsettings.json";

    public static string ContentRoot() =>
        FindUpwards(AppContext.BaseDirectory) ?? FindUpwards(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();

    /// <summary>
    /// The content root for a host started with <paramref name="args"/>: null when the operator chose one
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>), which the host then
    /// applies itself; otherwise <see cref="ContentRoot()"/>.
    /// </summary>
    public static string? ContentRoot(string[] args) => IsChosen(args) ? null : ContentRoot();

    private static bool IsChosen(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));

    private static string? FindUpwards(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, FileName))) return folder.FullName;
        return null;
    }
}
