namespace AcuBot.Tests.Bot;

/// <summary>"What is X?" wants the passage that says what X is, however the patient spells it.</summary>
public class DefinitionQuestionTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    private const string DefiningSection = "Understanding Acupuncture and Its Approach to Back Pain";

    [Theory]
    [InlineData("what is acupuncture")]
    [InlineData("wat is acupunture")]         // the model alone puts "who can benefit" first for this one
    [InlineData("acupunture wat is it")]
    [InlineData("whats acupuncture exactly")]
    public async Task A_definition_question_gets_the_defining_passage_even_misspelt(string question)
    {
        var reply = await fixture.Bot.AskAsync(question);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal(DefiningSection, reply.Section);
        Assert.Contains("traditional Chinese medicine", reply.Text);
    }

    [Fact]
    public async Task A_definition_of_something_the_documents_never_name_is_not_answered()
    {
        var reply = await fixture.Bot.AskAsync("what is moxibustion");

        Assert.Equal("fallback", reply.Kind);
    }
}
