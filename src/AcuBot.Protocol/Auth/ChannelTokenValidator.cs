using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// Checks the JWT a Bot Framework channel sends with each request to <c>/api/messages</c>, following
/// the Bot Connector authentication spec: Bearer scheme; RS256 signature by a key from the channel's
/// OpenID metadata (and, if that key lists endorsements, one for the activity's channel); an issuer
/// from the configured list; audience = the bot's app id; within its lifetime, give or take the clock
/// skew; and a <c>serviceurl</c> claim equal to the activity's serviceUrl, so a token for one
/// conversation's channel cannot send the bot's replies (and its access token) somewhere else.
/// Bad tokens give a failed result, never an exception.
/// </summary>
public sealed class ChannelTokenValidator
{
    /// <summary>The claim holding the serviceUrl the channel vouches for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The one signing algorithm accepted; "none", HMAC and the rest are refused before anything else.</summary>
    public const string SigningAlgorithm = SecurityAlgorithms.RsaSha256;

    private readonly BotAuthenticationOptions _options;
    private readonly OpenIdSigningKeySource _keys;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public ChannelTokenValidator(BotAuthenticationOptions options, OpenIdSigningKeySource keys)
    {
        _options = options;
        _keys = keys;
    }

    /// <summary>Builds the key source from the options; <paramref name="metadataHttp"/> fetches the metadata and keys.</summary>
    public ChannelTokenValidator(BotAuthenticationOptions options, HttpClient metadataHttp, ILogger? logger = null)
        : this(options, new OpenIdSigningKeySource(options.OpenIdMetadataUrl, metadataHttp, options.RequireHttpsMetadata, logger: logger))
    {
    }

    /// <summary>True when an app id is configured: then every request must pass <see cref="ValidateAsync"/>.</summary>
    public bool IsEnabled => _options.IsEnabled;

    /// <param name="authorizationHeader">The request's <c>Authorization</c> header value.</param>
    /// <param name="activityServiceUrl">The serviceUrl at the root of the request's Activity.</param>
    /// <param name="activityChannelId">The Activity's channelId, checked against the signing key's endorsements.</param>
    public async Task<ChannelAuthResult> ValidateAsync(string? authorizationHeader, string? activityServiceUrl,
        string? activityChannelId, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
            return ChannelAuthResult.Fail(ChannelAuthError.NotConfigured, "Channel authentication is not configured (no MicrosoftAppId).");

        var token = BearerToken.FromHeader(authorizationHeader);
        if (token is null)
            return ChannelAuthResult.Fail(ChannelAuthError.MissingToken, "The request has no 'Authorization: Bearer' token.");

        // Look at the header before fetching anything: garbage and foreign algorithms need no keys to refuse.
        if (ReadHeader(token) is not { } unverified)
            return ChannelAuthResult.Fail(ChannelAuthError.MalformedToken, "The bearer token is not a well-formed signed JWT.");
        if (!string.Equals(unverified.Alg, SigningAlgorithm, StringComparison.Ordinal))
            return ChannelAuthResult.Fail(ChannelAuthError.DisallowedAlgorithm, $"The token's signing algorithm is not {SigningAlgorithm}.");
        if (!unverified.IsSigned)
            return ChannelAuthResult.Fail(ChannelAuthError.MalformedToken, "The bearer token has no signature.");

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _keys.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ChannelAuthResult.Fail(ChannelAuthError.MetadataUnavailable, "The channel's signing keys could not be fetched.");
        }

