using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Checking;

/// <summary>One section of an article file, as the parser detected it: its heading and how many passages it gave.</summary>
public sealed record SectionFound(string Title, int Passages);

/// <summary>What one knowledge file gave the bot, or why it gave nothing.</summary>
/// <param name="Problem">Why the file could not be read (unreadable, not UTF-8, too big); null when it was read.</param>
public sealed record FileFindings(string Name, string? Problem, IReadOnlyList<SectionFound> Sections, IReadOnlyList<IReadOnlyList<string>> CuratedQuestions)
{
    public int Passages => Sections.Sum(s => s.Passages) + CuratedQuestions.Count;

    /// <summary>For a question file: its blocks of questions, each for one passage.</summary>
    public IReadOnlyList<PassageQuestions> QuestionBlocks { get; init; } = [];

    /// <summary>Read, but nothing found in it: no section with text, no curated question with an answer, no block of questions.</summary>
    public bool IsEmpty => Problem is null && Passages == 0 && QuestionBlocks.Count == 0;
}

/// <summary>A line of the synonym file none of whose words the documents use: it can never help a question find a passage.</summary>
public sealed record UnusedSynonymGroup(int Line, IReadOnlyList<string> Words);

/// <summary>
/// The read-only part of the <c>check</c> command that needs only the documents: every file with what
/// was found in it, and the synonym groups that match no word of the knowledge. It reads the folder as
/// the bot does (<see cref="KnowledgeLoader.ReadFolder"/>) and changes nothing.
/// </summary>
public static class KnowledgeCheck
{
    public static IReadOnlyList<FileFindings> Files(FolderContents folder) =>
        folder.Files.Select(file => file.Content is not { } content
                ? new FileFindings(file.Name, file.Problem ?? "could not be read", [], [])
                : new FileFindings(file.Name, null,
                    content.Sections.Where(s => s.Blocks.Count > 0).Select(s => new SectionFound(s.Title, s.Blocks.Count)).ToArray(),
                    content.Curated.Select(c => c.Questions).ToArray()) { QuestionBlocks = content.Questions })
            .ToArray();

    /// <param name="synonymsText">The synonym file's text (one group a line, comma-separated).</param>
    public static IReadOnlyList<UnusedSynonymGroup> UnusedSynonymGroups(FolderContents folder, string synonymsText, PassageAnalyzer analyzer)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var content in folder.Files.Select(f => f.Content).OfType<DocumentContent>())
        {
            foreach (var section in content.Sections)
            {
                used.UnionWith(analyzer.Terms(section.Title));
                foreach (var block in section.Blocks) used.UnionWith(analyzer.Terms(block.Text));
            }
            foreach (var entry in content.Curated)
            {
                foreach (var question in entry.Questions) used.UnionWith(analyzer.Terms(question));
                used.UnionWith(analyzer.Terms(entry.Answer));
            }
        }

        var unused = new List<UnusedSynonymGroup>();
        var lineNumber = 0;
        foreach (var line in synonymsText.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var words = TermWords.SynonymEntries(line).ToArray();
            if (words.Length == 0) continue;
            if (!words.Any(word => analyzer.Terms(word) is [var term] && used.Contains(term)))
                unused.Add(new UnusedSynonymGroup(lineNumber, words));
        }
        return unused;
    }
}
