namespace AcuBot.Tests.Bot;

/// <summary>
/// Patients tell a story before they ask: the words of the story are not the question's subject, and must
/// not stop the bot from answering it; a subject the knowledge never names still gets the honest fallback,
/// also when it takes several words ("health insurance", "how much ... cost").
/// </summary>
public class StoryAroundTheQuestionTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("my neighbour recommended it, how long do the needles stay in?", "What to Expect During an Acupuncture Session", "20 to 30 minutes")]
    [InlineData("my back gets sore from gardening every weekend, would acupuncture help with that?", null, "acupuncture")]
    public async Task A_question_after_a_story_is_answered(string message, string? section, string phrase)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
        if (section is not null) Assert.Equal(section, reply.Section);
        Assert.Contains(phrase, reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("can acupuncture help with fibromyalgia")]
    [InlineData("can acupuncture help with gout")]
    [InlineData("how much does an acupuncture session cost")]
    [InlineData("is acupuncture covered by health insurance")]
    public async Task A_subject_the_knowledge_never_names_still_gets_the_fallback(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("fallback", reply.Kind);
    }
}

/// <summary>
/// Patients' everyday words that the article never uses but the clinic's questions do ("what can go wrong"
/// for the risks) are the patient's way of asking, not a subject the knowledge lacks.
/// </summary>
public class WordsOfTheClinicsQuestionsTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Fact]
    public async Task A_word_only_the_clinics_questions_use_does_not_stop_the_answer()
    {
        var reply = await fixture.Bot.AskAsync("what can go wrong with acupuncture");

        Assert.Equal("answer", reply.Kind);
        Assert.Equal("Understanding the Risks Associated with Acupuncture", reply.Section);
    }
}

/// <summary>A question whose only words are the ones every passage shares is answered by meaning, not by chance.</summary>
public class QuestionsOfSharedWordsTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("acupuncture?")]
    [InlineData("acupuncture, what's that")]
    public async Task The_subject_alone_gets_what_it_is(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal("Understanding Acupuncture and Its Approach to Back Pain", reply.Section);
    }
}

/// <summary>
/// A patient who writes the question in their own language and then in English is answered from the English:
/// the foreign words are words the knowledge never uses, and must not weigh as a subject it lacks. A subject
/// the knowledge does not cover, asked in the English clause, still gets the fallback.
/// </summary>
public class QuestionInTwoLanguagesTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("jak długo trwa zabieg? how long do the needles stay in", "What to Expect During an Acupuncture Session", "20 to 30 minutes")]
    [InlineData("Czy to jest bezpieczne? Is it safe for me?", "Understanding the Risks Associated with Acupuncture", "generally safe")]
    [InlineData("¿Qué es exactamente la acupuntura? sorry my english, what is it exactly", "Understanding Acupuncture and Its Approach to Back Pain", "thin needles")]
    public async Task The_English_clause_is_answered(string message, string section, string phrase)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal(section, reply.Section);
        Assert.Contains(phrase, reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("¿Cuánto cuesta? how much does a session cost")]
    [InlineData("czy to jest bezpieczne w ciąży? is it safe when pregnant")]
    public async Task A_subject_the_knowledge_never_names_in_the_English_clause_still_gets_the_fallback(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("fallback", reply.Kind);
    }
}
