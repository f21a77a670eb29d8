using System.Net;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>Invoke activities the bot does not handle get 501, as an SDK bot's ActivityHandler answers them, and run no turn.</summary>
[Collection(BotServerCollection.Name)]
public sealed class InvokeTests(BotServerFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("expectReplies")]
    public async Task An_unhandled_invoke_gets_501_and_nothing_is_sent(string? deliveryMode)
    {
        var invoke = EmulatorActivity.Message(null, fixture.Connector.ServiceUrl);
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        if (deliveryMode is not null) invoke["deliveryMode"] = deliveryMode;

        using var response = await fixture.Client.PostActivityAsync(invoke);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.NotImplemented);
        Assert.Equal("NotImplemented", code);
        Assert.Empty(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(invoke)));
    }
}
