using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Loading;

/// <summary>
/// Gives parsed sections their ids, links list items to the paragraph that introduces them, and gives
/// each passage the questions a question file names it for.
/// </summary>
public sealed class KnowledgeBuilder(IEnumerable<PassageQuestions>? questions = null)
{
    private readonly List<Section> _sections = [];
    private readonly PassageQuestions[] _questions = questions?.ToArray() ?? [];
    private readonly HashSet<PassageQuestions> _used = new(ReferenceEqualityComparer.Instance);
    private int _nextPassageId;

    public IReadOnlyList<Section> Sections => _sections;

    public void Add(string sourceFile, DocumentContent content)
    {
        AddDocument(content.Sections, sourceFile);
        AddCurated(content.Curated, sourceFile);
    }

    public void AddDocument(IReadOnlyList<ParsedSection> parsed, string sourceFile)
    {
        foreach (var parsedSection in parsed)
        {
            var section = new Section(parsedSection.Title, sourceFile, _sections.Count);
            Passage? leadIn = null;
            foreach (var block in parsedSection.Blocks)
            {
                var passage = new Passage
                {
                    Id = _nextPassageId++,
                    Kind = PassageKind.Article,
                    Text = block.Text,
                    Section = section,
                    LeadIn = block.IsListItem ? leadIn : null,
                    IntroducesList = !block.IsListItem && block.Text.TrimEnd().EndsWith(':'),
                    AskedAs = QuestionsFor(section, block.Text, first: section.Passages.Count == 0),
                };
                section.Passages.Add(passage);
                if (!block.IsListItem) leadIn = passage.IntroducesList ? passage : null;
            }
            _sections.Add(section);
        }
    }

    /// <summary>Whether a block of questions found its passage (the loader warns about the others).</summary>
    public bool Used(PassageQuestions block) => _used.Contains(block);

    /// <summary>
    /// The questions of every block naming this passage: by its section's title and the first words of its
    /// text, or by the title alone for the section's first passage. A block names one passage only.
    /// </summary>
    private IReadOnlyList<string> QuestionsFor(Section section, string text, bool first)
    {
        if (_questions.Length == 0) return [];
        var title = Normalized(section.Title);
        var start = Normalized(text);
        var found = new List<string>();
        foreach (var block in _questions)
        {
            if (_used.Contains(block) || Normalized(block.SectionTitle) != title) continue;
            var matches = block.PassageStart is { } words ? start.StartsWith(Normalized(words), StringComparison.Ordinal) : first;
            if (!matches) continue;
            found.AddRange(block.Questions);
            _used.Add(block);
        }
        return found;
    }

    /// <summary>Lower case letters and digits, single spaces: "If you’re" and "if you're" name the same words.</summary>
    private static string Normalized(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>Each curated entry becomes a section of its own, titled with its question.</summary>
    public void AddCurated(IReadOnlyList<CuratedEntry> entries, string sourceFile)
    {
        foreach (var entry in entries)
        {
            var section = new Section(entry.Questions[0], sourceFile, _sections.Count);
            section.Passages.Add(new Passage
            {
                Id = _nextPassageId++,
                Kind = PassageKind.Curated,
                Text = entry.Answer,
                Section = section,
                Questions = entry.Questions,
            });
            _sections.Add(section);
        }
    }
}
