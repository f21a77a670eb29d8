namespace AcuBot.Tests.Bot;

/// <summary>
/// A comparison is answered only where the articles make it: with medication, from the passage that compares;
/// with a treatment they never compare (physio, a chiropractor, yoga), by the honest fallback, not by the
/// passage about combining treatments that is nearest in meaning.
/// </summary>
public class ComparisonQuestionTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("acupuncture vs physio, which one works better for back pain")]
    [InlineData("is acupuncture better than going to a chiropractor for lower back pain")]
    [InlineData("yoga or acupuncture, which is better for a bad back")]
    public async Task A_comparison_the_articles_never_make_gets_the_fallback(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("fallback", reply.Kind);
    }

    [Theory]
    [InlineData("whats the point of acupuncture vs just popping ibuprofen")]
    [InlineData("is it safer than living on pain meds")]
    public async Task A_comparison_with_medication_is_answered_from_what_the_articles_say_of_medication(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
        Assert.Contains("medication", reply.Text, StringComparison.OrdinalIgnoreCase); // the side effects compared, or the alternative to it
    }
}
