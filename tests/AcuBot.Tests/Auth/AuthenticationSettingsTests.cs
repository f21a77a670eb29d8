using System.Net;
using System.Net.Sockets;
using AcuBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Auth;

/// <summary>
/// How the real server behaves when the clinic's authentication settings are wrong or the channel's keys
/// cannot be had: it refuses to start, or answers 503 so the channel retries, never runs an unchecked turn.
/// </summary>
public sealed class AuthenticationSettingsTests
{
    private const string AppId = $"--BotAuthentication:MicrosoftAppId={AuthSettings.AppId}";
    private const string Password = $"--BotAuthentication:MicrosoftAppPassword={AuthSettings.Password}";

    [Theory]
    [InlineData("MicrosoftAppPassword", AppId)]
    [InlineData("RequireHttpsMetadata", AppId, Password, "--BotAuthentication:RequireHttpsMetadata=false",
        "--BotAuthentication:OpenIdMetadataUrl=http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("OpenIdMetadataUrl must be HTTPS", AppId, Password,
        "--BotAuthentication:OpenIdMetadataUrl=http://127.0.0.1:9/v1/.well-known/openidconfiguration")]
    [InlineData("TokenAuthority", AppId, Password, "--BotAuthentication:TokenAuthority=http://127.0.0.1:9/botframework.com")]
    public async Task Settings_that_would_weaken_authentication_stop_the_bot_at_start_up(string problem, params string[] args)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthBotServer.StartAsync(args);
        });
        Assert.Contains(failure.Failures, f => f.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_channels_keys_cannot_be_fetched_the_request_gets_503_and_no_turn()
    {
        await using var connector = await RecordingConnector.StartAsync();
        using var key = new ChannelSigningKey("acubot-e2e-key-1", AuthSettings.EndorsedChannel) { Issuer = AuthSettings.Issuer, Audience = AuthSettings.AppId };
        await using var server = await AuthBotServer.StartAsync(
        [
            AppId, Password,
            $"--BotAuthentication:OpenIdMetadataUrl=http://127.0.0.1:{ClosedPort()}/v1/.well-known/openidconfiguration",
            "--BotAuthentication:RequireHttpsMetadata=false",
            $"--BotAuthentication:ValidIssuers:0={AuthSettings.Issuer}",
            "--BotAuthentication:TokenAuthority=https://127.0.0.1:9/botframework.com",
        ]);
        var activity = EmulatorActivity.Message("Does acupuncture hurt?", connector.ServiceUrl);

        using var response = await server.Client.PostWithAuthorizationAsync(activity, AuthEnvironment.Bearer(key.Mint(connector.ServiceUrl)));

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("ServiceUnavailable", code);
        Assert.True(response.Headers.RetryAfter is not null, "the channel is told when to retry");
        Assert.Empty(connector.Received);
        Assert.Null(await server.Service<AcuBot.Bot.Conversation.IConversationStateStore>().GetAsync(EmulatorActivity.ConversationIdOf(activity)));
        Assert.All(server.Outgoing.Sent, s => Assert.EndsWith("/v1/.well-known/openidconfiguration", s.Uri!.AbsolutePath));
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
