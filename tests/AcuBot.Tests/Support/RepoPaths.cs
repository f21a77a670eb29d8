using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AcuBot.Tests.Support;

/// <summary>
/// The repository the tests run against: the folder holding AcuBot.sln, found by walking up from the
/// test binaries, then from the current folder, then from this source file (builds with
/// <c>--artifacts-path</c> put the binaries outside the repository).
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string AppSettings => Path.Combine(Root, "appsettings.json");

    /// <summary>The disclaimer as the clinic configured it in appsettings.json.</summary>
    public static string Disclaimer { get; } = ReadSetting("Clinic", "Disclaimer");

    /// <summary>The example questions offered as buttons in the welcome, from appsettings.json.</summary>
    public static IReadOnlyList<string> ExampleQuestions { get; } = ReadExampleQuestions();

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var starts = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(thisFile) };
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "AcuBot.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No folder holding AcuBot.sln above {string.Join(", ", starts)}.");
    }

    private static string ReadSetting(string section, string key)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(AppSettings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return settings.RootElement.GetProperty(section).GetProperty(key).GetString()
               ?? throw new InvalidOperationException($"appsettings.json has no {section}:{key}.");
    }

    private static IReadOnlyList<string> ReadExampleQuestions()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(AppSettings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return settings.RootElement.GetProperty("Answers").GetProperty("ExampleQuestions")
            .EnumerateArray().Select(q => q.GetString()!).ToArray();
    }
}
