using System.Text;
using System.Text.Json;
using AcuBot.Protocol.Schema;

namespace AcuBot.Protocol.Tests;

public class ActivitySerializationTests
{
    private const string EmulatorMessage = """
        {"type":"message","id":"a1","timestamp":"2026-11-24T10:00:00.000Z","localTimestamp":"2026-11-24T11:00:00+01:00",
         "localTimezone":"Europe/Paris","serviceUrl":"http://localhost:52000","channelId":"emulator",
         "from":{"id":"u1","name":"User","role":"user","tenantId":"t"},"conversation":{"id":"c1|livechat"},
         "recipient":{"id":"b1","name":"Bot","role":"bot"},"textFormat":"plain","locale":"en-US","text":"hi",
         "attachments":[],"entities":[{"type":"ClientCapabilities","requiresBotState":true,"supportsTts":true}],
         "channelData":{"clientActivityID":"x1"},"someFutureField":{"nested":[1,2,3]}}
        """;

    [Fact]
    public void Reads_the_fields_the_emulator_sends()
    {
        var activity = JsonSerializer.Deserialize(EmulatorMessage, ProtocolJsonContext.Default.Activity)!;

        Assert.Equal("message", activity.Type);
        Assert.Equal("a1", activity.Id);
        Assert.Equal("http://localhost:52000", activity.ServiceUrl);
        Assert.Equal("c1|livechat", activity.Conversation!.Id);
        Assert.Equal("u1", activity.From!.Id);
        Assert.Equal("bot", activity.Recipient!.Role);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal("ClientCapabilities", Assert.Single(activity.Entities!).Type);
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip_at_every_level()
    {
        var activity = JsonSerializer.Deserialize(EmulatorMessage, ProtocolJsonContext.Default.Activity)!;
        var written = JsonDocument.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity)).RootElement;

        Assert.Equal(3, written.GetProperty("someFutureField").GetProperty("nested").GetArrayLength());
        Assert.Equal("t", written.GetProperty("from").GetProperty("tenantId").GetString());
        Assert.True(written.GetProperty("entities")[0].GetProperty("requiresBotState").GetBoolean());
        Assert.Equal("x1", written.GetProperty("channelData").GetProperty("clientActivityID").GetString());
    }

    [Fact]
    public void Writes_camel_case_and_leaves_out_nulls()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = "message", ReplyToId = "r", Text = "x" }, ProtocolJsonContext.Default.Activity);

        Assert.Equal("""{"type":"message","text":"x","replyToId":"r"}""", json);
    }

    [Fact]
    public void A_reply_is_addressed_back_along_the_conversation()
    {
        var incoming = JsonSerializer.Deserialize(EmulatorMessage, ProtocolJsonContext.Default.Activity)!;

        var reply = incoming.CreateReply("hello");

        Assert.Equal("message", reply.Type);
        Assert.Equal("b1", reply.From!.Id);
        Assert.Equal("u1", reply.Recipient!.Id);
        Assert.Equal("a1", reply.ReplyToId);
        Assert.Equal("c1|livechat", reply.Conversation!.Id);
        Assert.Equal("emulator", reply.ChannelId);
        Assert.Equal("http://localhost:52000", reply.ServiceUrl);
        Assert.Equal("en-US", reply.Locale);
        Assert.Equal("hello", reply.Text);
        Assert.Null(reply.Entities); // the user's client capabilities are not echoed back
    }

    [Fact]
    public void An_imBack_action_carries_its_text_as_value()
    {
        var action = CardAction.ImBack("Tell me more");
        var json = JsonDocument.Parse(JsonSerializer.Serialize(new SuggestedActions { Actions = [action] }, typeof(SuggestedActions), ProtocolJsonContext.Default)).RootElement;

        var written = json.GetProperty("actions")[0];
        Assert.Equal("imBack", written.GetProperty("type").GetString());
        Assert.Equal("Tell me more", written.GetProperty("title").GetString());
        Assert.Equal("Tell me more", written.GetProperty("value").GetString());
    }

    [Fact]
    public void Expected_replies_have_an_activities_array()
    {
        var json = JsonSerializer.Serialize(new ExpectedReplies { Activities = [new Activity { Type = "message" }] }, ProtocolJsonContext.Default.ExpectedReplies);

        Assert.Equal("""{"activities":[{"type":"message"}]}""", json);
    }

    [Fact]
    public void Invalid_utf8_is_a_json_error_not_a_crash()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"message","text":"X"}""");
        bytes[^3] = 0xFF;

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.Activity));
    }
}
