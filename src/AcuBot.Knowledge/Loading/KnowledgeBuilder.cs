using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Loading;

/// <summary>Gives parsed sections their ids and links list items to the paragraph that introduces them.</summary>
public sealed class KnowledgeBuilder
{
    private readonly List<Section> _sections = [];
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
                };
                section.Passages.Add(passage);
                if (!block.IsListItem) leadIn = passage.IntroducesList ? passage : null;
            }
            _sections.Add(section);
        }
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
