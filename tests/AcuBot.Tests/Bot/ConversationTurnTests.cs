using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

public class ConversationTurnTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("hi")]
    [InlineData("Hello there!")]
    [InlineData("thanks so much, that helped")]
    [InlineData("bye")]
    [InlineData("who are you?")]
    [InlineData("are you a real person")]
    [InlineData("help")]
    [InlineData("what can you do?")]
    public async Task Small_talk_gets_a_short_reply_that_says_what_the_bot_knows(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("smallTalk", reply.Kind);
        Assert.Contains("acupuncture for back pain", reply.Text);
        Assert.Equal(RepoPaths.ExampleQuestions, reply.Suggestions);
    }

    [Fact]
    public async Task A_greeting_before_a_question_does_not_hide_the_question()
    {
        var reply = await fixture.Bot.AskAsync("hi, does acupuncture hurt?");

        Assert.Equal("answer", reply.Kind);
        Assert.Contains("slight pinch", reply.Text);
    }

    /// <summary>Every word is a common one, so no word of the question counts: its meaning still asks who benefits.</summary>
    [Theory]
    [InlineData("who is it for")]
    [InlineData("who is it for?")]
    public async Task A_question_of_common_words_only_is_answered_by_its_meaning(string question)
    {
        var reply = await fixture.Bot.AskAsync(question);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal("Who Can Benefit from Acupuncture?", reply.Section);
    }

    /// <summary>The sentence model reads a misspelt word as other word pieces: the passages are compared with the question spelt right.</summary>
    [Theory]
    [InlineData("wher did acupunture orignate")]
    [InlineData("is acupunture about balancing energy")]
    public async Task A_misspelt_question_is_answered_by_the_passage_its_meaning_asks_for(string question)
    {
        var reply = await fixture.Bot.AskAsync(question);

        Assert.Equal("answer", reply.Kind);
        Assert.Equal("Understanding Acupuncture and Its Approach to Back Pain", reply.Section);
    }

    [Fact]
    public async Task Tell_me_more_expands_to_the_whole_section_of_the_last_answer()
    {
        var first = await fixture.Bot.AskAsync("How long do the needles stay in?", "more-1");
        Assert.Contains("Tell me more", first.Suggestions);

        var more = await fixture.Bot.AskAsync("tell me more", "more-1");

        Assert.Equal("answer", more.Kind);
        Assert.Equal("What to Expect During an Acupuncture Session", more.Section);
        foreach (var item in new[] { "Initial Assessment", "Treatment Plan", "Needle Insertion", "Relaxation Period", "Follow-Up Sessions" })
            Assert.Contains(item, more.Text);
    }

    [Fact]
    public async Task Conversations_do_not_share_context()
    {
        await fixture.Bot.AskAsync("How long do the needles stay in?", "context-a");

        var other = await fixture.Bot.AskAsync("tell me more", "context-b");

        Assert.Equal("fallback", other.Kind);
    }

    [Fact]
    public async Task A_follow_up_without_a_subject_uses_the_last_answer_as_context()
    {
        var first = await fixture.Bot.AskAsync("What are the risks of acupuncture?", "follow-1");
        Assert.Equal("Understanding the Risks Associated with Acupuncture", first.Section);

        var followUp = await fixture.Bot.AskAsync("how can I minimise them?", "follow-1");

        Assert.Equal("answer", followUp.Kind);
        Assert.Equal("Understanding the Risks Associated with Acupuncture", followUp.Section);
        Assert.Contains("licensed and experienced acupuncturist", followUp.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_message_gets_a_polite_prompt(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("inputProblem", reply.Kind);
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
    }

    [Fact]
    public async Task A_huge_message_gets_a_polite_request_for_a_shorter_one()
    {
        var reply = await fixture.Bot.AskAsync(string.Join(' ', Enumerable.Repeat("needles", 1500)));

        Assert.Equal("inputProblem", reply.Kind);
        Assert.Contains("limit is 1000", reply.Text);
    }
}
