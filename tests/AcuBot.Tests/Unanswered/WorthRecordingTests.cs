using AcuBot.Tests.Bot;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Unanswered;

public class WorthRecordingTests
{
    [Theory]
    [InlineData("???")]
    [InlineData("...!!!")]
    [InlineData("asdfghjkl")]
    [InlineData("qwertyuiop")]
    [InlineData("xzkqwvbn")]
    [InlineData("aaaaaaa")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("asdf jkl; qwerty")]
    public void Noise_and_markup_are_not_questions(string message) =>
        Assert.False(WorthRecording.IsQuestionInWords(message));

    [Theory]
    [InlineData("Can I park at the clinic?")]
    [InlineData("what were the risks for my dad")]
    [InlineData("pacemaker?")]
    [InlineData("Do you treat strengths and weaknesses of rhythm?")]
    [InlineData("hmmm do you do cupping")]
    [InlineData("¿Hablan español?")]
    [InlineData("针灸疼吗")]
    [InlineData("is 3 > 2 sessions better?")]
    public void Questions_in_words_are(string message) =>
        Assert.True(WorthRecording.IsQuestionInWords(message));

    [Fact]
    public async Task The_bot_records_the_question_and_not_the_noise()
    {
        using var bot = new BotUnderTest();
        foreach (var noise in new[] { "???", "asdfghjkl", "<script>alert(1)</script>" })
            Assert.Equal("fallback", (await bot.AskAsync(noise)).Kind);
        await bot.AskAsync("Can I park at the clinic?");

        var log = bot.Host.Services.GetRequiredService<IUnansweredLog>();
        IReadOnlyList<UnansweredSummary> recorded = [];
        for (var i = 0; i < 100 && (recorded = log.Summarize()).Count == 0; i++) await Task.Delay(20);
        await Task.Delay(200); // anything queued with it has been written by now

        Assert.Equal(["Can I park at the clinic?"], log.Summarize().Select(s => s.Question));
    }
}
