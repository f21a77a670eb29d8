using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

public class KnowledgeIndexConcurrencyTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private static readonly string[] Questions =
    [
        "What are the risks of acupuncture?",
        "Does acupuncture release endorphins?",
        "How long do the needles stay in?",
        "Will it hurt?",
        "how many sessions",
        "is it safe",
    ];

    private int[] HitIds(string question) => seed.Index.Search(question).Hits.Select(h => h.Passage.Id).ToArray();

    [Fact(Skip = "Bug in KnowledgeIndex: one NumericDocValues (_ids, from MultiDocValues.GetNumericValues) is shared by " +
                 "all searches, and Lucene's doc values readers seek a shared IndexInput, so they are not thread-safe. " +
                 "Concurrent searches get wrong passage ids (other passages in the hits) and sometimes throw " +
                 "ArgumentOutOfRangeException from Knowledge.Passages[...]. Seen in about 1 round in 4 of 200 searches.")]
    public void Concurrent_searches_return_the_same_hits_as_sequential_searches()
    {
        var expected = Questions.ToDictionary(q => q, HitIds);

        // One round of 200 parallel searches shows the race only sometimes, so run several.
        for (int round = 0; round < 30; round++)
        {
            var actual = new int[200][];
            Parallel.For(0, 200, i => actual[i] = HitIds(Questions[i % Questions.Length]));

            for (int i = 0; i < actual.Length; i++)
            {
                var question = Questions[i % Questions.Length];
                Assert.True(expected[question].SequenceEqual(actual[i]),
                    $"round {round}, search {i} '{question}': [{string.Join(",", actual[i])}] instead of [{string.Join(",", expected[question])}]");
            }
        }
    }
}
