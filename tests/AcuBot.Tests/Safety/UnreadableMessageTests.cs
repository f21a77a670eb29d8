using AcuBot.Tests.Bot;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Safety;

/// <summary>
/// A message in a language the bot cannot read gets the emergency numbers first: neither red-flag detector
/// can tell an emergency in it from a question about prices.
/// </summary>
public sealed class UnreadableMessageTests(UnreadableMessageTests.Bots fixture) : IClassFixture<UnreadableMessageTests.Bots>
{
    /// <summary>The bot with and without the check, started once for the class: each start loads the sentence model.</summary>
    public sealed class Bots : IDisposable
    {
        public BotUnderTest Bot { get; } = new();
        public BotUnderTest WithoutTheCheck { get; } = new(null, "--RedFlags:UnreadableIsUrgent=false");

        public void Dispose()
        {
            Bot.Dispose();
            WithoutTheCheck.Dispose();
        }
    }

    [Theory]
    [InlineData("estoy muy mal, necesito ayuda con mi espalda ahora")]                  // Spanish
    [InlineData("ich habe seit gestern starke schmerzen im rücken und kann nicht laufen")] // German
    [InlineData("j'ai très mal au dos et je ne sens plus mes pieds depuis hier")]          // French
    [InlineData("mujhe kal se bahut dard ho raha hai aur kuch samajh nahi aa raha")]       // Hindi in Latin letters
    public async Task A_message_in_another_language_gets_the_emergency_numbers_and_a_request_for_english(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.StartsWith("**I can only read English", reply.Text);
        Assert.Contains("**911**", reply.Text);
        Assert.Contains("please write your question in English", reply.Text);
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
        Assert.NotEqual("urgent", (await fixture.WithoutTheCheck.AskAsync(message)).Kind);
    }

    /// <summary>
    /// Only the first words are read: a language shows in them, and every unknown word costs a spelling lookup, so
    /// a message of thousands of words must not cost thousands (it cost a second of CPU before the cap).
    /// </summary>
    [Fact]
    public async Task Only_the_first_words_are_read_to_tell_the_language()
    {
        var english = string.Join(' ', Enumerable.Repeat("my lower back has been sore", 13)); // 65 English words
        var spanish = string.Join(' ', Enumerable.Repeat("tengo mucho dolor de espalda desde ayer", 100));

        var reply = await fixture.Bot.AskAsync(english + " " + spanish);

        Assert.DoesNotContain("I can only read English", reply.Text);
    }

    [Theory]
    [InlineData("chest ache n upper back ache, kinda tired rn")]          // telegraphic English: few small words, English ones
    [InlineData("acupuncture = chinese medicin right?")]
    [InlineData("qi = chi? same thing?")]
    [InlineData("side effects vs pills")]
    [InlineData("acupunture sesion lenght typicaly?")]                    // typos of the knowledge's words
    [InlineData("gym + acupuncture combo, good idea?")]
    [InlineData("does acupuncture help lower back pain")]
    public async Task English_however_short_or_misspelt_is_read_as_english(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.DoesNotContain("I can only read English", reply.Text);
    }
}
