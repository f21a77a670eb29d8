using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Protocol.Http;
using AcuBot.Protocol.Schema;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>Fields the bot does not model are kept: parsing and writing an activity back loses nothing a channel sent.</summary>
public sealed class ActivityRoundTripTests
{
    [Fact]
    public void Parse_then_serialise_keeps_unknown_properties_at_the_top_level_and_inside_nested_objects()
    {
        var sent = EmulatorActivity.ExpectReplies("Does acupuncture hurt?", "http://127.0.0.1:1");
        sent["x-clinic-trace"] = new JsonObject { ["hop"] = 3, ["tags"] = new JsonArray("a", "b") };
        sent["futureFlag"] = true;
        sent["from"]!.AsObject()["aadTenantHint"] = "contoso";
        sent["from"]!.AsObject()["profile"] = new JsonObject { ["avatar"] = "https://example.invalid/a.png" };
        sent["conversation"]!.AsObject()["shard"] = 7;
        sent["entities"]![0]!.AsObject()["clientVersion"] = "4.15.1";

        var read = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(sent.ToJsonString()));

        Assert.Null(read.Error);
        var activity = Assert.IsType<Activity>(read.Activity);
        Assert.Equal("expectReplies", activity.DeliveryMode);
        Assert.Equal("Does acupuncture hurt?", activity.Text);
        Assert.Equal(EmulatorActivity.UserName, activity.From?.Name);

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!.AsObject();
        Assert.True(JsonNode.DeepEquals(sent["x-clinic-trace"], written["x-clinic-trace"]), $"x-clinic-trace lost: {written.ToJsonString()}");
        Assert.True(written["futureFlag"]?.GetValue<bool>());
        Assert.Equal("contoso", written["from"]?["aadTenantHint"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(sent["from"]!["profile"], written["from"]?["profile"]));
        Assert.Equal(7, written["conversation"]?["shard"]?.GetValue<int>());
        Assert.Equal("4.15.1", written["entities"]?[0]?["clientVersion"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(sent["channelData"], written["channelData"]));
        // Everything the Emulator sent comes back, with the same values (timestamps compared as instants).
        foreach (var (name, value) in sent)
        {
            Assert.True(written.ContainsKey(name), $"'{name}' was dropped");
            if (name is "timestamp" or "localTimestamp")
                Assert.Equal(DateTimeOffset.Parse(value!.GetValue<string>()), DateTimeOffset.Parse(written[name]!.GetValue<string>()));
            else if (name != "attachments") // an empty list may be written back empty or as it came
                Assert.True(JsonNode.DeepEquals(value, written[name]), $"'{name}' changed: {value?.ToJsonString()} -> {written[name]?.ToJsonString()}");
        }
    }

    [Fact]
    public void Parse_accepts_property_names_in_any_case_and_reports_a_missing_type()
    {
        var read = ActivityRequestReader.Parse("""{"Type":"message","Text":"hi","DeliveryMode":"expectReplies"}"""u8);
        Assert.Equal("message", read.Activity?.Type);
        Assert.Equal("hi", read.Activity?.Text);

        var untyped = ActivityRequestReader.Parse("""{"text":"hi"}"""u8);
        Assert.Null(untyped.Activity);
        Assert.Equal(400, untyped.StatusCode);
        Assert.Equal("BadArgument", untyped.Error?.Error.Code);
    }
}
