using AcuBot.Bot;

namespace AcuBot.Tests.Bot;

/// <summary>Whether a message only asks: a general question is about no one, a statement is about someone.</summary>
public sealed class MessageTextTests
{
    [Theory]
    [InlineData("can acupuncture cause dizziness?")]
    [InlineData("how long does a session last")]                     // a question word, no question mark
    [InlineData("is it safe. can my mum have it")]
    public void A_message_of_questions_asks(string text) => Assert.True(new MessageText(text).IsQuestion);

    [Theory]
    [InlineData("is it normal to feel faint after acupuncture? can barely stand")]   // the subject left out: "I can barely stand"
    [InlineData("does it always hurt? could hardly walk after the last one")]
    [InlineData("is it normal? it's been 20 mins now")]
    public void A_question_followed_by_the_patients_state_does_not_only_ask(string text) => Assert.False(new MessageText(text).IsQuestion);
}
