using AcuBot.Bot.SmallTalk;

namespace AcuBot.Tests.Bot;

/// <summary>Small talk that no pattern knows, recognised by its meaning (small-talk-examples.txt), and questions that only sound like it.</summary>
public sealed class SmallTalkByMeaningTests(SmallTalkByMeaningTests.Bots bots) : IClassFixture<SmallTalkByMeaningTests.Bots>
{
    /// <summary>The three bots the tests compare, started once for the class: each start loads the sentence model.</summary>
    public sealed class Bots : IDisposable
    {
        public BotUnderTest Default { get; } = new();
        public BotUnderTest PatternsOnly { get; } = new(null, "--SmallTalk:ByMeaning=false");
        public BotUnderTest NetOnly { get; } = new(null, "--RedFlags:Detectors=Semantic");

        public void Dispose()
        {
            Default.Dispose();
            PatternsOnly.Dispose();
            NetOnly.Dispose();
        }
    }

    private BotUnderTest Bot => bots.Default;

    [Theory]
    [InlineData("pleased to e-meet you", "Hello")]
    [InlineData("hello, typing this for my grandad", "Hello")]
    [InlineData("ooh lovely sunshine out today", "Hello")]
    [InlineData("night all, off to get some sleep now", "Goodbye")]
    [InlineData("ok cya, my partner is pleased", "Goodbye")]
    public async Task Small_talk_in_words_no_pattern_knows_is_recognised_by_meaning(string message, string replyStart)
    {
        var reply = await Bot.AskAsync(message);

        Assert.Equal("smallTalk", reply.Kind);
        Assert.StartsWith(replyStart, reply.Text);
        Assert.NotEqual("smallTalk", (await bots.PatternsOnly.AskAsync(message)).Kind);
    }

    [Theory]
    [InlineData("whats the weather like on saturday", "fallback")] // near "nice sunny day today", but it asks
    [InlineData("how does it work", "answer")]                    // near "how does this chat work", nearer the article's questions
    [InlineData("what can you do for my stiff lower back", "answer")]
    public async Task A_question_that_only_sounds_like_small_talk_is_not_taken_for_it(string message, string kind)
    {
        Assert.Equal(kind, (await Bot.AskAsync(message)).Kind);
    }

    /// <summary>The examples of small talk are ordinary ones for the red-flag net: a goodnight is not a farewell.</summary>
    [Fact]
    public async Task The_red_flag_net_takes_a_goodnight_for_small_talk_not_a_farewell()
    {
        Assert.NotEqual("urgent", (await bots.NetOnly.AskAsync("goodnight, going to get some sleep now")).Kind);
        Assert.Equal("urgent", (await bots.NetOnly.AskAsync("i'm saying goodbye to everyone, i won't be here tomorrow")).Kind);
    }

    [Fact]
    public void The_examples_file_names_a_kind_for_every_example()
    {
        var examples = SmallTalkExamples.Parse("# a comment\n[thanks]\nta very much\n\n[goodbye]\nsee ya\n");

        Assert.Equal([(SmallTalkIntent.Thanks, "ta very much"), (SmallTalkIntent.Goodbye, "see ya")], examples);
        Assert.Throws<FormatException>(() => SmallTalkExamples.Parse("[weather]\nnice day"));
        Assert.Throws<FormatException>(() => SmallTalkExamples.Parse("hello before any heading"));
    }
}
