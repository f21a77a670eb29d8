using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Loading;

/// <summary>What one knowledge file held when it was read: its article sections, its curated entries, or its questions for passages.</summary>
/// <param name="Bytes">The file's size, to notice a version that lost most of it.</param>
public sealed record DocumentContent(IReadOnlyList<ParsedSection> Sections, IReadOnlyList<CuratedEntry> Curated, long Bytes)
{
    /// <summary>For a question file (<c>*.questions.txt</c>): its blocks of questions, each for one passage of an article.</summary>
    public IReadOnlyList<PassageQuestions> Questions { get; init; } = [];

    /// <summary>
    /// How many pieces the file gives the bot (a paragraph or list item, a curated answer, or a block of
    /// questions each), to notice a version that lost most of them.
    /// </summary>
    public int PassageCount => Sections.Sum(s => s.Blocks.Count) + Curated.Count + Questions.Count;
}

/// <summary>One knowledge file as the loader found it: its content, or why it could not be used.</summary>
/// <param name="Name">Path relative to the knowledge folder.</param>
/// <param name="Fingerprint">Changes whenever the file does, so "still the same" can be told between reloads.</param>
/// <param name="Content">Null when the file could not be read or parsed.</param>
/// <param name="Problem">Why the file could not be used; null when <paramref name="Content"/> is set.</param>
public sealed record DocumentFile(string Name, string Fingerprint, DocumentContent? Content, string? Problem);

/// <summary>Everything read from the knowledge folder in one pass, before it is put together.</summary>
public sealed record FolderContents(IReadOnlyList<DocumentFile> Files, SynonymMap Synonyms);
