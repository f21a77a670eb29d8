using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Knowledge.Tests.Support;

/// <summary>Small knowledge bases and indexes built in memory from text, for search and vocabulary tests.</summary>
public static class TestKnowledge
{
    /// <summary>A knowledge base of one plain-text document (one passage per sentence line).</summary>
    public static KnowledgeBase FromPlainText(string text, string synonyms = "")
    {
        var analyzer = new PassageAnalyzer();
        var builder = new KnowledgeBuilder();
        builder.AddDocument(new PlainTextParser().Parse(text, "Test document"), "test.txt");
        return new KnowledgeBase(builder.Sections, SynonymMap.Parse(synonyms, analyzer, out _), ["test.txt"]);
    }

    public static KnowledgeIndex IndexOf(string text, string synonyms = "") =>
        KnowledgeIndex.Build(FromPlainText(text, synonyms), new PassageAnalyzer());

    /// <summary>The seed knowledge folder of the repository, loaded as the bot loads it.</summary>
    public static KnowledgeBase LoadSeed() =>
        new KnowledgeLoader(new KnowledgeSourceOptions { Folder = RepositoryPaths.KnowledgeFolder }, new PassageAnalyzer(),
            NullLogger<KnowledgeLoader>.Instance).Load();
}
