using System.Text;
using AcuBot.Protocol.Auth;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>The channel's keys, served on loopback once for the whole class.</summary>
public sealed class ChannelMetadataFixture : IAsyncLifetime
{
    public ChannelSigningKey Key { get; } = new("channel-key-1");

    /// <summary>Publishes endorsements: it vouches only for Teams activities.</summary>
    public ChannelSigningKey TeamsOnlyKey { get; } = new("teams-only-key", "msteams");

    public FakeChannelMetadata Metadata { get; private set; } = null!;

    public async Task InitializeAsync() => Metadata = await FakeChannelMetadata.StartAsync(Key, TeamsOnlyKey);

    public async Task DisposeAsync()
    {
        await Metadata.DisposeAsync();
        Key.Dispose();
        TeamsOnlyKey.Dispose();
    }
}

public class ChannelTokenValidatorTests(ChannelMetadataFixture channel) : IClassFixture<ChannelMetadataFixture>, IDisposable
{
    private readonly HttpClient metadataHttp = new();

    private ChannelTokenValidator Validator(Action<BotAuthenticationOptions>? change = null)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TokenDefaults.AppId,
            MicrosoftAppPassword = "not used here",
            OpenIdMetadataUrl = channel.Metadata.MetadataUrl,
            RequireHttpsMetadata = false,
        };
        change?.Invoke(options);
        return new ChannelTokenValidator(options, metadataHttp);
    }

    private Task<ChannelAuthResult> Validate(string? authorization, string? serviceUrl = TokenDefaults.ServiceUrl,
        string? channelId = TokenDefaults.ChannelId, ChannelTokenValidator? validator = null) =>
        (validator ?? Validator()).ValidateAsync(authorization, serviceUrl, channelId, CancellationToken.None);

    private static string Bearer(string token) => "Bearer " + token;

    private static void AssertRejected(ChannelAuthResult result, ChannelAuthError expected)
    {
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Null(result.ServiceUrl);
        Assert.Equal(401, result.StatusCode);
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_with_the_serviceUrl_it_vouches_for()
    {
        var result = await Validate(Bearer(channel.Key.Mint()));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(ChannelAuthError.None, result.Error);
        Assert.Equal(TokenDefaults.ServiceUrl, result.ServiceUrl);
        Assert.Contains(result.Identity!.Claims, c => c.Type == "aud" && c.Value == TokenDefaults.AppId);
    }

    [Fact]
    public async Task The_bearer_scheme_is_matched_without_regard_to_case()
    {
        var result = await Validate("bearer " + channel.Key.Mint());

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_a_published_key_id_is_rejected()
    {
        using var impostor = new ChannelSigningKey(channel.Key.KeyId);

        AssertRejected(await Validate(Bearer(impostor.Mint())), ChannelAuthError.InvalidSignature);
    }

    [Fact]
    public async Task A_token_whose_key_id_the_channel_does_not_publish_is_rejected()
    {
        using var stranger = new ChannelSigningKey("not-published");

        AssertRejected(await Validate(Bearer(stranger.Mint())), ChannelAuthError.UnknownSigningKey);
    }

    [Fact]
    public async Task A_token_with_a_published_key_id_changed_in_its_header_fails_the_signature_check()
    {
        // Re-labelling the kid of a genuine token breaks its signature (the header is signed too).
        var parts = channel.Key.Mint().Split('.');
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0])).Replace(channel.Key.KeyId, channel.TeamsOnlyKey.KeyId);
        var relabelled = $"{Base64UrlEncoder.Encode(header)}.{parts[1]}.{parts[2]}";

        AssertRejected(await Validate(Bearer(relabelled)), ChannelAuthError.InvalidSignature);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")]
    public async Task A_token_from_another_issuer_is_rejected(string issuer)
    {
        AssertRejected(await Validate(Bearer(channel.Key.Mint(t => t.Issuer = issuer))), ChannelAuthError.InvalidIssuer);
    }

    [Fact]
    public async Task A_token_without_an_issuer_is_rejected()
    {
        AssertRejected(await Validate(Bearer(channel.Key.Mint(t => t.Issuer = null))), ChannelAuthError.InvalidIssuer);
    }

    [Fact]
    public async Task Configured_issuers_replace_the_default()
    {
        const string Other = "https://channel.example";
        var validator = Validator(o => o.ValidIssuers = [Other]);

        Assert.True((await Validate(Bearer(channel.Key.Mint(t => t.Issuer = Other)), validator: validator)).IsValid);
        AssertRejected(await Validate(Bearer(channel.Key.Mint()), validator: validator), ChannelAuthError.InvalidIssuer);
    }

    [Theory]
    [InlineData("another-bots-app-id")]
    [InlineData("https://api.botframework.com")]
    public async Task A_token_for_another_audience_is_rejected(string audience)
    {
        AssertRejected(await Validate(Bearer(channel.Key.Mint(t => t.Audience = audience))), ChannelAuthError.InvalidAudience);
    }

    [Fact]
    public async Task A_token_without_an_audience_is_rejected()
    {
        AssertRejected(await Validate(Bearer(channel.Key.Mint(t => t.Audience = null))), ChannelAuthError.InvalidAudience);
    }

    [Fact]
    public async Task An_expired_token_is_rejected()
    {
        var token = channel.Key.Mint(t =>
        {
            t.IssuedAt = t.NotBefore = DateTime.UtcNow.AddHours(-2);
            t.Expires = DateTime.UtcNow.AddMinutes(-6);
        });

        AssertRejected(await Validate(Bearer(token)), ChannelAuthError.Expired);
    }

    [Fact]
    public async Task A_token_expired_by_less_than_the_clock_skew_is_accepted()
    {
        var token = channel.Key.Mint(t =>
        {
            t.IssuedAt = t.NotBefore = DateTime.UtcNow.AddHours(-1);
            t.Expires = DateTime.UtcNow.AddMinutes(-4);
        });

        Assert.True((await Validate(Bearer(token))).IsValid);
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_rejected()
    {
        var token = channel.Key.Mint(t =>
        {
            t.IssuedAt = t.NotBefore = DateTime.UtcNow.AddMinutes(10);
            t.Expires = DateTime.UtcNow.AddHours(1);
        });

        AssertRejected(await Validate(Bearer(token)), ChannelAuthError.NotYetValid);
    }

    [Fact]
    public async Task A_token_without_a_serviceurl_claim_is_rejected()
    {
        var token = channel.Key.Mint(t => t.Claims = new Dictionary<string, object>());

        AssertRejected(await Validate(Bearer(token)), ChannelAuthError.MissingServiceUrl);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("https://smba.trafficmanager.net/emea")]   // the claim ends with '/'
    [InlineData("https://SMBA.trafficmanager.net/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_serviceurl_claim_that_differs_from_the_activitys_serviceUrl_is_rejected(string? activityServiceUrl)
    {
        AssertRejected(await Validate(Bearer(channel.Key.Mint()), serviceUrl: activityServiceUrl), ChannelAuthError.ServiceUrlMismatch);
    }

    [Fact]
    public async Task The_spec_spelling_serviceUrl_is_read_too()
    {
        var token = channel.Key.Mint(t => t.Claims = new Dictionary<string, object> { ["serviceUrl"] = TokenDefaults.ServiceUrl });

        Assert.Equal(TokenDefaults.ServiceUrl, (await Validate(Bearer(token))).ServiceUrl);
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_rejected()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = channel.Key.Mint().Split('.')[1];

        AssertRejected(await Validate(Bearer($"{header}.{payload}.")), ChannelAuthError.DisallowedAlgorithm);
    }

    [Fact]
    public async Task An_unsigned_token_claiming_RS256_is_rejected()
    {
        var parts = channel.Key.Mint().Split('.');

        var result = await Validate(Bearer($"{parts[0]}.{parts[1]}."));

        Assert.False(result.IsValid);
        Assert.Contains(result.Error, new[] { ChannelAuthError.MalformedToken, ChannelAuthError.InvalidSignature });
    }

    [Fact]
    public async Task An_HS256_token_is_rejected_even_when_keyed_with_the_channels_public_key()
    {
        // The classic confusion: HMAC "signed" with the RSA public key, which anyone can read from the JWKS.
        var publicKeyBytes = Encoding.UTF8.GetBytes(channel.Key.ToJwk().ToJsonString());
        var hmac = new SymmetricSecurityKey(publicKeyBytes) { KeyId = channel.Key.KeyId };
        var token = channel.Key.Mint(t => t.SigningCredentials = new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256));

        AssertRejected(await Validate(Bearer(token)), ChannelAuthError.DisallowedAlgorithm);
    }

    [Fact]
    public async Task A_token_signed_with_the_right_key_but_another_RSA_algorithm_is_rejected()
    {
        var token = channel.Key.Mint(algorithm: SecurityAlgorithms.RsaSha384);

        AssertRejected(await Validate(Bearer(token)), ChannelAuthError.DisallowedAlgorithm);
    }

    [Theory]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("Bearer ....")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln.x.y")]
    public async Task A_garbage_token_is_rejected(string header)
    {
        var result = await Validate(header);

        Assert.False(result.IsValid);
        Assert.Contains(result.Error, new[] { ChannelAuthError.MalformedToken, ChannelAuthError.InvalidSignature });
        Assert.Equal(401, result.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    [InlineData("Bearerabc.def.ghi")]
    [InlineData("Bearer abc def")]
    public async Task A_request_without_a_bearer_token_is_rejected(string? header)
    {
        AssertRejected(await Validate(header), ChannelAuthError.MissingToken);
    }

    [Fact]
    public async Task A_scheme_less_token_is_rejected()
    {
        AssertRejected(await Validate(channel.Key.Mint()), ChannelAuthError.MissingToken);
    }

    [Fact]
    public async Task A_key_with_endorsements_vouches_only_for_the_channels_it_lists()
    {
        var token = Bearer(channel.TeamsOnlyKey.Mint());

        Assert.True((await Validate(token, channelId: "msteams")).IsValid);
        AssertRejected(await Validate(token, channelId: "webchat"), ChannelAuthError.ChannelNotEndorsed);
        AssertRejected(await Validate(token, channelId: "MSTEAMS"), ChannelAuthError.ChannelNotEndorsed);
        AssertRejected(await Validate(token, channelId: null), ChannelAuthError.ChannelNotEndorsed);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    public async Task A_token_that_names_its_key_by_thumbprint_instead_of_kid_is_refused_so_no_endorsement_is_skipped(string channelId)
    {
        // IdentityModel finds a key by the header's x5t too, but endorsements are looked up by kid: this
        // Teams-only key's token, naming it by x5t, was let through for any channel.
        var token = RawChannelToken.Sign(RawChannelToken.KeyOf(channel.TeamsOnlyKey),
            $$"""{"alg":"RS256","typ":"JWT","x5t":"{{channel.TeamsOnlyKey.KeyId}}"}""", RawChannelToken.PayloadOf(channel.TeamsOnlyKey));

        var result = await Validate(Bearer(token), channelId: channelId);

        AssertRejected(result, ChannelAuthError.UnknownSigningKey);
        Assert.Equal("The token does not name its signing key by a key id the channel publishes.", result.Reason);
    }

    [Fact]
    public async Task The_identity_keeps_the_claims_under_the_names_the_token_gives_them()
    {
        var token = channel.Key.Mint(t => t.Claims = new Dictionary<string, object>
        {
            ["serviceurl"] = TokenDefaults.ServiceUrl, ["sub"] = "the-channel", ["tid"] = "the-tenant", ["name"] = "Bot Connector", ["role"] = "channel",
        });

        var identity = (await Validate(Bearer(token))).Identity!;

        // Not renamed to the long WS-Federation claim types (.../nameidentifier, .../tenantid, .../name, .../role).
        Assert.Equal(["aud", "exp", "iat", "iss", "name", "nbf", "role", "serviceurl", "sub", "tid"], identity.Claims.Select(c => c.Type).Order());
        Assert.Equal("the-tenant", identity.FindFirst("tid")?.Value);
        Assert.Equal(TokenDefaults.ServiceUrl, identity.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task A_key_without_endorsements_vouches_for_any_channel()
    {
        Assert.True((await Validate(Bearer(channel.Key.Mint()), channelId: "webchat")).IsValid);
    }

    [Fact]
    public async Task Without_an_app_id_nothing_is_accepted_and_the_validator_says_it_is_off()
    {
        var validator = Validator(o => o.MicrosoftAppId = null);

        Assert.False(validator.IsEnabled);
        var result = await Validate(Bearer(channel.Key.Mint()), validator: validator);
        Assert.Equal(ChannelAuthError.NotConfigured, result.Error);
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Each_refusal_says_why_in_words_safe_to_log()
    {
        var closed = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var unreachable = closed.BaseUrl + FakeChannelMetadata.MetadataPath;
        await closed.DisposeAsync();
        var parts = channel.Key.Mint().Split('.');

        Assert.Equal((ChannelAuthError.NotConfigured, "Channel authentication is not configured (no MicrosoftAppId)."),
            Why(await Validate(Bearer(channel.Key.Mint()), validator: Validator(o => o.MicrosoftAppId = null))));
        Assert.Equal((ChannelAuthError.MalformedToken, "The bearer token is not a well-formed signed JWT."), Why(await Validate(Bearer("not-a-jwt"))));
        Assert.Equal((ChannelAuthError.MalformedToken, "The bearer token has no signature."), Why(await Validate(Bearer($"{parts[0]}.{parts[1]}."))));
        Assert.Equal((ChannelAuthError.MetadataUnavailable, "The channel's signing keys could not be fetched."),
            Why(await Validate(Bearer(channel.Key.Mint()), validator: Validator(o => o.OpenIdMetadataUrl = unreachable))));
    }

    private static (ChannelAuthError, string?) Why(ChannelAuthResult result) => (result.Error, result.Reason);

    [Fact]
    public async Task A_request_given_up_by_its_caller_is_cancelled_not_a_503()
    {
        var validator = Validator();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            validator.ValidateAsync(Bearer(channel.Key.Mint()), TokenDefaults.ServiceUrl, TokenDefaults.ChannelId, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Metadata_that_does_not_arrive_in_time_is_a_503_not_a_cancellation()
    {
        var never = new TaskCompletionSource();
        await using var silent = await LoopbackServer.StartAsync(_ => never.Task);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TokenDefaults.AppId, MicrosoftAppPassword = "not used here",
            OpenIdMetadataUrl = silent.BaseUrl + FakeChannelMetadata.MetadataPath, RequireHttpsMetadata = false,
        };

        var result = await new ChannelTokenValidator(options, impatient).ValidateAsync(Bearer(channel.Key.Mint()), TokenDefaults.ServiceUrl, TokenDefaults.ChannelId, CancellationToken.None);
        never.SetResult();

        Assert.Equal(ChannelAuthError.MetadataUnavailable, result.Error);
        Assert.Equal(503, result.StatusCode);
    }


    [Fact]
    public async Task An_encrypted_token_is_not_what_a_channel_sends_whatever_its_header_names()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM","typ":"JWT"}""");

        var result = await Validate(Bearer($"{header}.AAAA.AAAA.AAAA.AAAA"));

        AssertRejected(result, ChannelAuthError.MalformedToken);
    }

    [Fact]
    public void A_failure_must_name_its_error()
    {
        var thrown = Assert.Throws<ArgumentException>(() => ChannelAuthResult.Fail(ChannelAuthError.None, "nothing wrong"));

        Assert.Equal("error", thrown.ParamName);
        Assert.StartsWith("A failure needs an error.", thrown.Message);
    }

    [Fact]
    public async Task Unreachable_metadata_is_a_503_not_an_exception()
    {
        var closed = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var url = closed.BaseUrl + FakeChannelMetadata.MetadataPath;
        await closed.DisposeAsync();

        var result = await Validate(Bearer(channel.Key.Mint()), validator: Validator(o => o.OpenIdMetadataUrl = url));

        Assert.Equal(ChannelAuthError.MetadataUnavailable, result.Error);
        Assert.Equal(503, result.StatusCode);
    }

    [Fact]
    public async Task Metadata_over_plain_http_is_refused_while_https_is_required()
    {
        var result = await Validate(Bearer(channel.Key.Mint()), validator: Validator(o => o.RequireHttpsMetadata = true));

        Assert.Equal(ChannelAuthError.MetadataUnavailable, result.Error);
    }

    [Fact]
    public async Task The_signing_keys_are_fetched_once_and_cached()
    {
        var validator = Validator();
        var before = (channel.Metadata.MetadataFetches, channel.Metadata.KeyFetches);

        for (var i = 0; i < 5; i++)
            Assert.True((await Validate(Bearer(channel.Key.Mint()), validator: validator)).IsValid);

        Assert.Equal(before.MetadataFetches + 1, channel.Metadata.MetadataFetches);
        Assert.Equal(before.KeyFetches + 1, channel.Metadata.KeyFetches);
    }

    public void Dispose() => metadataHttp.Dispose();
}
