using AcuBot.Bot;
using AcuBot.Options;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Safety;

/// <summary>
/// The reply finisher on its own (DisclaimerTests has every kind of reply end to end): the disclaimer the
/// clinic configures now, after a separator, on every reply; buttons only when there are follow-ups,
/// addressed to the patient; the reply's kind and evidence in channelData.
/// </summary>
public sealed class FinishedReplyTests
{
    private sealed class Settable(ClinicOptions value) : IOptionsMonitor<ClinicOptions>
    {
        public ClinicOptions CurrentValue { get; set; } = value;
        public ClinicOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<ClinicOptions, string?> listener) => null;
    }

    private static Activity Incoming(string? userId = "patient-1") => new()
    {
        Type = ActivityTypes.Message,
        Id = "m1",
        Text = "Does it hurt?",
        From = userId is null ? null : new ChannelAccount { Id = userId },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "c1" },
        ChannelId = "test",
        ServiceUrl = "http://127.0.0.1:9/",
    };

    [Theory]
    [InlineData(ReplyKind.Answer, "answer")]
    [InlineData(ReplyKind.Fallback, "fallback")]
    [InlineData(ReplyKind.Urgent, "urgent")]
    [InlineData(ReplyKind.SmallTalk, "smallTalk")]
    [InlineData(ReplyKind.Welcome, "welcome")]
    [InlineData(ReplyKind.NoKnowledge, "noKnowledge")]
    [InlineData(ReplyKind.InputProblem, "inputProblem")]
    public void Every_kind_of_reply_ends_with_the_disclaimer_and_names_its_kind(ReplyKind kind, string name)
    {
        var finisher = new ReplyFinisher(new Settable(new ClinicOptions { Disclaimer = "See a licensed professional." }));

        var reply = finisher.Finish(Incoming(), new BotReply(kind, "The text."));

        Assert.Equal("The text.\n\n---\n_See a licensed professional._", reply.Text);
        Assert.Equal(name, ReplyFinisher.KindName(kind));
        Assert.Equal(name, reply.ChannelData!.Value.GetProperty("kind").GetString());
        Assert.Equal(InputHints.AcceptingInput, reply.InputHint);
        Assert.Equal("m1", reply.ReplyToId);
        Assert.Equal("patient-1", reply.Recipient!.Id);
    }

    [Fact]
    public void A_changed_disclaimer_applies_to_the_next_reply()
    {
        var clinic = new Settable(new ClinicOptions { Disclaimer = "Old." });
        var finisher = new ReplyFinisher(clinic);

        clinic.CurrentValue = new ClinicOptions { Disclaimer = "New." };

        Assert.EndsWith("---\n_New._", finisher.Finish(Incoming(), new BotReply(ReplyKind.Answer, "x")).Text);
    }

    [Fact]
    public void Follow_ups_become_buttons_for_the_patient_that_send_the_whole_text()
    {
        var finisher = new ReplyFinisher(new Settable(new ClinicOptions()));
        var reply = finisher.Finish(Incoming(), new BotReply(ReplyKind.Answer, "x") { Suggestions = ["What are the risks of acupuncture?", "Does it hurt?"] });

        Assert.Equal(["patient-1"], reply.SuggestedActions!.To!);
        Assert.Equal(["What are the risks of acupuncture?", "Does it hurt?"], reply.SuggestedActions.Actions.Select(a => a.Value!.Value.GetString()));
        Assert.Equal(["imBack", "imBack"], reply.SuggestedActions.Actions.Select(a => a.Type));
        Assert.Equal(ButtonLabel.For("What are the risks of acupuncture?"), reply.SuggestedActions.Actions[0].Title);
    }

    [Fact]
    public void Without_follow_ups_there_are_no_buttons_and_without_a_sender_they_are_for_anyone()
    {
        var finisher = new ReplyFinisher(new Settable(new ClinicOptions()));

        Assert.Null(finisher.Finish(Incoming(), new BotReply(ReplyKind.Answer, "x")).SuggestedActions);
        var anonymous = finisher.Finish(Incoming(userId: null), new BotReply(ReplyKind.Answer, "x") { Suggestions = ["Does it hurt?"] });
        Assert.Null(anonymous.SuggestedActions!.To);
        Assert.Single(anonymous.SuggestedActions.Actions);
    }

    [Fact]
    public void The_channel_data_carries_the_section_source_and_confidence_to_three_places()
    {
        var finisher = new ReplyFinisher(new Settable(new ClinicOptions()));

        var reply = finisher.Finish(Incoming(), new BotReply(ReplyKind.Answer, "x") { SectionTitle = "Risks", SourceFile = "faq.md", Confidence = 0.123456 });
        var data = reply.ChannelData!.Value;

        Assert.Equal("Risks", data.GetProperty("section").GetString());
        Assert.Equal("faq.md", data.GetProperty("source").GetString());
        Assert.Equal(0.123, data.GetProperty("confidence").GetDouble());
        Assert.False(finisher.Finish(Incoming(), new BotReply(ReplyKind.Fallback, "x")).ChannelData!.Value.TryGetProperty("confidence", out _));
    }
}
