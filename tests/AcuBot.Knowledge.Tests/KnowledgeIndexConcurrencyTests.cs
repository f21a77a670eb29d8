using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>Runs alone (not beside other test classes), so that Parallel.For really gets several threads.</summary>
[CollectionDefinition(nameof(KnowledgeIndexConcurrencyTests), DisableParallelization = true)]
public sealed class ConcurrencyCollection;

[Collection(nameof(KnowledgeIndexConcurrencyTests))]
public class KnowledgeIndexConcurrencyTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    // Lucene's doc-values readers are not thread-safe; the index must not share one between searches.

    private static readonly string[] Questions =
    [
        "What are the risks of acupuncture for back pain?",
        "Does acupuncture release endorphins for pain relief?",
        "How long do the needles stay in during a session?",
        "Will acupuncture treatment hurt my back?",
        "how many acupuncture sessions for chronic pain",
        "is acupuncture safe for stress and pain",
    ];

    private static int[] HitIds(KnowledgeIndex index, string question, int maxHits = 5) =>
        index.Search(question, maxHits).Hits.Select(h => h.Passage.Id).ToArray();

    private static void AssertParallelSearchesMatchSequential(KnowledgeIndex index, string[] questions, int rounds, int maxHits)
    {
        // The test host starts with as few pool threads as CPUs, and Parallel.For then often runs a whole round on
        // one thread; with a few more threads ready, every round is really concurrent.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < 8) ThreadPool.SetMinThreads(8, completionPorts);

        var expected = questions.ToDictionary(q => q, q => HitIds(index, q, maxHits));
        for (int round = 0; round < rounds; round++)
        {
            var actual = new int[200][];
            Parallel.For(0, 200, i => actual[i] = HitIds(index, questions[i % questions.Length], maxHits));

            for (int i = 0; i < actual.Length; i++)
            {
                var question = questions[i % questions.Length];
                Assert.True(expected[question].SequenceEqual(actual[i]),
                    $"round {round}, search {i} '{question}': [{string.Join(",", actual[i])}] instead of [{string.Join(",", expected[question])}]");
            }
        }
    }

    [Fact]
    public void Concurrent_searches_on_the_seed_index_return_the_same_hits_as_sequential_searches()
    {
        // One round shows the race only sometimes, so run many (a few tens of ms each).
        AssertParallelSearchesMatchSequential(seed.Index, Questions, rounds: 100, maxHits: 5);
    }

    [Fact]
    public void Concurrent_searches_on_a_larger_index_return_the_same_hits_as_sequential_searches()
    {
        var topics = new[] { "needles", "risks", "bruising", "session", "endorphins", "relief", "stress", "pain", "back", "sleep" };
        var text = "Notes\n" + string.Join("\n", Enumerable.Range(0, 1_000)
            .Select(i => $"Acupuncture note {i} about {topics[i % 10]} and {topics[i / 10 % 10]}."));
        using var index = KnowledgeIndex.Build(TestKnowledge.FromPlainText(text), new PassageAnalyzer(), new SearchTuning { Candidates = 200 });

        AssertParallelSearchesMatchSequential(index, topics.Select(t => "acupuncture " + t).ToArray(), rounds: 20, maxHits: 50);
    }
}
