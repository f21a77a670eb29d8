using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AcuBot.Protocol.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>
/// Rules of the channel token that ChannelTokenValidatorTests' well-behaved channel never tests: a token
/// must carry an expiry; its kid must name the key that signed it (the bot does not try every published
/// key); the metadata must list RS256 among its algorithms when it lists any. The channel here is the
/// test's own, so that its keys and metadata can be shaped.
/// </summary>
public sealed class ChannelTokenRulesTests : IAsyncLifetime
{
    private readonly RSA _published = RSA.Create(2048);
    private readonly RSA _other = RSA.Create(2048);
    private LoopbackServer _server = null!;
    private readonly HttpClient _http = new();

    /// <summary>What the metadata lists under id_token_signing_alg_values_supported (null: the field is left out).</summary>
    private string[]? _algorithms = ["RS256"];

    /// <summary>The certificate the JWKS gives for the published key (x5c), as the Bot Framework's does; none unless set.</summary>
    private X509Certificate2? _certificate;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(ServeAsync);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _published.Dispose();
        _other.Dispose();
        _certificate?.Dispose();
    }

    private Task ServeAsync(HttpContext http)
    {
        JsonObject body;
        if (http.Request.Path == "/metadata")
        {
            body = new JsonObject { ["issuer"] = TokenDefaults.Issuer, ["jwks_uri"] = _server.BaseUrl + "/keys" };
            if (_algorithms is not null) body["id_token_signing_alg_values_supported"] = new JsonArray([.. _algorithms.Select(a => (JsonNode?)a)]);
        }
        else
        {
            var key = _published.ExportParameters(false);
            var jwk = new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = "published",
                ["n"] = Base64UrlEncoder.Encode(key.Modulus), ["e"] = Base64UrlEncoder.Encode(key.Exponent),
            };
            if (_certificate is not null) jwk["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData));
            body = new JsonObject { ["keys"] = new JsonArray(jwk) };
        }
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString());
    }

    private Task<ChannelAuthResult> ValidateAsync(string token)
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = TokenDefaults.AppId,
            MicrosoftAppPassword = "not used here",
            OpenIdMetadataUrl = _server.BaseUrl + "/metadata",
            RequireHttpsMetadata = false,
        };
        return new ChannelTokenValidator(options, _http).ValidateAsync("Bearer " + token, TokenDefaults.ServiceUrl, TokenDefaults.ChannelId, CancellationToken.None);
    }

    private static string Mint(RSA key, string keyId, bool withExpiry = true, bool withNotBefore = true)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TokenDefaults.Issuer,
            Audience = TokenDefaults.AppId,
            Expires = withExpiry ? now.AddMinutes(30) : null,
            NotBefore = withNotBefore ? now.AddMinutes(-1) : null,
            IssuedAt = now.AddMinutes(-1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = TokenDefaults.ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    [Fact]
    public async Task A_token_signed_by_the_published_key_is_accepted()
    {
        var result = await ValidateAsync(Mint(_published, "published"));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(TokenDefaults.ServiceUrl, result.ServiceUrl);
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var result = await ValidateAsync(Mint(_published, "published", withExpiry: false));

        Assert.Equal(ChannelAuthError.MissingLifetime, result.Error);
        Assert.Equal("The token has no expiry.", result.Reason);
        Assert.Equal(401, result.StatusCode);
        Assert.Null(result.ServiceUrl);
    }

    [Fact]
    public async Task A_token_without_a_start_is_valid_until_its_expiry()
    {
        var result = await ValidateAsync(Mint(_published, "published", withNotBefore: false));

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public async Task A_genuine_signature_under_a_key_id_the_channel_does_not_publish_is_refused()
    {
        // Signed by the published key but naming another kid: trying every published key would accept it.
        var result = await ValidateAsync(Mint(_published, "not-published"));

        Assert.Equal(ChannelAuthError.UnknownSigningKey, result.Error);
        // Refused for its kid, before any signature check: no published key was tried on it.
        Assert.Equal("The token is signed with a key the channel does not publish.", result.Reason);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_published_key_id_is_refused()
    {
        var result = await ValidateAsync(Mint(_other, "published"));

        Assert.Equal(ChannelAuthError.InvalidSignature, result.Error);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS384", "PS256")]
    public async Task Metadata_that_lists_algorithms_without_RS256_is_not_trusted(params string[] algorithms)
    {
        _algorithms = algorithms;

        var result = await ValidateAsync(Mint(_published, "published"));

        Assert.Equal(ChannelAuthError.DisallowedAlgorithm, result.Error);
        Assert.Equal("The token's signing algorithm is not RS256.", result.Reason);
    }

    [Fact]
    public async Task Metadata_that_lists_RS256_among_others_or_no_algorithms_at_all_is_trusted()
    {
        _algorithms = ["ES256", "RS256"];
        Assert.True((await ValidateAsync(Mint(_published, "published"))).IsValid);

        _algorithms = null;
        Assert.True((await ValidateAsync(Mint(_published, "published"))).IsValid);
    }

    /// <summary>A certificate for the published key, valid from <paramref name="from"/> to <paramref name="until"/> (relative to now).</summary>
    private X509Certificate2 CertificateFor(TimeSpan from, TimeSpan until) =>
        new CertificateRequest("CN=channel signing key", _published, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow + from, DateTimeOffset.UtcNow + until);

    [Fact]
    public async Task A_key_whose_certificate_has_expired_signs_nothing_the_bot_accepts()
    {
        _certificate = CertificateFor(TimeSpan.FromDays(-730), TimeSpan.FromDays(-365));

        var result = await ValidateAsync(Mint(_published, "published"));

        Assert.Equal(ChannelAuthError.InvalidToken, result.Error);
        Assert.Equal("The token is not valid.", result.Reason);
        Assert.Equal(401, result.StatusCode);
    }

    [Fact]
    public async Task A_key_whose_certificate_is_current_signs_as_the_key_alone_does()
    {
        _certificate = CertificateFor(TimeSpan.FromDays(-1), TimeSpan.FromDays(365));

        var result = await ValidateAsync(Mint(_published, "published"));

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public async Task A_token_whose_start_is_after_its_expiry_is_refused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = RawChannelToken.Sign(_published, """{"alg":"RS256","typ":"JWT","kid":"published"}""",
            RawChannelToken.Payload(notBefore: now + 3600, expires: now + 600));

        var result = await ValidateAsync(token);

        Assert.Equal(ChannelAuthError.MissingLifetime, result.Error);
        Assert.Equal("The token's lifetime is not valid.", result.Reason);
    }

    [Theory]
    [InlineData("signature", "@@@@")]
    [InlineData("exp", "\"soon\"")]
    [InlineData("aud", "5")]
    public async Task A_signed_token_with_a_part_that_cannot_be_read_is_malformed(string part, string value)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = RawChannelToken.Payload();
        if (part == "exp") payload = payload.Replace($"\"exp\":{now + 1800}", $"\"exp\":{value}");
        if (part == "aud") payload = payload.Replace($"\"aud\":\"{TokenDefaults.AppId}\"", $"\"aud\":{value}");
        var token = RawChannelToken.Sign(_published, """{"alg":"RS256","typ":"JWT","kid":"published"}""", payload);
        if (part == "signature") token = token[..(token.LastIndexOf('.') + 1)] + value;

        var result = await ValidateAsync(token);

        Assert.Equal(ChannelAuthError.MalformedToken, result.Error);
        Assert.Equal("The bearer token is not a well-formed signed JWT.", result.Reason);
    }
}
