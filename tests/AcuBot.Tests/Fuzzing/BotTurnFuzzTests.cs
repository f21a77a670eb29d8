using AcuBot.Bot;
using AcuBot.Protocol.Schema;
using AcuBot.Tests.Bot;
using AcuBot.Tests.Support;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Fuzzing;

/// <summary>
/// The whole question pipeline (input checks, red flags, small talk, follow-ups, search, fallback, reply
/// finisher) on generated messages, through the bot's turn without HTTP: one reply, always ending with
/// the disclaimer, of a known kind, never an exception; red flags always get urgent care first.
/// </summary>
public sealed class BotTurnFuzzTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    internal static readonly string[] Kinds = ["answer", "fallback", "urgent", "smallTalk", "welcome", "noKnowledge", "inputProblem"];

    /// <summary>The reply text ends with the separator and the clinic's disclaimer, in italics.</summary>
    internal static void AssertEndsWithDisclaimer(string text)
    {
        Assert.EndsWith(ReplyFinisher.DisclaimerSeparator + "_" + RepoPaths.Disclaimer + "_", text);
        Assert.False(string.IsNullOrWhiteSpace(text[..text.LastIndexOf(ReplyFinisher.DisclaimerSeparator, StringComparison.Ordinal)]), "the reply says nothing before the disclaimer");
    }

    private static int MaxMessageLength => 1000; // Limits:MaxMessageLength in appsettings.json (BadInputTests pin it)

    [Fact]
    public void Any_message_gets_exactly_one_reply_that_ends_with_the_disclaimer()
    {
        var kinds = new System.Collections.Concurrent.ConcurrentBag<string>();
        // The CLI's "ask" takes any string, so lone surrogates too (a JSON body with one is refused before the turn).
        Fuzz.Check(Gen.Select(Gen.Frequency((5, MessageGen.AnyMessage), (1, MessageGen.Nasty(60, loneSurrogates: true))), Gen.Int[0, 3]), input =>
        {
            var (text, conversation) = input;
            var replies = fixture.Bot.Host.AskAsync(text, $"fuzz-{conversation}").GetAwaiter().GetResult();

            var reply = new Reply(Assert.Single(replies));
            kinds.Add(reply.Kind);
            Assert.Equal(ActivityTypes.Message, reply.Activity.Type);
            Assert.Contains(reply.Kind, Kinds);
            AssertEndsWithDisclaimer(reply.Text);
            Assert.All(reply.Suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s)));
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.Length > MaxMessageLength) Assert.Equal("inputProblem", reply.Kind);
            else Assert.NotEqual("inputProblem", reply.Kind);
        }, iterations: 400, print: i => Fuzz.Literal(i.Item1));

        // The messages reach every branch of the pipeline.
        if (Fuzz.Iterations(400) >= 400)
            Assert.Superset(new HashSet<string> { "answer", "fallback", "urgent", "smallTalk", "inputProblem" }, kinds.ToHashSet());

        // The fallbacks were recorded for the clinic, nasty text and all, and the log still reads back.
        var log = fixture.Bot.Host.Services.GetRequiredService<AcuBot.Unanswered.IUnansweredLog>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        IReadOnlyList<AcuBot.Unanswered.UnansweredSummary> recorded;
        while ((recorded = log.Summarize(1000)).Count == 0 && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.NotEmpty(recorded);
        Assert.All(recorded, r => Assert.InRange(r.Question.Length, 1, 500));
    }

    [Fact]
    public void A_red_flag_gets_urgent_care_first_whatever_surrounds_it() =>
        Fuzz.Check(Gen.Select(MessageGen.RedFlagMessage, Gen.OneOf("", "hi ", "thanks, ", "hello, does acupuncture help? ", "bye. ")), input =>
        {
            var (redFlag, before) = input;
            var text = before + redFlag.Message;
            var reply = fixture.Bot.AskAsync(text, "fuzz-urgent").GetAwaiter().GetResult();

            Assert.Equal("urgent", reply.Kind);
            Assert.Matches(@"^\*\*(This could be a medical emergency|Please reach out for support right now)\.\*\*", reply.Text);
            AssertEndsWithDisclaimer(reply.Text);
        }, iterations: 150, print: i => Fuzz.Literal(i.Item2 + i.Item1.Message));

    [Fact]
    public void Conversation_ids_of_any_text_do_not_break_the_turn() =>
        Fuzz.Check(Gen.Select(MessageGen.Nasty(30, loneSurrogates: true), Gen.OneOf(MessageGen.Questions)), input =>
        {
            var (conversation, text) = input;
            var reply = fixture.Bot.AskAsync(text, conversation).GetAwaiter().GetResult();
            AssertEndsWithDisclaimer(reply.Text);
            // A follow-up in the same conversation works too.
            AssertEndsWithDisclaimer(fixture.Bot.AskAsync("tell me more", conversation).GetAwaiter().GetResult().Text);
        }, iterations: 100, print: i => Fuzz.Literal(i.Item1));
}
