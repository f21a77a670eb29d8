using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>Search over the repository's seed knowledge folder, as the bot runs it.</summary>
public class KnowledgeIndexSearchTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private const string SeedFile = "acupuncture-back-pain.txt";
    private const string RisksSection = "Understanding the Risks Associated with Acupuncture";
    private const string BenefitsSection = "Benefits of Acupuncture for Back Pain";
    private const string SessionSection = "What to Expect During an Acupuncture Session";

    private SearchResult Search(string question) => seed.Index.Search(question);

    private static double BestConfidence(SearchResult result) => result.Best?.Confidence ?? 0;

    [Fact]
    public void Seed_index_holds_the_seed_article_passages()
    {
        Assert.False(seed.Index.Knowledge.IsEmpty);
        Assert.Contains(SeedFile, seed.Index.Knowledge.Documents);
        Assert.Contains(seed.Index.Knowledge.Passages, p => p.Section.SourceFile == SeedFile && p.Kind == PassageKind.Article);
    }

    [Fact]
    public void Risks_question_is_answered_from_the_risks_section()
    {
        var best = Search("What are the risks of acupuncture?").Best;

        Assert.NotNull(best);
        Assert.Equal(RisksSection, best.Section.Title);
        Assert.True(best.Confidence >= 0.5, $"confidence {best.Confidence}");
    }

    [Fact]
    public void Endorphins_question_is_answered_by_the_benefits_passage_about_endorphins()
    {
        var best = Search("Does acupuncture release endorphins?").Best;

        Assert.NotNull(best);
        Assert.Equal(BenefitsSection, best.Section.Title);
        Assert.Contains("endorphins", best.Passage.Text);
        Assert.True(best.Confidence >= 0.5, $"confidence {best.Confidence}");
    }

    [Fact]
    public void Needle_duration_question_is_answered_by_the_session_passage_with_the_minutes()
    {
        var best = Search("How long do the needles stay in?").Best;

        Assert.NotNull(best);
        Assert.Equal(SessionSection, best.Section.Title);
        Assert.Contains("20 to 30 minutes", best.Passage.Text);
    }

    [Theory]
    [InlineData("What are the risks of acupuncture?")]
    [InlineData("Does acupuncture release endorphins?")]
    [InlineData("How long do the needles stay in?")]
    [InlineData("acupunture risks")]
    public void Hits_carry_their_section_and_source_file_and_are_ordered_by_score(string question)
    {
        var hits = Search(question).Hits;

        Assert.NotEmpty(hits);
        Assert.True(hits.Count <= 5);
        Assert.All(hits, h =>
        {
            Assert.Equal(SeedFile, h.Section.SourceFile);
            Assert.False(string.IsNullOrWhiteSpace(h.Section.Title));
            Assert.Contains(h.Passage, h.Section.Passages);
            Assert.InRange(h.Confidence, 0, 1);
        });
        for (int i = 1; i < hits.Count; i++)
            Assert.True(hits[i - 1].Score >= hits[i].Score, $"hit {i} scores {hits[i].Score} above hit {i - 1} ({hits[i - 1].Score})");
        Assert.Equal(hits.Count, hits.Select(h => h.Passage.Id).Distinct().Count());
    }

    [Fact]
    public void Max_hits_limits_the_number_of_hits()
    {
        Assert.Equal(2, seed.Index.Search("Will it hurt?", maxHits: 2).Hits.Count);
        Assert.True(seed.Index.Search("Will it hurt?", maxHits: 20).Hits.Count > 5);
    }

    [Fact]
    public void Misspelt_acupuncture_still_finds_the_risks_section()
    {
        var best = Search("acupunture risks").Best;

        Assert.NotNull(best);
        Assert.Equal(RisksSection, best.Section.Title);
    }

    [Fact]
    public void Misspelt_needles_is_corrected_to_the_stem_of_needle()
    {
        var needle = Assert.Single(seed.Analyzer.Terms("needle"));

        var result = Search("neddles");

        var concept = Assert.Single(result.Concepts);
        Assert.Equal(needle, concept.Forms[0].Term);
        Assert.Equal(QueryInterpreter.CorrectionFactor, concept.Forms[0].Factor);
        Assert.NotNull(result.Best);
        Assert.Contains("needle", result.Best.Passage.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Off_topic_question_has_low_confidence()
    {
        Assert.True(BestConfidence(Search("What is the capital of France?")) < 0.5);
    }

    [Fact]
    public void Acupuncture_alone_does_not_make_a_confident_answer_about_diabetes()
    {
        var result = Search("Does acupuncture cure diabetes?");

        Assert.NotEmpty(result.Hits); // "acupuncture" matches nearly every passage...
        Assert.True(BestConfidence(result) < 0.5, $"confidence {BestConfidence(result)}"); // ...but covers little of the question
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("what is it?")] // only stop words
    public void Question_without_content_words_has_no_hits(string question)
    {
        Assert.Empty(Search(question).Hits);
    }

    [Fact]
    public void Empty_knowledge_base_returns_no_hits()
    {
        using var index = KnowledgeIndex.Build(KnowledgeBase.Empty, new PassageAnalyzer());

        var result = index.Search("What are the risks of acupuncture?");

        Assert.Empty(result.Hits);
        Assert.Null(result.Best);
    }

    [Fact]
    public void Ten_thousand_character_question_does_not_throw_and_is_cut_to_the_concept_limit()
    {
        var words = new[] { "acupuncture", "needles", "risks", "bruising", "session", "zqxv", "endorphins", "neddles" };
        var question = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => words[i % words.Length] + (i % 3 == 0 ? i.ToString() : "")));
        question = question[..10_000];

        var result = Search(question);

        Assert.True(result.Hits.Count <= 5);
        Assert.True(result.Concepts.Count <= new SearchTuning().MaxConcepts);
    }

    [Fact]
    public void Ten_thousand_character_single_word_does_not_throw()
    {
        var result = Search(new string('a', 10_000));

        Assert.True(result.Hits.Count <= 5);
    }

    [Fact]
    public void What_is_acupuncture_is_answered_by_the_passage_that_defines_it()
    {
        var best = Search("What is acupuncture?").Best;

        // Not "While acupuncture is generally safe, ...": "acupuncture is" there does not open a definition.
        Assert.NotNull(best);
        Assert.StartsWith("Acupuncture is a traditional Chinese medicine practice", best.Passage.Text);
    }

    /// <summary>Laughter and text-speak around a question are no subject the knowledge lacks: as unknown words they weighed the most and sank the answer.</summary>
    [Theory]
    [InlineData("does it hurt lol")]
    [InlineData("hw long do the needles stay in")]
    [InlineData("tbh is it safe, btw")]
    public void Chat_filler_is_not_an_unknown_word(string question)
    {
        Assert.Empty(seed.Index.UnknownWordsOf(question));
        Assert.True(BestConfidence(Search(question)) >= 0.6, $"confidence {BestConfidence(Search(question))}");
    }
}
