using System.Runtime.CompilerServices;

namespace AcuBot.Knowledge.Tests.Support;

/// <summary>Finds the repository (the folder holding AcuBot.sln) and its seed knowledge folder.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "AcuBot.sln";

    public static string Root { get; } = FindRoot();

    public static string KnowledgeFolder => Path.Combine(Root, "knowledge");

    public static string SeedArticle => Path.Combine(KnowledgeFolder, "acupuncture-back-pain.txt");

    public static string SynonymsFile => Path.Combine(KnowledgeFolder, "synonyms.txt");

    /// <summary>
    /// Walks up from the test binaries first. When they were built elsewhere (<c>--artifacts-path</c> puts
    /// them outside the repository), walks up from this source file's compile-time path instead.
    /// </summary>
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new InvalidOperationException(
            $"No folder with {SolutionFile} above {AppContext.BaseDirectory} or {sourceFile}; cannot find the seed knowledge folder.");
    }
}
