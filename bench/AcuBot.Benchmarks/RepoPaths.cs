using System.Runtime.CompilerServices;

namespace AcuBot.Benchmarks;

/// <summary>
/// The repository's folders, found from this source file's own path (known at compile time), so the
/// benchmarks find them whatever folder they run in and wherever the build output went.
/// ACUBOT_ROOT overrides it.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SeedKnowledge => Path.Combine(Root, "knowledge");
    public static string EvalQuestions => Path.Combine(Root, "tests", "eval", "questions.jsonl");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("ACUBOT_ROOT") is { Length: > 0 } root) return Path.GetFullPath(root);
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "AcuBot.sln"))) return folder.FullName;
        throw new InvalidOperationException("Cannot find the repository (AcuBot.sln); set ACUBOT_ROOT.");
    }
}
