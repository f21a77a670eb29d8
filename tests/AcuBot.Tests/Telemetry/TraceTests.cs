using System.Collections.Concurrent;
using System.Diagnostics;
using AcuBot.Telemetry;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Telemetry;

/// <summary>
/// A turn is a span ("turn", with its conversation, activity type and reply kind) and a reply POSTed to the
/// channel is its child ("connector reply"), which the OpenTelemetry exporter sends when OTLP is configured.
/// Observed here with an <see cref="ActivityListener"/> on the bot's source, as the exporter listens; other
/// tests' spans are told apart by their conversation id.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class TraceTests : IDisposable
{
    private readonly BotServerFixture _fixture;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TraceTests(BotServerFixture fixture)
    {
        _fixture = fixture;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AcuBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_turn_is_a_span_with_its_conversation_and_reply_kind_and_the_reply_to_the_channel_is_its_child()
    {
        var conversation = EmulatorActivity.NewConversationId();
        var message = EmulatorActivity.Message("Does acupuncture hurt?", _fixture.Connector.ServiceUrl, conversation);

        using var response = await _fixture.Client.PostActivityAsync(message);
        response.EnsureSuccessStatusCode();

        var turn = Assert.Single(_spans, s => s.OperationName == "turn" && (string?)s.GetTagItem("acubot.conversation.id") == conversation);
        Assert.Equal("message", turn.GetTagItem("acubot.activity.type"));
        Assert.Equal("answer", turn.GetTagItem("acubot.reply.kind"));
        var reply = Assert.Single(_spans, s => s.OperationName == "connector reply" && s.ParentSpanId == turn.SpanId);
        Assert.Equal(ActivityKind.Client, reply.Kind);
        Assert.Equal("127.0.0.1", reply.GetTagItem("server.address"));
        Assert.Equal(turn.TraceId, reply.TraceId);
    }

    [Fact]
    public async Task An_expect_replies_turn_has_no_connector_call()
    {
        var conversation = "trace-" + Guid.NewGuid().ToString("N");

        Assert.Single(await _fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Do you sell gift vouchers for my aunt?", conversationId: conversation)));

        var turn = Assert.Single(_spans, s => s.OperationName == "turn" && (string?)s.GetTagItem("acubot.conversation.id") == conversation);
        Assert.Equal("fallback", turn.GetTagItem("acubot.reply.kind"));
        Assert.DoesNotContain(_spans, s => s.ParentSpanId == turn.SpanId);
    }

    public void Dispose() => _listener.Dispose();
}
