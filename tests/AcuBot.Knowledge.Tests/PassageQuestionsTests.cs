using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Tests;

/// <summary>Questions per passage (<c>*.questions.txt</c>): how they are read and which passage each block reaches.</summary>
public sealed class PassageQuestionsTests : IDisposable
{
    private const string Article = """
        Sessions
        A typical session may involve:
        - Needle Insertion: you may feel a slight pinch.
        - Relaxation Period: the needles stay in for 20 to 30 minutes.
        Risks
        If you’re unsure, ask your acupuncturist.
        """;

    private readonly TempFolder _folder = new();
    private readonly CapturingLogger<KnowledgeLoader> _logger = new();

    public void Dispose() => _folder.Dispose();

    private KnowledgeBase Load() =>
        new KnowledgeLoader(new KnowledgeSourceOptions { Folder = _folder.Path }, new PassageAnalyzer(), _logger).Load();

    [Fact]
    public void Blocks_name_a_section_and_optionally_the_first_words_of_a_passage()
    {
        var blocks = new PassageQuestionsParser().Parse("""
            # a comment
            [Sessions]
            what happens in a session

            [Sessions > Needle Insertion]
            does it hurt
            will I feel the needles
            """, out var problems);

        Assert.Empty(problems);
        Assert.Collection(blocks,
            b => { Assert.Equal(("Sessions", null), (b.SectionTitle, b.PassageStart)); Assert.Equal(["what happens in a session"], b.Questions); Assert.Equal(2, b.Line); },
            b => { Assert.Equal(("Sessions", "Needle Insertion"), (b.SectionTitle, b.PassageStart)); Assert.Equal(["does it hurt", "will I feel the needles"], b.Questions); });
    }

    [Fact]
    public void A_question_before_any_block_is_reported_with_its_line_and_left_out()
    {
        var blocks = new PassageQuestionsParser().Parse("does it hurt\n[Sessions]\nhow long is it\n", out var problems);

        Assert.Equal("line 1: a question before any [Section title] line is ignored", Assert.Single(problems));
        Assert.Equal(["how long is it"], Assert.Single(blocks).Questions);
    }

    [Fact]
    public void Each_block_reaches_its_passage_whichever_file_is_loaded_first_and_is_not_an_article()
    {
        _folder.WriteText("a.questions.txt", """
            [Sessions]
            what happens at an appointment
            [sessions > needle insertion]
            does it hurt
            [Risks > If you're unsure]
            who do I ask
            """);
        _folder.WriteText("b.txt", Article);

        var knowledge = Load();

        Assert.Equal(["Sessions", "Risks"], knowledge.Sections.Select(s => s.Title).ToArray());
        var passages = knowledge.Passages.ToDictionary(p => p.Text.Split(':')[0].Split(',')[0]);
        // The section alone names its first passage: the list's introduction, which answers for the whole list.
        Assert.Equal(["what happens at an appointment"], passages["A typical session may involve"].AskedAs);
        // Case and the apostrophe's form do not matter; the first words do.
        Assert.Equal(["does it hurt"], passages["Needle Insertion"].AskedAs);
        Assert.Equal(["who do I ask"], passages["If you’re unsure"].AskedAs);
        Assert.Empty(passages["Relaxation Period"].AskedAs);
        Assert.Empty(knowledge.UnmatchedQuestions);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_block_whose_passage_was_reworded_is_reported_and_reaches_nothing()
    {
        _folder.WriteText("b.txt", Article);
        _folder.WriteText("b.questions.txt", "[Sessions > Needle Placement]\nwhere do the needles go\n[Fees]\nhow much is it\n");

        var knowledge = Load();

        Assert.All(knowledge.Passages, p => Assert.Empty(p.AskedAs));
        Assert.Equal(["[Sessions > Needle Placement]", "[Fees]"], knowledge.UnmatchedQuestions.Select(u => u.Block.Key).ToArray());
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("b.questions.txt")));
    }

    [Fact]
    public void Questions_give_a_passage_no_words_it_does_not_have_but_their_words_are_no_unknown_subject()
    {
        _folder.WriteText("b.txt", Article);
        var withoutQuestions = KnowledgeIndex.Build(Load(), new PassageAnalyzer()).Search("diabetes");
        _folder.WriteText("b.questions.txt", "[Sessions > Needle Insertion]\nis it painful for people with diabetes\n");

        var result = KnowledgeIndex.Build(Load(), new PassageAnalyzer()).Search("diabetes");

        // Found by meaning only: no passage matches the word...
        Assert.Empty(result.Hits);
        // ...but the clinic says a passage answers a question about it, so it is not a subject the knowledge never names.
        Assert.Empty(result.UnknownWords);
        Assert.Equal(["diabetes"], withoutQuestions.UnknownWords);
    }
}
