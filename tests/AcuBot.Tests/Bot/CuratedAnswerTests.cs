using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

public class CuratedAnswerTests : IDisposable
{
    private readonly string _knowledge = Directory.CreateTempSubdirectory("acubot-curated-").FullName;

    public CuratedAnswerTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            File.Copy(file, Path.Combine(_knowledge, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(_knowledge, "clinic.faq.md"), """
            # Clinic questions

            ## How much does a first visit cost?
            Also asked: What are your prices? | How much do you charge for a session?

            A first visit costs **$90** and takes about an hour.

            ## Is there parking at the clinic?

            Yes: free parking behind the building.
            """);
    }

    [Theory]
    [InlineData("How much does a first visit cost?")]
    [InlineData("what are your prices")]
    [InlineData("how much do you charge for a session")]
    public async Task A_strong_match_on_a_curated_question_wins(string question)
    {
        using var bot = new BotUnderTest(_knowledge);

        var reply = await bot.AskAsync(question);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal("How much does a first visit cost?", reply.Section);
        Assert.Contains("$90", reply.Text);
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
    }

    /// <summary>README's prices example once captured these: they share "first visit" or "session", not a meaning.</summary>
    [Theory]
    [InlineData("what happens at the first visit")]
    [InlineData("what should i do after my session")]
    [InlineData("Will I need follow-up appointments?")]
    [InlineData("how long is the first visit")]
    public async Task A_question_that_only_shares_words_with_a_curated_one_does_not_get_its_answer(string question)
    {
        using var bot = new BotUnderTest(_knowledge);

        var reply = await bot.AskAsync(question);

        Assert.DoesNotContain("$90", reply.Text);
        Assert.NotEqual("How much does a first visit cost?", reply.Section);
    }

    [Fact]
    public async Task Article_questions_still_get_article_answers()
    {
        using var bot = new BotUnderTest(_knowledge);

        var reply = await bot.AskAsync("How long do the needles stay in?");

        Assert.Contains("20 to 30 minutes", reply.Text);
    }

    public void Dispose() => Directory.Delete(_knowledge, recursive: true);
}
