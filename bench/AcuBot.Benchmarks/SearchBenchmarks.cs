using AcuBot.Knowledge.Search;
using BenchmarkDotNet.Attributes;

namespace AcuBot.Benchmarks;

/// <summary>One patient question through <see cref="KnowledgeIndex.Search"/>: analysis, spelling, synonyms, Lucene, confidence.</summary>
[Config(typeof(PerCallConfig))]
public class SearchBenchmarks
{
    /// <summary>The README's example question: answered from the seed article's session section.</summary>
    public const string Question = "How long do the needles stay in?";

    private BotInProcess _bot = null!;
    private KnowledgeIndex _index = null!;

    [Params(Corpus.Seed, Corpus.Passages10k, Corpus.Passages100k)]
    public Corpus Knowledge { get; set; } = Corpus.Seed;

    [GlobalSetup]
    public void Setup()
    {
        _bot = new BotInProcess(Corpora.Name(Knowledge));
        _index = _bot.Index;
        Warm.Up(() => _index.Search(Question));
    }

    [Benchmark]
    public SearchResult Search() => _index.Search(Question);

    [GlobalCleanup]
    public void Cleanup() => _bot.Dispose();
}

internal static class Warm
{
    /// <summary>Runs the code enough for tiered compilation to finish (tier 1 with PGO) before anything is timed.</summary>
    public static void Up(Action action)
    {
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 200; i++) action();
            Thread.Sleep(250);
        }
    }
}
