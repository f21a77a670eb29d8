using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Bot;

/// <summary>The meaning-based red-flag net on its own (the rules switched off), and how its replies read.</summary>
public sealed class SemanticRedFlagTests : IDisposable
{
    private readonly BotUnderTest _netOnly = new(null, "--RedFlags:Detectors=Semantic");

    [Theory]
    [InlineData("i just dont want to exist anymore")]
    [InlineData("my legs are getting weaker and weaker every day")]
    [InlineData("there is a crushing weight on my chest")]
    public async Task The_net_alone_recognises_red_flags_worded_like_its_examples(string message)
    {
        var reply = await _netOnly.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
    }

    /// <summary>A symptom told inside a booking request: the whole message means booking, its clause the symptom.</summary>
    [Theory]
    [InlineData("hi, want to book acupuncture for my back. also my legs both went numb overnight, thanks")]
    [InlineData("can i come in on friday afternoon? ive been wetting myself since tuesday, is that related")]
    public async Task The_net_reads_a_longer_message_clause_by_clause(string message)
    {
        using var wholeOnly = new BotUnderTest(null, "--RedFlags:Detectors=Semantic", "--RedFlags:ReadClauses=false");

        Assert.Equal("urgent", (await _netOnly.AskAsync(message)).Kind);
        Assert.NotEqual("urgent", (await wholeOnly.AskAsync(message)).Kind); // the whole message alone is not enough
    }

    [Theory]
    [InlineData("I've had back pain for years")]
    [InlineData("does acupuncture hurt?")]
    [InlineData("hello")]
    [InlineData("how long do the needles stay in?")]
    [InlineData("hello, i have had sciatica for a few years now, can acupuncture help with that")] // a story clause, then the question
    [InlineData("can acupuncture cause numbness, weakness or bleeding?")]                          // a general question, in clauses
    public async Task The_net_alone_leaves_ordinary_messages_alone(string message)
    {
        var reply = await _netOnly.AskAsync(message);

        Assert.NotEqual("urgent", reply.Kind);
    }

    [Fact]
    public void A_flag_of_the_net_alone_gives_urgent_guidance_first_and_the_answer_below()
    {
        var urgentCare = _netOnly.Host.Services.GetRequiredService<UrgentCareReplies>();
        var answer = new BotReply(ReplyKind.Answer, "**What to Expect**\n\nThe needles typically remain in place for about 20 to 30 minutes.")
            { SectionTitle = "What to Expect", Suggestions = ["Tell me more"] };

        var reply = urgentCare.Before(answer, new RedFlagMatch(RedFlagCategory.Emergency, "Progressive weakness or numbness in the legs"));
        var afterFallback = urgentCare.Before(new BotReply(ReplyKind.Fallback, "I'm sorry, I couldn't find an answer"), new RedFlagMatch(RedFlagCategory.Crisis, "Thoughts of suicide"));

        Assert.Equal(ReplyKind.Urgent, reply.Kind);
        Assert.StartsWith("**This could be a medical emergency.**", reply.Text);
        Assert.True(reply.Text.IndexOf("20 to 30 minutes", StringComparison.Ordinal) > reply.Text.IndexOf("911", StringComparison.Ordinal), reply.Text);
        Assert.Equal(["Tell me more"], reply.Suggestions);
        Assert.Equal(ReplyKind.Urgent, afterFallback.Kind);
        Assert.DoesNotContain("couldn't find", afterFallback.Text);
    }

    [Fact]
    public async Task Without_the_model_the_rules_still_flag_and_the_bot_still_answers()
    {
        using var lexical = new BotUnderTest(null, "--Embeddings:Enabled=false");

        Assert.Equal("urgent", (await lexical.AskAsync("I don't want to live anymore")).Kind);
        Assert.Contains("20 to 30 minutes", (await lexical.AskAsync("How long do the needles stay in?")).Text);
    }

    public void Dispose() => _netOnly.Dispose();
}
