using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>Runs alone (not beside other test classes), so that Parallel.For really gets several threads.</summary>
[CollectionDefinition(nameof(KnowledgeIndexConcurrencyTests), DisableParallelization = true)]
public sealed class ConcurrencyCollection;

[Collection(nameof(KnowledgeIndexConcurrencyTests))]
public class KnowledgeIndexConcurrencyTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private const string SharedDocValuesBug =
        "Bug in KnowledgeIndex: one NumericDocValues (_ids, from MultiDocValues.GetNumericValues) is shared by all " +
        "searches, but Lucene's doc values readers seek and read a shared IndexInput, so they are not thread-safe. " +
        "Concurrent searches map Lucene docs to the wrong passages and sometimes throw ArgumentOutOfRangeException " +
        "from Knowledge.Passages[...]. Fix: read the id per search (e.g. a stored field, or GetNumericDocValues per " +
        "leaf per call), or build an int[] docId -> passage id once after opening the reader.";

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

    [Fact(Skip = SharedDocValuesBug + " On the seed index a round of 200 parallel searches goes wrong in about 5 to 25% of rounds.")]
    public void Concurrent_searches_on_the_seed_index_return_the_same_hits_as_sequential_searches()
    {
        // One round shows the race only sometimes, so run many (about 60 ms each).
        AssertParallelSearchesMatchSequential(seed.Index, Questions, rounds: 150, maxHits: 5);
    }

    [Fact(Skip = SharedDocValuesBug + " With 1,000 passages and 200 candidates a search every round goes wrong or throws.")]
    public void Concurrent_searches_on_a_larger_index_return_the_same_hits_as_sequential_searches()
    {
        var topics = new[] { "needles", "risks", "bruising", "session", "endorphins", "relief", "stress", "pain", "back", "sleep" };
        var text = "Notes\n" + string.Join("\n", Enumerable.Range(0, 1_000)
            .Select(i => $"Acupuncture note {i} about {topics[i % 10]} and {topics[i / 10 % 10]}."));
        using var index = KnowledgeIndex.Build(TestKnowledge.FromPlainText(text), new PassageAnalyzer(), new SearchTuning { Candidates = 200 });

        AssertParallelSearchesMatchSequential(index, topics.Select(t => "acupuncture " + t).ToArray(), rounds: 20, maxHits: 50);
    }
}
