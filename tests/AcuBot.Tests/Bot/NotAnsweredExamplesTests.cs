using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

/// <summary>
/// knowledge/not-answered.txt: questions the documents do not answer weigh in the decision to answer, both
/// ways. Each test runs the same question with and without the examples, so it shows what they change.
/// </summary>
public class NotAnsweredExamplesTests : IDisposable
{
    private readonly string _withExamples = CopyOfKnowledge("acubot-not-answered-");
    private readonly string _withoutExamples = CopyOfKnowledge("acubot-no-not-answered-");

    public NotAnsweredExamplesTests() => File.Delete(Path.Combine(_withoutExamples, "not-answered.txt"));

    private static string CopyOfKnowledge(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    /// <summary>Every word of the question is in a session passage; its meaning is a question the article leaves open.</summary>
    [Fact]
    public async Task A_question_nearer_an_example_than_any_passage_gets_the_honest_fallback_whatever_words_it_shares()
    {
        const string question = "can i have acupuncture while on my period";
        File.WriteAllText(Path.Combine(_withExamples, "not-answered.txt"), "# Periods\nis it ok to have acupuncture during my period?\n");
        using var with = new BotUnderTest(_withExamples);
        using var without = new BotUnderTest(_withoutExamples);

        var answered = await without.AskAsync(question);
        var refused = await with.AskAsync(question);

        Assert.Equal("answer", answered.Kind);
        Assert.Equal("fallback", refused.Kind);
        Assert.Contains("555-0134", refused.Text); // how to reach the clinic instead
        Assert.Contains(RepoPaths.Disclaimer, refused.Text);
    }

    /// <summary>A first start with many new passages embeds them in the background; the examples arrive with them.</summary>
    [Fact]
    public async Task The_examples_weigh_once_passages_embedded_in_the_background_have_their_vectors()
    {
        const string question = "can i have acupuncture while on my period";
        File.WriteAllText(Path.Combine(_withExamples, "not-answered.txt"), "# Periods\nis it ok to have acupuncture during my period?\n");
        var emptyCache = Directory.CreateTempSubdirectory("acubot-cold-cache-").FullName;
        try
        {
            using var coldStart = new BotUnderTest(_withExamples, "--Embeddings:BackgroundFrom=1", $"--Embeddings:CacheFolder={emptyCache}");

            var refused = await coldStart.AskAsync(question);

            Assert.Equal("fallback", refused.Kind);
        }
        finally
        {
            Directory.Delete(emptyCache, recursive: true);
        }
    }

    /// <summary>Words the article does not use, a meaning it plainly answers: far nearer a passage than every shipped example.</summary>
    [Theory]
    [InlineData("main benefits pls", "Benefits of Acupuncture for Back Pain")]
    [InlineData("upsides?", "Benefits of Acupuncture for Back Pain")]
    public async Task A_passage_much_nearer_than_every_example_answers_by_meaning(string question, string section)
    {
        using var with = new BotUnderTest(_withExamples);
        using var without = new BotUnderTest(_withoutExamples);
        using var switchedOff = new BotUnderTest(_withExamples, "--Search:UseNotAnsweredExamples=false");

        var reply = await with.AskAsync(question);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal(section, reply.Section);
        Assert.Equal("fallback", (await without.AskAsync(question)).Kind);
        Assert.Equal("fallback", (await switchedOff.AskAsync(question)).Kind);
    }

    [Fact]
    public async Task Red_flags_come_first_even_when_an_example_is_the_nearest_question()
    {
        File.WriteAllText(Path.Combine(_withExamples, "not-answered.txt"), "i fell down the stairs and my back hurts, can acupuncture help?\n");
        using var bot = new BotUnderTest(_withExamples);

        var reply = await bot.AskAsync("I fell down the stairs and my back hurts, can acupuncture help?");

        Assert.Equal("urgent", reply.Kind);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _withExamples, _withoutExamples })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