        var result = await ValidateSignatureAndClaimsAsync(token, configuration);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException &&
            await RefreshedKeysAsync(configuration, cancellationToken) is { } refreshed)
        {
            // An unknown key id is how a key rotation first shows: try once more with the new keys.
            configuration = refreshed;
            result = await ValidateSignatureAndClaimsAsync(token, configuration);
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken validated)
            return Describe(result.Exception);

        var serviceUrl = ServiceUrlOf(validated);
        if (serviceUrl is null)
            return ChannelAuthResult.Fail(ChannelAuthError.MissingServiceUrl, "The token has no single 'serviceurl' claim.");
        // Exact comparison, as the Bot Framework SDK does: the token vouches for this URL and no other.
        if (!string.Equals(serviceUrl, activityServiceUrl, StringComparison.Ordinal))
            return ChannelAuthResult.Fail(ChannelAuthError.ServiceUrlMismatch, "The token's serviceurl claim does not match the activity's serviceUrl.");

        // Endorsements are looked up by the token's kid. IdentityModel also finds a key by the header's x5t:
        // such a token would have no endorsements to check, and be let through for any channel.
        var signingKey = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, validated.Kid, StringComparison.Ordinal));
        if (signingKey is null)
            return ChannelAuthResult.Fail(ChannelAuthError.UnknownSigningKey, "The token does not name its signing key by a key id the channel publishes.");
        if (!ChannelEndorsements.Allow(signingKey, activityChannelId))
            return ChannelAuthResult.Fail(ChannelAuthError.ChannelNotEndorsed, "The key that signed the token does not endorse the activity's channelId.");

        return ChannelAuthResult.Success(serviceUrl, result.ClaimsIdentity ?? new ClaimsIdentity(validated.Claims, "BotFramework"));
    }

    private async Task<OpenIdConnectConfiguration?> RefreshedKeysAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        try
        {
            return await _keys.RefreshAsync(stale, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;   // the token is then refused for its unknown key, as it would have been anyway
        }
    }

    private async Task<TokenValidationResult> ValidateSignatureAndClaimsAsync(string token, OpenIdConnectConfiguration configuration)
    {
        // The metadata says which algorithms its keys sign with; RS256 must be one of them.
        var published = configuration.IdTokenSigningAlgValuesSupported;
        if (published.Count > 0 && !published.Contains(SigningAlgorithm))
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenInvalidAlgorithmException("The metadata does not list RS256.") };

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = configuration.SigningKeys,
            // The token's kid must name a key; trying every key would hide rotations and blur errors.
            TryAllIssuerSigningKeys = false,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SigningAlgorithm],
            // Issuers come from the options only: passing no configuration here keeps the metadata's own
            // "issuer" from being accepted as well.
            ValidateIssuer = true,
            ValidIssuers = _options.EffectiveValidIssuers,
            ValidateAudience = true,
            ValidAudience = _options.MicrosoftAppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = _options.ClockSkew,
        };
        try
        {
            return await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception ex)
        {
            // The handler reports failures in its result; this is for anything it throws regardless.
            return new TokenValidationResult { IsValid = false, Exception = ex };
        }
    }

    private JsonWebToken? ReadHeader(string token)
    {
        if (!_handler.CanReadToken(token)) return null;
        try
        {
            var jwt = _handler.ReadJsonWebToken(token);
            // An encrypted token (JWE) is not what a channel sends.
            return jwt.IsEncrypted ? null : jwt;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The serviceurl claim's value, or null when there is none or more than one distinct value.</summary>
    private static string? ServiceUrlOf(JsonWebToken token)
    {
        // The spec spells it "serviceUrl" and tokens carry "serviceurl"; accept either spelling, but only one value.
        var values = token.Claims
            .Where(c => string.Equals(c.Type, ServiceUrlClaim, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
    }

    private static ChannelAuthResult Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => ChannelAuthResult.Fail(ChannelAuthError.Expired, "The token has expired."),
        SecurityTokenNotYetValidException => ChannelAuthResult.Fail(ChannelAuthError.NotYetValid, "The token is not valid yet."),
        SecurityTokenNoExpirationException => ChannelAuthResult.Fail(ChannelAuthError.MissingLifetime, "The token has no expiry."),
        SecurityTokenInvalidLifetimeException => ChannelAuthResult.Fail(ChannelAuthError.MissingLifetime, "The token's lifetime is not valid."),
        SecurityTokenInvalidIssuerException => ChannelAuthResult.Fail(ChannelAuthError.InvalidIssuer, "The token's issuer is not trusted."),
        SecurityTokenInvalidAudienceException => ChannelAuthResult.Fail(ChannelAuthError.InvalidAudience, "The token is not meant for this bot (audience)."),
        SecurityTokenSignatureKeyNotFoundException => ChannelAuthResult.Fail(ChannelAuthError.UnknownSigningKey, "The token is signed with a key the channel does not publish."),
        SecurityTokenInvalidAlgorithmException => ChannelAuthResult.Fail(ChannelAuthError.DisallowedAlgorithm, $"The token's signing algorithm is not {SigningAlgorithm}."),
        SecurityTokenInvalidSignatureException => ChannelAuthResult.Fail(ChannelAuthError.InvalidSignature, "The token's signature is not valid."),
        SecurityTokenMalformedException or ArgumentException => ChannelAuthResult.Fail(ChannelAuthError.MalformedToken, "The bearer token is not a well-formed signed JWT."),
        _ => ChannelAuthResult.Fail(ChannelAuthError.InvalidToken, "The token is not valid."),
    };
}
