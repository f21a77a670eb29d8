using System.Net;
using AcuBot.Tests.Auth;
using AcuBot.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Low 10: with authentication on and the channel's OpenID metadata failing, every forged
/// token made the bot fetch the metadata again; and requests with bad tokens were not rate-limited at all.
/// </summary>
public class AuthenticationFloodTests
{
    private const string AppId = "--BotAuthentication:MicrosoftAppId=" + AuthSettings.AppId;
    private const string Password = "--BotAuthentication:MicrosoftAppPassword=" + AuthSettings.Password;

    [Fact]
    public async Task Forged_tokens_while_the_metadata_fails_cost_one_fetch_not_one_each()
    {
        await using var metadata = await LoopbackServer.StartAsync(http =>
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var connector = await RecordingConnector.StartAsync();
        using var forger = new ChannelSigningKey("forged-key", AuthSettings.EndorsedChannel) { Issuer = AuthSettings.Issuer, Audience = AuthSettings.AppId };
        await using var server = await AuthBotServer.StartAsync(
        [
            AppId, Password,
            $"--BotAuthentication:OpenIdMetadataUrl={metadata.BaseUrl}/v1/.well-known/openidconfiguration",
            "--BotAuthentication:RequireHttpsMetadata=false",
            $"--BotAuthentication:ValidIssuers:0={AuthSettings.Issuer}",
            "--BotAuthentication:TokenAuthority=https://127.0.0.1:9/botframework.com",
        ]);
        var token = AuthEnvironment.Bearer(forger.Mint(connector.ServiceUrl));

        // Twenty in a row, then twenty at once.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await server.Client.PostWithAuthorizationAsync(EmulatorActivity.Message("hi", connector.ServiceUrl), token);
            statuses.Add(response.StatusCode);
        }
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await server.Client.PostWithAuthorizationAsync(EmulatorActivity.Message("hi", connector.ServiceUrl), token);
            return response.StatusCode;
        }));

        Assert.All(statuses.Concat(concurrent), s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.True(metadata.Received.Count <= 2, $"40 forged tokens made {metadata.Received.Count} metadata fetches");
        Assert.Empty(connector.Received);
    }

    [Fact]
    public async Task An_address_presenting_bad_tokens_is_rate_limited_before_they_are_checked()
    {
        await using var environment = new AuthEnvironmentWithLimit();
        await environment.InitializeAsync();
        var env = environment.Inner;
        var bad = AuthEnvironment.Bearer(env.Forger.Mint(env.Connector.ServiceUrl));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await env.PostAsync(EmulatorActivity.Message("hi", env.Connector.ServiceUrl), bad);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(response.Headers.Contains("Retry-After"));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.Empty(env.Connector.Received);
    }

    /// <summary>The usual authentication environment, with the failed-token limit on (it is off in the auth tests).</summary>
    private sealed class AuthEnvironmentWithLimit : IAsyncDisposable
    {
        public AuthEnvironment Inner { get; } = new() { ExtraArgs = ["--Limits:FailedAuthenticationsPerMinutePerAddress=5"] };

        public Task InitializeAsync() => Inner.InitializeAsync();

        public async ValueTask DisposeAsync() => await Inner.DisposeAsync();
    }
}
