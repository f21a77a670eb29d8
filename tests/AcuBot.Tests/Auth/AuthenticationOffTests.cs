using System.Net;
using AcuBot.Protocol.Auth;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Auth;

/// <summary>With no BotAuthentication:MicrosoftAppId (the default, as with the Emulator) nothing changes: no token needed, none sent.</summary>
public sealed class AuthenticationOffTests
{
    [Fact]
    public async Task Without_an_app_id_a_request_needs_no_token_and_the_reply_carries_none()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var server = await BotServer.StartAsync();
        Assert.False(server.App.Services.GetRequiredService<ChannelTokenValidator>().IsEnabled);

        var activity = EmulatorActivity.Message("Does acupuncture hurt?", connector.ServiceUrl);
        using var response = await server.Client.PostActivityAsync(activity);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {BotHttp.Shorten(body)}");
        var posts = connector.ReceivedFor(EmulatorActivity.ConversationIdOf(activity));
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Null(p.Authorization));
        // Only the connector was called: no metadata, no token endpoint.
        Assert.All(server.Outgoing.Sent, s => Assert.Equal(connector.ServiceUrl, s.Uri!.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(posts.Count, server.Outgoing.Sent.Count);
    }
}
