using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Protocol.Auth;
using AcuBot.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Tests.Auth;

/// <summary>
/// <c>/api/messages</c> on the real server with BotAuthentication:MicrosoftAppId set: a request without a
/// valid channel token gets 401 and no turn, and sends nothing anywhere; a valid one gets its turn, and
/// the replies carry the bot's own access token from the (fake, HTTPS) token endpoint, fetched once.
/// </summary>
[Collection(AuthEnvironmentCollection.Name)]
public sealed class ChannelAuthenticationTests(AuthEnvironment env)
{
    private const string Question = "Does acupuncture hurt?";

    public static TheoryData<string> Refusals =>
    [
        "no Authorization header",
        "not the Bearer scheme",
        "bad signature",
        "unsigned token (alg none)",
        "wrong audience",
        "expired",
        "untrusted issuer",
        "no serviceurl claim",
        "serviceurl claim differs from the activity's serviceUrl",
        "channelId not endorsed by the signing key",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_without_a_valid_channel_token_gets_401_runs_no_turn_and_sends_nothing(string refusal)
    {
        var activity = EmulatorActivity.Message(Question, env.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(activity);
        var (authorization, expected) = Refused(refusal, activity);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, authorization);

        var (code, message) = await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Unauthorized", code);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        if (authorization is not null)
            Assert.DoesNotContain(authorization.Split(' ').Last(), await response.Content.ReadAsStringAsync());
        // Refused for the reason the case is about, not by accident for another one.
        var refusedLog = Assert.Single(env.Server.Logs.Since(marks.Logs), e => e.Message.StartsWith("Refused an unauthenticated", StringComparison.Ordinal));
        Assert.Contains(conversationId, refusedLog.Message);
        Assert.Contains($": {expected} {message}", refusedLog.Message);

        Assert.False(env.TurnRanFor(conversationId), "a turn ran for a refused request");
        env.AssertNothingSentSince(marks);
        Assert.Empty(env.Server.Logs.ServerFailuresSince(marks.Logs));
    }

    [Fact]
    public async Task A_valid_channel_token_gets_a_turn_and_the_reply_carries_the_bots_own_access_token()
    {
        var activity = EmulatorActivity.Message(Question, env.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(activity);
        var channelToken = env.Key.Mint(env.Connector.ServiceUrl);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(channelToken));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {BotHttp.Shorten(body)}");
        Assert.True(env.TurnRanFor(conversationId), "no turn ran");

        var posts = env.Connector.ReceivedFor(conversationId);
        Assert.NotEmpty(posts);
        var accessToken = Assert.Single(env.Authority.Issued);   // one token for the whole run: it is cached
        foreach (var post in posts)
        {
            Assert.Equal("POST", post.Method);
            Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{EmulatorActivity.IdOf(activity)}", post.RawTarget);
            Assert.Equal(AuthEnvironment.Bearer(accessToken), post.Authorization);
            var reply = RecordingConnector.Json(post);
            Assert.Equal("message", reply.Str("type"));
            Assert.Equal(EmulatorActivity.IdOf(activity), reply.Str("replyToId"));
            Assert.Equal(env.Connector.ServiceUrl, reply.Str("serviceUrl"));
            Assert.False(string.IsNullOrWhiteSpace(reply.Text()));
        }
        // The channel's token is never passed on.
        Assert.DoesNotContain(env.Connector.Received, r => r.Authorization?.Contains(channelToken, StringComparison.Ordinal) == true);

        // The access token came from the client-credentials grant for the Bot Connector scope.
        var tokenRequest = Assert.Single(env.Authority.Received);
        Assert.Equal(FakeTokenAuthority.TokenPath, tokenRequest.Path);
        Assert.Equal("client_credentials", tokenRequest.Form["grant_type"]);
        Assert.Equal(AuthSettings.AppId, tokenRequest.Form["client_id"]);
        Assert.Equal(AuthSettings.Password, tokenRequest.Form["client_secret"]);
        Assert.Equal(BotAuthenticationOptions.DefaultTokenScope, tokenRequest.Form["scope"]);

        // Nothing went anywhere but the connector and (at most once) the token endpoint: the keys were cached.
        var sent = env.SentSince(marks);
        Assert.All(sent, uri => Assert.Contains(uri.GetLeftPart(UriPartial.Authority), new[] { env.Connector.ServiceUrl, env.Authority.BaseUrl }));
        Assert.Equal(posts.Count, sent.Count(uri => uri.GetLeftPart(UriPartial.Authority) == env.Connector.ServiceUrl));
        Assert.Empty(env.Server.Guard.Refused.Skip(marks.Refused));
        Assert.Empty(env.Server.Logs.ServerFailuresSince(marks.Logs));
    }

    [Fact]
    public async Task A_second_message_reuses_the_cached_access_token()
    {
        var first = EmulatorActivity.Message(Question, env.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(first);
        var second = EmulatorActivity.Message("What are the risks of acupuncture?", env.Connector.ServiceUrl, conversationId);

        using (var response = await env.PostAsync(first, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl))))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var afterFirst = env.Authority.TokenRequests;
        using (var response = await env.PostAsync(second, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl))))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(1, afterFirst);
        Assert.Equal(1, env.Authority.TokenRequests);
        var accessToken = Assert.Single(env.Authority.Issued);
        var posts = env.Connector.ReceivedFor(conversationId);
        Assert.Contains(posts, p => p.RawTarget.EndsWith("/" + EmulatorActivity.IdOf(first), StringComparison.Ordinal));
        Assert.Contains(posts, p => p.RawTarget.EndsWith("/" + EmulatorActivity.IdOf(second), StringComparison.Ordinal));
        Assert.All(posts, p => Assert.Equal(AuthEnvironment.Bearer(accessToken), p.Authorization));
    }

    [Fact]
    public async Task ExpectReplies_with_a_valid_token_returns_the_replies_and_posts_nothing()
    {
        var activity = EmulatorActivity.ExpectReplies(Question, env.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(activity);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, AuthEnvironment.Bearer(env.Key.Mint(env.Connector.ServiceUrl)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {BotHttp.Shorten(body)}");
        using var document = JsonDocument.Parse(body);
        var replies = document.RootElement.GetProperty("activities").EnumerateArray().ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, reply => Assert.False(string.IsNullOrWhiteSpace(reply.Text())));
        Assert.True(env.TurnRanFor(conversationId), "no turn ran");
        // No reply POSTed, and so no access token asked for either.
        env.AssertNothingSentSince(marks);
    }

    [Fact]
    public async Task ExpectReplies_without_a_token_gets_401_and_no_replies()
    {
        var activity = EmulatorActivity.ExpectReplies(Question, env.Connector.ServiceUrl);
        var marks = env.Mark();

        using var response = await env.PostAsync(activity, authorization: null);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("activities", await response.Content.ReadAsStringAsync());
        Assert.False(env.TurnRanFor(EmulatorActivity.ConversationIdOf(activity)));
        env.AssertNothingSentSince(marks);
    }

    /// <summary>The Authorization header for a refusal case, and the error the bot should log for it.</summary>
    private (string? Authorization, ChannelAuthError Expected) Refused(string refusal, JsonObject activity)
    {
        var serviceUrl = env.Connector.ServiceUrl;
        var now = DateTime.UtcNow;
        return refusal switch
        {
            "no Authorization header" => (null, ChannelAuthError.MissingToken),
            "not the Bearer scheme" => ("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthSettings.AppId}:{AuthSettings.Password}")), ChannelAuthError.MissingToken),
            "bad signature" => (AuthEnvironment.Bearer(env.Forger.Mint(serviceUrl)), ChannelAuthError.InvalidSignature),
            "unsigned token (alg none)" => (AuthEnvironment.Bearer(Unsigned(serviceUrl)), ChannelAuthError.DisallowedAlgorithm),
            "wrong audience" => (AuthEnvironment.Bearer(env.Key.Mint(serviceUrl, d => d.Audience = "0b0e8f6c-0000-4000-8000-another0bot0")), ChannelAuthError.InvalidAudience),
            "expired" => (AuthEnvironment.Bearer(env.Key.Mint(serviceUrl, d =>
            {
                // Ten minutes past its expiry: beyond the 5-minute clock skew.
                d.IssuedAt = now.AddMinutes(-70);
                d.NotBefore = now.AddMinutes(-70);
                d.Expires = now.AddMinutes(-10);
            })), ChannelAuthError.Expired),
            // The real Bot Framework issuer: ValidIssuers replaces the default, it does not add to it.
            "untrusted issuer" => (AuthEnvironment.Bearer(env.Key.Mint(serviceUrl, d => d.Issuer = BotAuthenticationOptions.DefaultIssuer)), ChannelAuthError.InvalidIssuer),
            "no serviceurl claim" => (AuthEnvironment.Bearer(env.Key.Mint(serviceUrl, d => d.Claims = new Dictionary<string, object>())), ChannelAuthError.MissingServiceUrl),
            "serviceurl claim differs from the activity's serviceUrl" => (AuthEnvironment.Bearer(env.Key.Mint(env.OtherConnector.ServiceUrl)), ChannelAuthError.ServiceUrlMismatch),
            "channelId not endorsed by the signing key" => WithChannel(activity, "msteams", (AuthEnvironment.Bearer(env.Key.Mint(serviceUrl)), ChannelAuthError.ChannelNotEndorsed)),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
        };
    }

    private static (string?, ChannelAuthError) WithChannel(JsonObject activity, string channelId, (string?, ChannelAuthError) result)
    {
        activity["channelId"] = channelId;
        return result;
    }

    private static string Unsigned(string serviceUrl)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(new JsonObject
        {
            ["iss"] = AuthSettings.Issuer,
            ["aud"] = AuthSettings.AppId,
            ["exp"] = exp,
            ["nbf"] = exp - 7200,
            ["serviceurl"] = serviceUrl,
        }.ToJsonString());
        return $"{header}.{payload}.";
    }
}
