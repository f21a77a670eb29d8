using AcuBot.Tests.Support;

namespace AcuBot.Tests.Telemetry;

/// <summary>
/// The bot's own log entries carry EventIds (issue 14), so that a log collector can select, say, every
/// refused /api/messages request without matching message text.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class LogEventIdTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Refused_channel_requests_are_logged_with_their_own_EventIds()
    {
        var mark = fixture.Server.Logs.Count;

        using (await fixture.Client.PostRawAsync("{not json", "application/json")) { }          // 3002: the body is not an Activity
        var longId = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        longId["conversation"]!["id"] = new string('c', 5000);
        using (await fixture.Client.PostActivityAsync(longId)) { }                              // 3005: an id too long
        using (await fixture.Client.PostActivityAsync(EmulatorActivity.Message("Hello", serviceUrl: null))) { } // 3007: nowhere to reply

        var ours = fixture.Server.Logs.Since(mark).Where(e => e.Category.StartsWith("AcuBot", StringComparison.Ordinal)).ToArray();
        Assert.Contains(ours, e => e.EventId.Id == 3002 && e.EventId.Name == "MessagesRequestRefused");
        Assert.Contains(ours, e => e.EventId.Id == 3005 && e.Message.Contains("conversation.id", StringComparison.Ordinal));
        Assert.Contains(ours, e => e.EventId.Id == 3007 && e.Message.Contains("serviceUrl", StringComparison.Ordinal));
        Assert.All(ours, e => Assert.NotEqual(0, e.EventId.Id));
    }
}
