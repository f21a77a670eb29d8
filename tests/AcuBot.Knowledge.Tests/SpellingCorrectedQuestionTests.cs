using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>
/// The question as the sentence model reads it for retrieval: typos of the knowledge's words spelt as the
/// knowledge spells them, everything else as the patient wrote it.
/// </summary>
public class SpellingCorrectedQuestionTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Theory]
    [InlineData("how does acupunture work on a bad back??", "how does acupuncture work on a bad back??")]
    [InlineData("hw mny sesions do ppl need", "hw mny sessions do ppl need")]            // short text-speak is left alone
    [InlineData("Is there any BRUSING after?", "Is there any bruising after?")]
    [InlineData("what % of people get better", "what  percent  of people get better")] // the sign spelt out: the analyser drops it
    [InlineData("what can go wrong with acute puncture", "what can go wrong with acupuncture")] // a word dictation split in two
    [InlineData("is acu puncture safe", "is acupuncture safe")]
    public void Typos_of_the_knowledge_words_are_corrected(string question, string expected)
    {
        Assert.Equal(expected, seed.Index.WithSpellingCorrected(question));
    }

    [Theory]
    [InlineData("can it bring down the inflation in my back")]   // an English word, even if autocorrect meant another
    [InlineData("what are the needles made of")]                 // every word as the knowledge or English has it
    [InlineData("is it safe with fibromyalgia")]                 // a subject the knowledge never names stays what it is
    [InlineData("can it help with lower back pain and blood flow")] // words of the knowledge are never joined
    [InlineData("i have a sore wrist from tennis")]              // two other words that spell nothing of the knowledge together
    public void Other_questions_are_returned_unchanged(string question)
    {
        Assert.Same(question, seed.Index.WithSpellingCorrected(question));
    }

    [Fact]
    public void Nothing_is_corrected_when_spelling_correction_is_off()
    {
        using var index = KnowledgeIndex.Build(TestKnowledge.LoadSeed(), new PassageAnalyzer(), new SearchTuning { CorrectSpelling = false });
        const string question = "how does acupunture work";
        Assert.Same(question, index.WithSpellingCorrected(question));
    }

    [Fact]
    public void A_percent_sign_is_a_word_the_knowledge_never_uses()
    {
        Assert.Contains("percent", seed.Index.UnknownWordsOf("what % of people get better"));
    }
}
