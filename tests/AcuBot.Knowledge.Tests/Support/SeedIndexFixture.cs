using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Tests.Support;

/// <summary>The repository's seed knowledge folder, loaded and indexed in memory once per test class.</summary>
public sealed class SeedIndexFixture : IDisposable
{
    public SeedIndexFixture()
    {
        Analyzer = new PassageAnalyzer();
        Index = KnowledgeIndex.Build(TestKnowledge.LoadSeed(), Analyzer);
    }

    public PassageAnalyzer Analyzer { get; }
    public KnowledgeIndex Index { get; }

    public void Dispose() => Index.Dispose();
}
