using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Documents;

/// <summary>Everything loaded from the knowledge folder: the sections and passages to index, and the synonyms.</summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(IReadOnlyList<Section> sections, SynonymMap synonyms, IReadOnlyList<string> documents,
        IReadOnlyDictionary<string, string>? skipped = null)
    {
        Skipped = skipped ?? new Dictionary<string, string>();
        Sections = sections;
        Synonyms = synonyms;
        Documents = documents;
        Passages = sections.SelectMany(s => s.Passages).OrderBy(p => p.Id).ToArray();
    }

    public IReadOnlyList<Section> Sections { get; }
    public IReadOnlyList<Passage> Passages { get; }
    public SynonymMap Synonyms { get; }

    /// <summary>The files that were loaded, relative to the knowledge folder.</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>Files that could not be loaded, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Skipped { get; }

    /// <summary>Blocks of a question file that name no passage (a section retitled, a passage reworded): their questions are not used.</summary>
    public IReadOnlyList<UnmatchedQuestions> UnmatchedQuestions { get; init; } = [];

    public bool IsEmpty => Passages.Count == 0;

    public static KnowledgeBase Empty { get; } = new([], SynonymMap.Empty, []);
}

/// <summary>A block of questions whose section title and first words match no passage.</summary>
public sealed record UnmatchedQuestions(string File, PassageQuestions Block);
