using System.Net;
using AcuBot.Protocol.Connector;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Auth;

/// <summary>
/// SSRF with authentication on: the serviceUrl a valid channel token vouches for is where replies go,
/// whatever the allow-list says (here it names only <see cref="AuthSettings.AllowListedHost"/>, not
/// loopback), and an activity naming any other serviceUrl is refused before anything is sent. The
/// "elsewhere" is a second connector on 127.0.0.2; no test reaches a non-loopback address (the bot's
/// HttpClients refuse them, see <see cref="NonLoopbackGuard"/>).
/// </summary>
[Collection(AuthEnvironmentCollection.Name)]
public sealed class ServiceUrlTrustTests(AuthEnvironment env)
{
    private const string Question = "Does acupuncture hurt?";
    private const string RealChannelServiceUrl = "https://smba.trafficmanager.net/emea/";

    [Fact]
    public void The_setup_trusts_no_loopback_serviceUrl_on_the_allow_list()
    {
        var policy = env.Server.Service<ServiceUrlPolicy>();
        Assert.False(policy.IsAllowed(env.Connector.ServiceUrl, out _));
        Assert.False(policy.IsAllowed(env.OtherConnector.ServiceUrl, out _));
        Assert.StartsWith("http://127.0.0.2:", env.OtherConnector.ServiceUrl);
    }

    [Fact]
    public async Task A_token_vouching_for_another_loopback_address_sends_the_replies_there_and_nowhere_else()
    {
        var activity = EmulatorActivity.Message(Question, env.OtherConnector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(activity);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(env.OtherConnector.ServiceUrl)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {BotHttp.Shorten(body)}");
        var posts = env.OtherConnector.ReceivedFor(conversationId);
        Assert.NotEmpty(posts);
        var accessToken = Assert.Single(env.Authority.Issued);
        Assert.All(posts, p => Assert.Equal(AuthEnvironment.Bearer(accessToken), p.Authorization));
        Assert.Empty(env.Connector.Received.Skip(marks.Connector));
        Assert.All(env.SentSince(marks), uri =>
            Assert.Contains(uri.GetLeftPart(UriPartial.Authority), new[] { env.OtherConnector.ServiceUrl, env.Authority.BaseUrl }));
        Assert.Empty(env.Server.Guard.Refused.Skip(marks.Refused));
    }

    [Fact]
    public async Task An_activity_naming_another_serviceUrl_than_its_tokens_claim_gets_401_and_nothing_is_sent()
    {
        // A token the channel issued for 127.0.0.1, replayed with an activity that sends the replies to 127.0.0.2.
        var activity = EmulatorActivity.Message(Question, env.OtherConnector.ServiceUrl);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl)));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.False(env.TurnRanFor(EmulatorActivity.ConversationIdOf(activity)));
        env.AssertNothingSentSince(marks);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData(RealChannelServiceUrl)]
    [InlineData("http://127.0.0.1:1/")]   // loopback, but not the token's
    public async Task A_valid_token_does_not_vouch_for_an_activity_naming_a_different_serviceUrl(string serviceUrl)
    {
        var activity = EmulatorActivity.Message(Question, serviceUrl);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl)));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        env.AssertNothingSentSince(marks);
    }

    [Fact]
    public async Task The_serviceUrl_must_match_the_claim_exactly()
    {
        // Same connector, written with a trailing slash: the token vouches for one string, as in the Bot Framework SDK.
        var activity = EmulatorActivity.Message(Question, env.Connector.ServiceUrl + "/");
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl)));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        env.AssertNothingSentSince(marks);
    }

    [Fact]
    public async Task A_token_vouching_for_a_real_channel_host_sends_the_reply_there_only()
    {
        // Real channels are not on loopback; the bot must POST to the host the token names (here stopped
        // by the test's guard before it leaves the machine) and to no other.
        var activity = EmulatorActivity.Message(Question, RealChannelServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(activity);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(RealChannelServiceUrl)));

        // The connector could not be reached (the guard refused it): 502, as for any unreachable connector.
        await response.AssertErrorAsync(HttpStatusCode.BadGateway);
        var attempted = Assert.Single(env.Server.Guard.Refused.Skip(marks.Refused));
        Assert.Equal($"https://smba.trafficmanager.net/emea/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{EmulatorActivity.IdOf(activity)}",
            attempted?.AbsoluteUri);
        Assert.Empty(env.Connector.Received.Skip(marks.Connector));
        Assert.Empty(env.OtherConnector.Received.Skip(marks.OtherConnector));
        Assert.All(env.SentSince(marks), uri => Assert.True(uri.Host == "smba.trafficmanager.net" || uri.GetLeftPart(UriPartial.Authority) == env.Authority.BaseUrl, $"sent to {uri}"));
    }
}
