namespace AcuBot.Tests.Bot;

/// <summary>
/// A question the clinic wrote under a passage (knowledge/*.questions.txt), asked again in nearly the same
/// words, is answered by that passage, even when its words lean towards another: "good" in "who is
/// acupuncture good for" reads as the benefits' "advantages", but the clinic filed the question under who
/// can benefit.
/// </summary>
public class ClinicsQuestionAskedAgainTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("who is acupuncture good for", "Who Can Benefit from Acupuncture?")]
    [InlineData("Who is acupuncture good for?", "Who Can Benefit from Acupuncture?")]
    public async Task The_passage_the_clinic_filed_the_question_under_answers_it(string message, string section)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal(section, reply.Section);
    }
}
